import { createHash, createHmac } from 'node:crypto';
import { normalizeEmail, normalizePhone } from './customer-identity';

/**
 * The customer's own page ("my complaints", docs/my-complaints.md): who signs in with what, and
 * the one-time links and sessions that prove it. No framework, no storage: pure rules.
 */

/**
 * A contact a customer signs in with. `email` and `phone` are typed on the page; `platform` is a
 * messaging platform's user (`telegram:<user id>`) asking from that very chat.
 */
export type SignInContactKind = 'email' | 'phone' | 'platform';

export interface SignInContact {
  kind: SignInContactKind;
  /** As identities are stored: lower-case e-mail, E.164 phone, `<channel>:<user id>`. */
  value: string;
}

const EMAIL = /^[^\s@<>"(),;:]+@[^\s@<>"(),;:]+\.[^\s@<>"(),;:.]{2,}$/;

/** What a customer typed as their contact, read as an e-mail address or a phone number; null when it is neither. */
export function signInContact(typed: string): SignInContact | null {
  const text = typed.trim();
  if (!text || text.length > 320) return null;
  if (text.includes('@')) return EMAIL.test(text) ? { kind: 'email', value: normalizeEmail(text) } : null;
  const phone = normalizePhone(text);
  return phone ? { kind: 'phone', value: phone } : null;
}

/** The bucket a contact is counted in by the rate limits, however it was spelled. */
export function contactKey(contact: SignInContact): string {
  return `${contact.kind}:${contact.value}`;
}

/**
 * The token of a sign-in link: an HMAC of the link's id under a key only the installation holds.
 * Core stores its hash, the notifier derives it when it sends the link, and nothing in between
 * (the outbox, the bus, the notice row) carries it.
 */
export function signInLinkToken(secret: string, linkId: string): string {
  const key = createHmac('sha256', secret).update('plaint customer sign-in links').digest();
  return createHmac('sha256', key).update(linkId).digest('base64url');
}

/** How a link's or a session's token is stored: its SHA-256, hex. */
export function tokenHash(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** A token as the page sends it back: base64url of 32 bytes. Anything else is refused unread. */
export function isWellFormedToken(value: string): boolean {
  return /^[A-Za-z0-9_-]{43}$/.test(value);
}

/**
 * A contact as the page shows it to the signed-in customer, enough to recognise it and no more:
 * `a•••@example.az`, `+994 •••• 67`, or the platform's name.
 */
export function maskedContact(contact: SignInContact): string {
  switch (contact.kind) {
    case 'email': {
      const [local = '', domain = ''] = contact.value.split('@');
      return `${local.slice(0, 1)}•••@${domain}`;
    }
    case 'phone':
      return `${contact.value.slice(0, 4)} •••• ${contact.value.slice(-2)}`;
    case 'platform':
      return contact.value.split(':')[0] ?? '';
  }
}

/**
 * Messaging platforms whose user a sign-in link can be sent to in the very chat they asked from:
 * the platform vouches for the user id, and the chat is theirs.
 */
export const SIGN_IN_PLATFORMS: readonly string[] = ['telegram', 'whatsapp', 'messenger', 'instagram'];

/**
 * A message that asks for a sign-in link in a messenger: a bot command `/signin` (also
 * `/mycomplaints`, and `/signin@our_bot` in a group), or Telegram's `/start signin` from a
 * t.me/<bot>?start=signin link.
 */
export function isSignInRequest(text: string): boolean {
  return /^\/(?:signin|mycomplaints)(?:@\w+)?$|^\/start(?:@\w+)?\s+signin$/iu.test(text.trim());
}

/** The link the customer opens: the page, with the token in the fragment, which no server or proxy log sees. */
export function signInLinkUrl(pageUrl: string, token: string): string {
  return `${pageUrl.replace(/#.*$/, '')}#token=${token}`;
}
