import { toE164Phone } from '@plaint/contracts';
import { type JsonObject, objectOf, objectsOf, stringOf } from './json-fields';
import { type MetaMediaRef, type MetaReceipt, type MetaUpdate, dateOf } from './meta-update';

const MEDIA_TYPES = ['image', 'video', 'audio', 'document', 'sticker'] as const;

/** What a customer's WhatsApp message says in words: text, a caption, or the reply they picked. */
function wordsOf(message: JsonObject): string {
  const type = stringOf(message.type);
  if (type === 'text') return stringOf(objectOf(message.text).body) ?? '';
  if (type === 'interactive') {
    const interactive = objectOf(message.interactive);
    const picked = objectOf(interactive.button_reply ?? interactive.list_reply);
    return stringOf(picked.title) ?? '';
  }
  if (type === 'button') return stringOf(objectOf(message.button).text) ?? '';
  const media = objectOf(message[type ?? '']);
  return stringOf(media.caption) ?? '';
}

function mediaOf(message: JsonObject): MetaMediaRef[] {
  const type = MEDIA_TYPES.find((kind) => kind === message.type);
  if (!type) return [];
  const media = objectOf(message[type]);
  const mediaId = stringOf(media.id);
  if (!mediaId) return [];
  const filename = stringOf(media.filename);
  const contentType = stringOf(media.mime_type);
  return [{ source: 'whatsapp-media', mediaId, label: filename ? `${type} "${filename}"` : type, ...(filename && { filename }), ...(contentType && { contentType }) }];
}

/** A message Plaint takes as the customer's words: not a reaction, not a system notice. */
function isCustomerMessage(message: JsonObject): boolean {
  const type = stringOf(message.type);
  return type === 'text' || type === 'interactive' || type === 'button' || MEDIA_TYPES.some((kind) => kind === type);
}

function receiptOf(status: JsonObject, now: Date): MetaReceipt | undefined {
  const messageId = stringOf(status.id);
  const state = stringOf(status.status);
  if (!messageId || (state !== 'delivered' && state !== 'read' && state !== 'failed')) return undefined;
  const receipt: MetaReceipt = { eventId: `whatsapp:${messageId}:${state}`, route: 'whatsapp', messageId, state, occurredAt: dateOf(status.timestamp, 's', now) };
  if (state === 'failed') {
    const [error] = objectsOf(status.errors);
    const details = stringOf(objectOf(error?.error_data).details);
    const title = stringOf(error?.title) ?? stringOf(error?.message) ?? 'WhatsApp did not deliver the message';
    receipt.reason = [`WhatsApp: ${title}`, details, error?.code !== undefined ? `(code ${stringOf(error.code)})` : undefined].filter(Boolean).join(' ').slice(0, 500);
  }
  return receipt;
}

/**
 * A WhatsApp Cloud API notification (`object: whatsapp_business_account`): the customers'
 * messages and the statuses of ours. Reactions, system notices and unsupported kinds are left out.
 */
export function readWhatsApp(body: JsonObject, now: Date): MetaUpdate {
  const update: MetaUpdate = { messages: [], receipts: [] };
  for (const entry of objectsOf(body.entry)) {
    for (const change of objectsOf(entry.changes)) {
      const value = objectOf(change.value);
      const businessId = stringOf(objectOf(value.metadata).phone_number_id);
      const names = new Map(objectsOf(value.contacts).map((contact) => [stringOf(contact.wa_id), stringOf(objectOf(contact.profile).name)]));
      for (const message of objectsOf(value.messages)) {
        const messageId = stringOf(message.id);
        const customerId = stringOf(message.from);
        if (!businessId || !messageId || !customerId || !isCustomerMessage(message)) continue;
        const phone = toE164Phone(`+${customerId}`);
        const name = names.get(customerId);
        update.messages.push({
          channel: 'whatsapp',
          messageId,
          businessId,
          customerId,
          ...(name && { name }),
          ...(phone && { phone }),
          text: wordsOf(message),
          media: mediaOf(message),
          sentAt: dateOf(message.timestamp, 's', now),
        });
      }
      for (const status of objectsOf(value.statuses)) {
        const receipt = receiptOf(status, now);
        if (receipt) update.receipts.push(receipt);
      }
    }
  }
  return update;
}
