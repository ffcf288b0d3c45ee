import { toE164Phone } from '@plaint/contracts';
import type { CountryCode } from 'libphonenumber-js';

export type IdentityKind = 'email' | 'phone' | 'platform';

export interface CustomerIdentity {
  kind: IdentityKind;
  /** Normalised: lower-case e-mail, E.164 phone, "<channel>:<platform id>". */
  value: string;
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

/** The identities a message tells about its sender, strongest first. */
export function identitiesOf(channel: string, sender: SenderLike): CustomerIdentity[] {
  const identities: CustomerIdentity[] = [];
  if (sender.email) identities.push({ kind: 'email', value: normalizeEmail(sender.email) });
  if (sender.phone) {
    const phone = normalizePhone(sender.phone);
    if (phone) identities.push({ kind: 'phone', value: phone });
  }
  if (sender.platformId) identities.push({ kind: 'platform', value: `${channel}:${sender.platformId}` });
  return identities;
}

/**
 * The bus key of a customer's messages: one customer's messages stay in order in one partition.
 * Falls back to the conversation when the channel tells nothing about the sender.
 */
export function customerKey(channel: string, sender: SenderLike, conversation: string): string {
  const [strongest] = identitiesOf(channel, sender);
  return strongest ? `${strongest.kind}:${strongest.value}` : `conversation:${channel}:${conversation}`;
}
