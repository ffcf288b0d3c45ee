import { readMessaging } from './read-messaging';

const NOW = new Date('2026-12-02T08:00:00Z');
const AT = 1764662400000;
const from = (event: Record<string, unknown>) => ({ sender: { id: 'PSID' }, recipient: { id: 'PAGE' }, timestamp: AT, ...event });
const notification = (object: string, ...messaging: unknown[]) => ({ object, entry: [{ id: 'PAGE', time: AT, messaging }] });

describe('readMessaging', () => {
  it('reads a message with its files, a quick reply and a postback', () => {
    const update = readMessaging(
      'messenger',
      notification(
        'page',
        from({ message: { mid: 'm1', text: 'Broken', attachments: [{ type: 'image', payload: { url: 'https://cdn/x.jpg' } }, { type: 'fallback', payload: { url: 'https://a.link' } }] } }),
        from({ message: { mid: 'm2', text: 'Delivery', quick_reply: { payload: 'D' } } }),
        from({ postback: { mid: 'm3', title: 'Talk to us', payload: 'T' } }),
      ),
      NOW,
    );
    expect(update.messages).toEqual([
      { channel: 'messenger', businessId: 'PAGE', customerId: 'PSID', sentAt: new Date(AT), messageId: 'm1', text: 'Broken', media: [{ source: 'url', url: 'https://cdn/x.jpg', label: 'image' }] },
      { channel: 'messenger', businessId: 'PAGE', customerId: 'PSID', sentAt: new Date(AT), messageId: 'm2', text: 'Delivery', media: [] },
      { channel: 'messenger', businessId: 'PAGE', customerId: 'PSID', sentAt: new Date(AT), messageId: 'm3', text: 'Talk to us', media: [] },
    ]);
  });

  it('leaves out echoes of our messages, deleted messages and reactions', () => {
    const update = readMessaging(
      'instagram',
      notification(
        'instagram',
        { sender: { id: 'PAGE' }, recipient: { id: 'PSID' }, timestamp: AT, message: { mid: 'e', is_echo: true, text: 'ours' } },
        from({ message: { mid: 'd', is_deleted: true } }),
        from({ reaction: { mid: 'r', action: 'react', reaction: 'love' } }),
      ),
      NOW,
    );
    expect(update).toEqual({ messages: [], receipts: [] });
  });

  it('reads deliveries by message id, Instagram reads, and Messenger’s read watermark for the conversation', () => {
    const update = readMessaging('messenger', notification('page', from({ delivery: { mids: ['m_ours'], watermark: AT } }), from({ read: { watermark: AT - 5000 } })), NOW);
    expect(update.receipts).toEqual([
      { eventId: 'messenger:m_ours:delivered', route: 'messenger', messageId: 'm_ours', state: 'delivered', occurredAt: new Date(AT) },
      { eventId: `messenger:PAGE:PSID:read:${AT - 5000}`, route: 'messenger', recipient: 'PAGE:PSID', upTo: new Date(AT - 5000), state: 'read', occurredAt: new Date(AT) },
    ]);
    const read = readMessaging('instagram', notification('instagram', from({ read: { mid: 'ig_ours' } })), NOW);
    expect(read.receipts).toEqual([{ eventId: 'instagram:ig_ours:read', route: 'instagram', messageId: 'ig_ours', state: 'read', occurredAt: new Date(AT) }]);
  });

  it('takes a delivery that gives only a watermark as one for the whole conversation, and ignores one without', () => {
    const update = readMessaging('messenger', notification('page', from({ delivery: { watermark: AT } }), from({ read: {} })), NOW);
    expect(update.receipts).toEqual([
      { eventId: `messenger:PAGE:PSID:delivered:${AT}`, route: 'messenger', recipient: 'PAGE:PSID', upTo: new Date(AT), state: 'delivered', occurredAt: new Date(AT) },
    ]);
  });
});
