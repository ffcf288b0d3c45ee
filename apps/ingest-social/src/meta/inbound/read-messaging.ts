import { type JsonObject, objectOf, objectsOf, stringOf } from './json-fields';
import { type MetaChannel, type MetaCustomerMessage, type MetaMediaRef, type MetaReceipt, type MetaUpdate, dateOf } from './meta-update';

/** Attachment kinds that are files of the customer's; shares, story mentions and templates are not. */
const FILE_TYPES = new Set(['image', 'video', 'audio', 'file']);

function mediaOf(message: JsonObject): MetaMediaRef[] {
  const media: MetaMediaRef[] = [];
  for (const attachment of objectsOf(message.attachments)) {
    const type = stringOf(attachment.type);
    const url = stringOf(objectOf(attachment.payload).url);
    if (type && url && FILE_TYPES.has(type)) media.push({ source: 'url', url, label: type });
  }
  return media;
}

/** The customer's message or the button they pressed; undefined for echoes, deletions and reactions. */
function customerMessageOf(channel: MetaChannel, event: JsonObject, businessId: string, now: Date): MetaCustomerMessage | undefined {
  const customerId = stringOf(objectOf(event.sender).id);
  if (!customerId || customerId === businessId) return undefined;
  const base = { channel, businessId, customerId, sentAt: dateOf(event.timestamp, 'ms', now) };
  const message = objectOf(event.message);
  if (event.message !== undefined) {
    const messageId = stringOf(message.mid);
    // Echoes are our own messages; a deleted (unsent) message is not a complaint.
    if (!messageId || message.is_echo === true || message.is_deleted === true) return undefined;
    // For a quick reply, `text` is the title of the reply the customer tapped.
    const media = mediaOf(message);
    const text = stringOf(message.text) ?? '';
    if (!text && media.length === 0) return undefined;
    return { ...base, messageId, text, media };
  }
  if (event.postback !== undefined) {
    const postback = objectOf(event.postback);
    const title = stringOf(postback.title);
    if (!title) return undefined;
    const messageId = stringOf(postback.mid) ?? `postback:${customerId}:${base.sentAt.getTime()}`;
    return { ...base, messageId, text: title, media: [] };
  }
  return undefined;
}

function receiptsOf(channel: MetaChannel, event: JsonObject, now: Date): MetaReceipt[] {
  const occurredAt = dateOf(event.timestamp, 'ms', now);
  const receipt = (messageId: string, state: 'delivered' | 'read'): MetaReceipt => ({ eventId: `${channel}:${messageId}:${state}`, route: channel, messageId, state, occurredAt });
  if (event.delivery !== undefined) {
    const mids = objectOf(event.delivery).mids;
    return (Array.isArray(mids) ? mids : []).map(stringOf).filter((mid): mid is string => !!mid).map((mid) => receipt(mid, 'delivered'));
  }
  // Instagram names the message read; Messenger gives only a watermark (see docs/meta.md).
  const readMid = stringOf(objectOf(event.read).mid);
  return readMid ? [receipt(readMid, 'read')] : [];
}

/**
 * A Messenger (`object: page`) or Instagram (`object: instagram`) notification: customers'
 * messages and postbacks, and what became of ours. Reactions, echoes and other events are left out.
 */
export function readMessaging(channel: 'messenger' | 'instagram', body: JsonObject, now: Date): MetaUpdate {
  const update: MetaUpdate = { messages: [], receipts: [] };
  for (const entry of objectsOf(body.entry)) {
    const businessId = stringOf(entry.id);
    if (!businessId) continue;
    for (const event of objectsOf(entry.messaging)) {
      const message = customerMessageOf(channel, event, businessId, now);
      if (message) update.messages.push(message);
      update.receipts.push(...receiptsOf(channel, event, now));
    }
  }
  return update;
}
