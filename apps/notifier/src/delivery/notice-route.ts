import type { ComplaintEventV1, NoticeRoute } from '@plaint/contracts';
import type { NoticeDestination } from '@plaint/persistence';

const SOCIAL_ROUTES = new Set<NoticeRoute>(['telegram', 'whatsapp', 'messenger', 'instagram']);

/** Where a notice goes: the live chat, a route with fallbacks, or nowhere written. */
export type NoticeAddress =
  | { kind: 'chat'; conversationId: string }
  | { kind: 'route'; primary: NoticeDestination; alternatives: NoticeDestination[] }
  | { kind: 'none' };

/**
 * A notice answers on the channel the customer used (docs/policy.md, "Communication"): the chat
 * conversation, the social conversation, else the customer's e-mail, else an SMS to their phone.
 * The other written routes the customer gave are kept, in that order, for when the first fails
 * for good (a blocked bot, an address that bounces). What staff registered (phone, complaint
 * book, consultation) has no conversation to answer in: e-mail when given, else SMS.
 */
export function addressNotice(event: ComplaintEventV1): NoticeAddress {
  if (event.channel === 'chat') return event.replyTo ? { kind: 'chat', conversationId: event.replyTo } : { kind: 'none' };
  const destinations: NoticeDestination[] = [];
  const social = event.channel as NoticeRoute;
  if (SOCIAL_ROUTES.has(social) && event.replyTo) destinations.push({ route: social, recipient: event.replyTo });
  if (event.customer.email) destinations.push({ route: 'email', recipient: event.customer.email });
  if (event.customer.phone) destinations.push({ route: 'sms', recipient: event.customer.phone });
  const [primary, ...alternatives] = destinations;
  return primary ? { kind: 'route', primary, alternatives } : { kind: 'none' };
}
