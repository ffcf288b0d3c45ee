import { toE164Phone } from './phone-number';
import { cleanText } from './text-hygiene';

/**
 * The rate-limit buckets of the contacts a customer gives (the form, `chat:start`): one person
 * keeps one bucket however they spell it. The values are cleaned as the edge's DTOs clean them
 * before validation (a stray control character would otherwise make a fresh bucket for the same
 * stored address), e-mail addresses folded to lower case, phone numbers in their E.164 form.
 * Anything but strings gives no bucket (validation refuses it).
 */
export function contactBuckets(body: unknown): string[] {
  const contact = typeof body === 'object' && body !== null ? (body as { email?: unknown; phone?: unknown }) : {};
  const buckets: string[] = [];
  const email = typeof contact.email === 'string' ? cleanText(contact.email).toLowerCase() : '';
  if (email) buckets.push(`email:${email}`);
  const phone = typeof contact.phone === 'string' ? cleanText(contact.phone) : '';
  if (phone) buckets.push(`phone:${toE164Phone(phone) ?? phone.replace(/\D/g, '')}`);
  return buckets;
}
