import { createHmac } from 'node:crypto';

/**
 * Complaint references: short, readable and not guessable.
 *
 * A reference is 12 symbols of Crockford's base32 (no I, L, O, U: nothing to misread on a
 * phone call), grouped 4-4-4, taken from an HMAC of the complaint's opening message. Deriving it
 * from the message, not from a sequence or a random draw, means that the adapter which took the
 * message (the web form) can show the customer the same reference the core will store, without
 * a round trip, and that redelivery of the message yields the same reference. Without the
 * secret, 60 bits are out of reach of guessing.
 */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const SYMBOLS = 12;

export const REFERENCE_PATTERN = /^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/;

export function deriveReference(secret: string, seed: string, attempt = 0): string {
  const digest = createHmac('sha256', secret).update(`${seed}\u0000${attempt}`).digest();
  let symbols = '';
  // 12 symbols x 5 bits = 60 bits, read from the first 8 bytes of the digest.
  let bits = digest.readBigUInt64BE(0) >> 4n;
  for (let i = 0; i < SYMBOLS; i += 1) {
    symbols = ALPHABET.charAt(Number(bits & 31n)) + symbols;
    bits >>= 5n;
  }
  return `${symbols.slice(0, 4)}-${symbols.slice(4, 8)}-${symbols.slice(8, 12)}`;
}

/** The seed of the reference of a complaint opened by a channel message. */
export function referenceSeed(channel: string, externalId: string): string {
  return `${channel}:${externalId}`;
}

/**
 * Reads a reference as a person typed it: any case, with or without dashes or spaces, and the
 * usual confusions (O for 0, I or L for 1) forgiven. Returns null when it cannot be one.
 */
export function normalizeReference(input: string): string | null {
  const compact = input
    .toUpperCase()
    .replace(/[\s-]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
  if (compact.length !== SYMBOLS) return null;
  const formatted = `${compact.slice(0, 4)}-${compact.slice(4, 8)}-${compact.slice(8, 12)}`;
  return REFERENCE_PATTERN.test(formatted) ? formatted : null;
}
