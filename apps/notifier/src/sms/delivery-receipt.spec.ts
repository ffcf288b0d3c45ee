import { PDU } from 'smpp';
import type { Pdu } from 'smpp';
import { deliveryReceipt } from './delivery-receipt';

const deliverSm = (fields: Record<string, unknown>) => Object.assign(new PDU('deliver_sm', {}), fields) as unknown as Pdu;
const text = (stat: string, err = '000') => ({ message: `id:7f3a21 sub:001 dlvrd:001 submit date:2612020801 done date:2612020802 stat:${stat} err:${err} text:Hormetli` });

describe('SMS delivery receipts', () => {
  it('reads a delivered receipt from the receipt text', () => {
    expect(deliveryReceipt(deliverSm({ esm_class: 0x04, short_message: text('DELIVRD') }))).toEqual({ messageId: '7f3a21', state: 'delivered' });
  });

  it('reads a failure with the operator’s stat and err for agents', () => {
    expect(deliveryReceipt(deliverSm({ esm_class: 0x04, short_message: text('UNDELIV', '001') }))).toEqual({
      messageId: '7f3a21',
      state: 'failed',
      reason: 'the operator reported the SMS as undeliverable (stat UNDELIV, err 001)',
    });
    expect(deliveryReceipt(deliverSm({ esm_class: 0x04, short_message: text('EXPIRED') }))?.reason).toMatch(/^the SMS expired/);
  });

  it('prefers the receipted_message_id and message_state TLVs', () => {
    const pdu = deliverSm({ esm_class: 0x04, receipted_message_id: 'A1B2', message_state: 8, short_message: text('DELIVRD') });
    expect(deliveryReceipt(pdu)).toMatchObject({ messageId: 'A1B2', state: 'failed', reason: expect.stringMatching(/rejected.*stat REJECTD/) });
  });

  it('ignores messages from phones and states that are not final', () => {
    expect(deliveryReceipt(deliverSm({ esm_class: 0x00, short_message: text('DELIVRD') }))).toBeUndefined();
    expect(deliveryReceipt(deliverSm({ esm_class: 0x04, short_message: text('ENROUTE') }))).toBeUndefined();
    expect(deliveryReceipt(deliverSm({ esm_class: 0x04, short_message: { message: 'stat:DELIVRD' } }))).toBeUndefined();
  });
});
