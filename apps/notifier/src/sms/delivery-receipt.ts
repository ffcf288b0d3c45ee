import type { Pdu } from 'smpp';
import type { NoticeReceiptState } from '@plaint/contracts';

/** esm_class bits 2–5 of a deliver_sm: 0b0001 is an SMSC delivery receipt. */
const MESSAGE_TYPE_MASK = 0x3c;
const DELIVERY_RECEIPT = 0x04;

/** Final states, from the receipt text's stat: field or the message_state TLV (SMPP 3.4, 5.2.28). */
const TEXT_STATES: Record<string, { state: NoticeReceiptState; reason?: string }> = {
  DELIVRD: { state: 'delivered' },
  UNDELIV: { state: 'failed', reason: 'the operator reported the SMS as undeliverable' },
  REJECTD: { state: 'failed', reason: 'the operator rejected the SMS' },
  EXPIRED: { state: 'failed', reason: 'the SMS expired before the phone could be reached' },
  DELETED: { state: 'failed', reason: 'the SMS was deleted before delivery' },
};
const TLV_STATES: Record<number, string> = { 2: 'DELIVRD', 3: 'EXPIRED', 4: 'DELETED', 5: 'UNDELIV', 8: 'REJECTD' };

export interface SmsReceipt {
  /** The message_id the gateway gave in its submit_sm_resp. */
  messageId: string;
  state: NoticeReceiptState;
  /** For a failure: what agents read, with the operator's stat and err codes. */
  reason?: string;
}

function receiptText(pdu: Pdu): string {
  const message = pdu.short_message;
  if (message === undefined) return '';
  const text = typeof message === 'string' || Buffer.isBuffer(message) ? message : message.message;
  return Buffer.isBuffer(text) ? text.toString('latin1') : text;
}

/**
 * Reads a delivery receipt (a deliver_sm whose esm_class says so): the receipted_message_id
 * and message_state TLVs when the gateway sends them, else the `id:… stat:… err:…` text most
 * gateways write. Undefined for anything else (a message from a phone), and for states that
 * are not final (ENROUTE, ACCEPTD, UNKNOWN).
 */
export function deliveryReceipt(pdu: Pdu): SmsReceipt | undefined {
  if (((pdu.esm_class ?? 0) & MESSAGE_TYPE_MASK) !== DELIVERY_RECEIPT) return undefined;
  const text = receiptText(pdu);
  const field = (name: string) => new RegExp(`(?:^|\\s)${name}:(\\S+)`, 'i').exec(text)?.[1];
  const messageId = pdu.receipted_message_id || field('id');
  const stat = (pdu.message_state !== undefined ? TLV_STATES[pdu.message_state] : undefined) ?? field('stat')?.toUpperCase();
  const known = stat ? TEXT_STATES[stat] : undefined;
  if (!messageId || !known) return undefined;
  if (known.state !== 'failed') return { messageId, state: known.state };
  const err = field('err');
  return { messageId, state: 'failed', reason: `${known.reason} (stat ${stat}${err ? `, err ${err}` : ''})` };
}
