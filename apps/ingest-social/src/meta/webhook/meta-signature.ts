import { createHmac, timingSafeEqual } from 'node:crypto';

/** The header Meta signs every webhook POST with. */
export const SIGNATURE_HEADER = 'x-hub-signature-256';

/** `sha256=` and the hex HMAC-SHA256 of the raw body under the app secret. */
export function signatureOf(rawBody: Buffer, appSecret: string): string {
  return `sha256=${createHmac('sha256', appSecret).update(rawBody).digest('hex')}`;
}

/**
 * True when `header` is the signature of exactly these bytes under the app secret. Compared in
 * constant time, so an attacker learns nothing from how long a refusal takes.
 */
export function isSignedByMeta(rawBody: Buffer, header: string | undefined, appSecret: string | undefined): boolean {
  if (!appSecret || !header) return false;
  const expected = Buffer.from(signatureOf(rawBody, appSecret));
  const given = Buffer.from(header.trim().toLowerCase());
  return given.length === expected.length && timingSafeEqual(given, expected);
}
