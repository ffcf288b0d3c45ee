import { toE164Phone } from '@plaint/contracts';
import type { CountryCode } from 'libphonenumber-js';

export type IdentityKind = 'email' | 'phone' | 'platform';

export interface CustomerIdentity {
  kind: IdentityKind;
  /** Normalised: lower-case e-mail, E.164 phone, "<channel>:<platform id>". */
  value: string;
  /**
   * The channel itself vouches for it: the address a mail came from, a platform's user id, the
   * chat conversation the server opened. A contact typed into a chat or a form is not: anyone can
   * type anyone's address. Only verified identities tie a message to a known customer.
   */
  verified: boolean;
}

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/**
 * E.164 form of a phone number as a customer typed it, or null when it is not a plausible
 * number. Numbers without a country code are read as Azerbaijani (the default region). It is
 * the bus contract's own rule, so a number accepted here always passes the contract.
 */
export function normalizePhone(phone: string, defaultRegion: CountryCode = 'AZ'): string | null {
  return toE164Phone(phone, defaultRegion);
}

interface SenderLike {
  email?: string;
  phone?: string;
  platformId?: string;
}

/** Where a message came from, beyond its channel: what decides which identities are proven. */
export interface MessageOrigin {
  /** The channel's conversation (for the chat: the server-issued conversation id). */
  conversation?: string;
  /** Set when an employee forwarded the mail: the sender is only as the forward names them. */
  forwardedBy?: string;
}

/** The identities a message tells about its sender, strongest first. */
export function identitiesOf(channel: string, sender: SenderLike, origin: MessageOrigin = {}): CustomerIdentity[] {
  const identities: CustomerIdentity[] = [];
  // Only the mail channel's own sender address is proven (it is where our answers go); a forward
  // names the original sender in text anyone can write.
  const mailSender = channel === 'email' && !origin.forwardedBy;
  if (sender.email) identities.push({ kind: 'email', value: normalizeEmail(sender.email), verified: mailSender });
  if (sender.phone) {
    const phone = normalizePhone(sender.phone);
    if (phone) identities.push({ kind: 'phone', value: phone, verified: false });
  }
  if (sender.platformId) identities.push({ kind: 'platform', value: `${channel}:${sender.platformId}`, verified: true });
  // The live chat has no account: its conversation id (random, issued by the server) is the one
  // thing that proves a visitor is the same person as before.
  if (channel === 'chat' && origin.conversation) identities.push({ kind: 'platform', value: `chat:${origin.conversation}`, verified: true });
  return identities;
}

/** The identities that may tie a message to a customer already known. */
export function verifiedIdentitiesOf(channel: string, sender: SenderLike, origin: MessageOrigin = {}): CustomerIdentity[] {
  return identitiesOf(channel, sender, origin).filter((identity) => identity.verified);
}

/**
 * The bus key of a customer's messages: one customer's messages stay in order in one partition.
 * Falls back to the conversation when the channel tells nothing about the sender.
 */
export function customerKey(channel: string, sender: SenderLike, conversation: string): string {
  const [strongest] = identitiesOf(channel, sender);
  return strongest ? `${strongest.kind}:${strongest.value}` : `conversation:${channel}:${conversation}`;
}
