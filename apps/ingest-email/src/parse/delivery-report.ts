import type { Attachment, HeaderValue, Headers, StructuredHeader } from 'mailparser';
import { normalizeMessageId } from './message-id';
import type { DeliveryReport } from './parsed-email';
import { readHeaderSection, unfoldHeaderLines, type RawHeader } from './raw-headers';

const STATUS_PARTS = new Set(['message/delivery-status', 'message/global-delivery-status']);
const ORIGINAL_PARTS = new Set(['message/rfc822', 'message/global', 'text/rfc822-headers', 'message/global-headers']);

/** `Content-Type: multipart/report; report-type=delivery-status` (RFC 3462/3464), the bounce format. */
export function isDeliveryReport(headers: Headers): boolean {
  const contentType = headers.get('content-type');
  if (!isStructuredHeader(contentType)) return false;
  return (
    contentType.value.toLowerCase() === 'multipart/report' &&
    (contentType.params['report-type'] ?? '').toLowerCase() === 'delivery-status'
  );
}

function isStructuredHeader(value: HeaderValue | undefined): value is StructuredHeader {
  return typeof value === 'object' && !Array.isArray(value) && !(value instanceof Date) && typeof value.value === 'string' && 'params' in value;
}

/**
 * What a delivery report says. mailparser is asked to keep the machine-readable parts as
 * attachments (`keepDeliveryStatus`), so the per-recipient fields are read here and the quoted
 * original message, when the report includes it, names the Message-ID that bounced.
 */
export function readDeliveryReport(attachments: readonly Attachment[]): DeliveryReport {
  const recipients = attachments
    .filter((part) => STATUS_PARTS.has(part.contentType.toLowerCase()))
    .flatMap((part) => recipientGroups(part.content.toString('utf8')));
  const failed = recipients.filter((fields) => isFailed(fields));
  const diagnostics = [...failed, ...recipients].map((fields) => field(fields, 'diagnostic-code')).filter((v) => v !== null);

  const failedRecipients: string[] = [];
  for (const fields of failed) {
    const recipient = recipientAddress(field(fields, 'final-recipient') ?? field(fields, 'original-recipient'));
    if (recipient && !failedRecipients.includes(recipient)) failedRecipients.push(recipient);
  }
  return {
    originalMessageId: originalMessageId(attachments),
    failedRecipients,
    permanent: failed.some((fields) => (field(fields, 'status') ?? '').startsWith('5')),
    diagnostic: diagnostics[0] ? withoutType(diagnostics[0]) : null,
  };
}

/** The per-recipient field groups: blocks separated by blank lines that name a recipient. */
function recipientGroups(body: string): RawHeader[][] {
  return body
    .split(/\r?\n[ \t]*\r?\n/)
    .map((block) => unfoldHeaderLines(block.split(/\r?\n/)))
    .filter((fields) => fields.some((f) => f.name === 'final-recipient' || f.name === 'action'));
}

function isFailed(fields: RawHeader[]): boolean {
  const action = (field(fields, 'action') ?? '').toLowerCase();
  return action ? action.startsWith('failed') : (field(fields, 'status') ?? '').startsWith('5');
}

function field(fields: RawHeader[], name: string): string | null {
  const value = fields.find((f) => f.name === name)?.value.replace(/\s+/g, ' ').trim();
  return value ? value : null;
}

/** `rfc822; User@Example.com` → `user@example.com`. */
function recipientAddress(value: string | null): string | null {
  const address = value ? withoutType(value).replace(/^<|>$/g, '').trim().toLowerCase() : '';
  return /^[^\s@<>]+@[^\s@<>]+$/.test(address) ? address : null;
}

/** Drops the address or diagnostic type (`rfc822;`, `smtp;`) in front of a DSN value. */
function withoutType(value: string): string {
  return value.replace(/^[a-z0-9-]+\s*;\s*/i, '').trim();
}

function originalMessageId(attachments: readonly Attachment[]): string | null {
  for (const part of attachments) {
    if (!ORIGINAL_PARTS.has(part.contentType.toLowerCase())) continue;
    const header = readHeaderSection(part.content).find((h) => h.name === 'message-id');
    const id = normalizeMessageId(header?.value);
    if (id) return id;
  }
  return null;
}
