import { createHmac, timingSafeEqual } from 'node:crypto';
import { normalizeReference } from './reference';

/**
 * Message-IDs of Plaint's own e-mails carry the complaint reference and an HMAC over it:
 * `plaint.<reference>.<notice>.<mac>@<domain>`. A reply names that id in In-Reply-To or
 * References, so it threads to its complaint even when the subject was changed; the MAC means
 * that a forged id cannot attach mail to someone else's complaint, and that mail which claims
 * to be ours (a loop) is recognised only when it really is.
 */
const PATTERN = /^plaint\.([0-9A-Z]{12})\.([0-9a-z]{1,40})\.([0-9a-f]{20})@[^\s@<>]+$/;

function mac(secret: string, reference: string, notice: string): string {
  return createHmac('sha256', secret).update(`message-id\u0000${reference}\u0000${notice}`).digest('hex').slice(0, 20);
}

/** The Message-ID (without angle brackets) of a notice about complaint `reference`. */
export function noticeMessageId(secret: string, reference: string, noticeId: string, domain: string): string {
  const compact = reference.replace(/-/g, '');
  const notice = noticeId.replace(/[^0-9a-z]/gi, '').toLowerCase().slice(0, 40);
  return `plaint.${compact}.${notice}.${mac(secret, compact, notice)}@${domain}`;
}

/** The complaint reference an id of ours names, or null when the id is not ours (or forged). */
export function referenceFromMessageId(secret: string, messageId: string): string | null {
  const match = PATTERN.exec(messageId.trim().replace(/^<|>$/g, ''));
  if (!match) return null;
  const [, compact = '', notice = '', given = ''] = match;
  const expected = mac(secret, compact, notice);
  if (!timingSafeEqual(Buffer.from(given), Buffer.from(expected))) return null;
  return normalizeReference(compact);
}
