import { createHash } from 'node:crypto';
import type { ParsedEmail } from './parsed-email';

/**
 * The channel's id of a mail, for the inbox's unique (channel, external_id): the Message-ID plus
 * a hash of what the customer sees, `<message-id>#<16 hex>`, or `sha256:<32 hex>` without a
 * Message-ID. An IMAP re-fetch of the same mail gives the same id, so it is stored once; a
 * different mail that reuses a Message-ID (broken clients, or on purpose) gets another id and is
 * not swallowed as a duplicate of the first.
 */
export function emailExternalId(email: ParsedEmail): string {
  const digest = contentDigest(email);
  return email.messageId ? `${email.messageId}#${digest.slice(0, 16)}` : `sha256:${digest.slice(0, 32)}`;
}

/** The thread a mail belongs to: the root of its References, else what it answers, else itself. */
export function emailConversation(email: ParsedEmail): string {
  return email.references[0] ?? email.inReplyTo ?? email.messageId ?? emailExternalId(email);
}

function contentDigest(email: ParsedEmail): string {
  // NUL between fields, so that moving text from one field to the next changes the hash.
  const fields = [email.from?.address ?? '', email.date?.toISOString() ?? '', email.subject, email.text];
  return createHash('sha256').update(fields.join('\u0000'), 'utf8').digest('hex');
}
