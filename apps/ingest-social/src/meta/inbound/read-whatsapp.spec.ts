import { readWhatsApp } from './read-whatsapp';

const NOW = new Date('2026-12-02T08:00:00Z');

function notification(value: Record<string, unknown>) {
  return {
    object: 'whatsapp_business_account',
    entry: [{ id: 'WABA', changes: [{ field: 'messages', value: { messaging_product: 'whatsapp', metadata: { display_phone_number: '994125550000', phone_number_id: 'PN1' }, ...value } }] }],
  };
}

const contact = { profile: { name: 'Aysel' }, wa_id: '994501234567' };
const message = (type: string, content: unknown, id = 'wamid.1') => ({ from: '994501234567', id, timestamp: '1764662400', type, [type]: content });

describe('readWhatsApp', () => {
  it('reads a text with the customer’s number, name and the time WhatsApp gives', () => {
    const update = readWhatsApp(notification({ contacts: [contact], messages: [message('text', { body: 'Salam' })] }), NOW);
    expect(update.messages).toEqual([
      {
        channel: 'whatsapp',
        messageId: 'wamid.1',
        businessId: 'PN1',
        customerId: '994501234567',
        name: 'Aysel',
        phone: '+994501234567',
        text: 'Salam',
        media: [],
        sentAt: new Date(1764662400 * 1000),
      },
    ]);
  });

  it('takes a caption with its file, and the title of a button or list reply', () => {
    const update = readWhatsApp(
      notification({
        contacts: [contact],
        messages: [
          message('document', { id: 'M1', filename: 'receipt.pdf', mime_type: 'application/pdf', caption: 'Receipt' }, 'a'),
          message('interactive', { type: 'button_reply', button_reply: { id: 'x', title: 'Yes' } }, 'b'),
          message('interactive', { type: 'list_reply', list_reply: { id: 'y', title: 'Store 2' } }, 'c'),
          message('button', { payload: 'P', text: 'Stop reminders' }, 'd'),
        ],
      }),
      NOW,
    );
    expect(update.messages.map(({ text, media }) => ({ text, media }))).toEqual([
      { text: 'Receipt', media: [{ source: 'whatsapp-media', mediaId: 'M1', label: 'document "receipt.pdf"', filename: 'receipt.pdf', contentType: 'application/pdf' }] },
      { text: 'Yes', media: [] },
      { text: 'Store 2', media: [] },
      { text: 'Stop reminders', media: [] },
    ]);
  });

  it('leaves out reactions, system messages and kinds it does not know', () => {
    const update = readWhatsApp(
      notification({
        messages: [message('reaction', { message_id: 'wamid.ours', emoji: '👍' }), message('system', { body: 'changed number' }), message('unsupported', {})],
      }),
      NOW,
    );
    expect(update.messages).toEqual([]);
  });

  it('reads delivered, read and failed statuses as receipts, and not "sent"', () => {
    const status = (state: string, extra: Record<string, unknown> = {}) => ({ id: 'wamid.OURS', status: state, timestamp: '1764662500', recipient_id: '994501234567', ...extra });
    const failed = status('failed', { errors: [{ code: 131047, title: 'Re-engagement message', error_data: { details: 'Message failed to send because more than 24 hours have passed' } }] });
    const update = readWhatsApp(notification({ statuses: [status('sent'), status('delivered'), status('read'), failed] }), NOW);
    expect(update.receipts).toEqual([
      { eventId: 'whatsapp:wamid.OURS:delivered', route: 'whatsapp', messageId: 'wamid.OURS', state: 'delivered', occurredAt: new Date(1764662500 * 1000) },
      { eventId: 'whatsapp:wamid.OURS:read', route: 'whatsapp', messageId: 'wamid.OURS', state: 'read', occurredAt: new Date(1764662500 * 1000) },
      {
        eventId: 'whatsapp:wamid.OURS:failed',
        route: 'whatsapp',
        messageId: 'wamid.OURS',
        state: 'failed',
        reason: 'WhatsApp: Re-engagement message Message failed to send because more than 24 hours have passed (code 131047)',
        occurredAt: new Date(1764662500 * 1000),
      },
    ]);
  });
});
