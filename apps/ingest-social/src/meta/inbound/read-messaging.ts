import { type JsonObject, objectOf, objectsOf, stringOf } from './json-fields';
import { conversationOf } from '@plaint/meta';
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

function receiptsOf(channel: MetaChannel, event: JsonObject, businessId: string, now: Date): MetaReceipt[] {
  const occurredAt = dateOf(event.timestamp, 'ms', now);
  const receipt = (messageId: string, state: 'delivered' | 'read'): MetaReceipt => ({ eventId: `${channel}:${messageId}:${state}`, route: channel, messageId, state, occurredAt });
  const report = event.delivery !== undefined ? { state: 'delivered' as const, body: objectOf(event.delivery) } : event.read !== undefined ? { state: 'read' as const, body: objectOf(event.read) } : undefined;
  if (!report) return [];
  // Instagram names the message; Messenger names them (deliveries) or gives only a watermark:
  // everything sent to this customer up to that instant.
  const listed: unknown[] = Array.isArray(report.body.mids) ? (report.body.mids as unknown[]) : [];
  const mids = [...listed, report.body.mid].map(stringOf).filter((mid): mid is string => !!mid);
  if (mids.length > 0) return mids.map((mid) => receipt(mid, report.state));
  const customerId = stringOf(objectOf(event.sender).id);
  const watermark = dateOf(report.body.watermark, 'ms', new Date(NaN));
  if (!customerId || Number.isNaN(watermark.getTime())) return [];
  const recipient = conversationOf({ businessId, customerId });
  return [{ eventId: `${channel}:${recipient}:${report.state}:${watermark.getTime()}`, route: channel, recipient, upTo: watermark, state: report.state, occurredAt }];
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
      update.receipts.push(...receiptsOf(channel, event, businessId, now));
    }
  }
  return update;
}
