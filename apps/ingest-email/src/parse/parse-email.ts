import { simpleParser, type ParsedMail, type SimpleParserOptions } from 'mailparser';
import { automatedReason } from './automated-reason';
import { complaintText, wholeText } from './complaint-text';
import { contentLanguage } from './content-language';
import { isDeliveryReport, readDeliveryReport } from './delivery-report';
import { mailboxes, recipientAddresses } from './email-address';
import { toEmailAttachments } from './email-attachments';
import { emailDate } from './email-date';
import { forwardedInText } from './forwarded-mail';
import { normalizeMessageId, normalizeReferences } from './message-id';
import { checkMimeStructure } from './mime-structure';
import {
  DEFAULT_EMAIL_LIMITS,
  type EmailLimits,
  type ForwardedMail,
  type ParsedEmail,
  type ParseEmailOptions,
  type ParseResult,
} from './parsed-email';
import { sanitizeEmailHtml } from './sanitize-email-html';

const PARSER_OPTIONS: SimpleParserOptions = {
  // HTML is converted to text here, from the sanitised HTML, so no script or style text leaks in.
  skipHtmlToText: true,
  // The HTML field holds the sender's HTML only; plain parts are not turned into HTML.
  skipTextToHtml: true,
  skipTextLinks: true,
  // cid: images stay references to attachments instead of becoming data: URLs inside the HTML.
  keepCidLinks: true,
  // A delivery report's machine-readable part is read from an attachment, not mixed into text.
  keepDeliveryStatus: true,
  // sha256 is computed from the decoded bytes below; mailparser's md5 would be wasted work.
  checksumAlgo: false,
};

/**
 * Parses one raw e-mail (the bytes as fetched, never a decoded string) into what the e-mail
 * channel needs. Mail that cannot be trusted to parse faithfully (too large, nested too deep,
 * broken so that content would be lost or corrupted, or without a sender) is not an error but
 * a quarantine: `{ ok: false, reason }`, for a person to look at with the raw mail.
 */
export async function parseEmail(
  raw: Buffer,
  limits: Partial<EmailLimits> = {},
  options: ParseEmailOptions = {},
): Promise<ParseResult> {
  const limit = withDefaults(limits);
  if (raw.length === 0) return quarantine('the message is empty');
  if (raw.length > limit.maxBytes) {
    return quarantine(`the message is ${mebibytes(raw.length)}, over the ${mebibytes(limit.maxBytes)} limit`);
  }
  const structure = checkMimeStructure(raw, limit.maxMimeDepth);
  if (!structure.ok) return quarantine(structure.reason);

  let mail: ParsedMail;
  try {
    mail = await simpleParser(raw, PARSER_OPTIONS);
  } catch (error) {
    return quarantine(`the message could not be parsed: ${error instanceof Error ? error.message : String(error)}`);
  }

  const from = mailboxes(mail.from)[0] ?? null;
  if (!from) return quarantine('the message has no valid From address');
  const headerLines = mail.headerLines ?? [];
  const messageId = normalizeMessageId(mail.messageId);
  const deliveryReport = isDeliveryReport(mail.headers) ? readDeliveryReport(mail.attachments) : null;
  const html = mail.html ? sanitizeEmailHtml(mail.html) : null;

  const email: ParsedEmail = {
    messageId,
    inReplyTo: normalizeReferences(mail.inReplyTo)[0] ?? null,
    references: normalizeReferences(mail.references),
    from,
    replyTo: mailboxes(mail.replyTo)[0] ?? null,
    to: mailboxes(mail.to),
    recipients: recipientAddresses([...mailboxes(mail.to), ...mailboxes(mail.cc)], headerLines),
    subject: (mail.subject ?? '').replace(/[\p{Cc}\u2028\u2029]+/gu, ' ').trim(),
    date: emailDate(headerLines),
    text: complaintText(mail.text, html, limit.maxTextChars),
    html,
    automated: automatedReason({
      headerLines,
      from,
      messageId,
      deliveryReport: deliveryReport !== null,
      isOwnMessageId: options.isOwnMessageId,
    }),
    deliveryReport,
    attachments: toEmailAttachments(mail.attachments),
    language: contentLanguage(headerLines),
    forwarded: await forwardedMail(mail, html, limit.maxTextChars),
  };
  return { ok: true, email };
}

/**
 * The mail this one forwards: one attached whole (message/rfc822, as Outlook and Apple Mail
 * forward "as attachment"), else a forward block in the text. The structure check above already
 * bounded how deep an attached mail may nest.
 */
async function forwardedMail(mail: ParsedMail, html: string | null, maxTextChars: number): Promise<ForwardedMail | null> {
  const attached = mail.attachments.find((attachment) => ['message/rfc822', 'message/global'].includes(attachment.contentType.toLowerCase()));
  if (attached) {
    try {
      const inner = await simpleParser(attached.content, PARSER_OPTIONS);
      const innerHtml = inner.html ? sanitizeEmailHtml(inner.html) : null;
      return {
        from: mailboxes(inner.from)[0] ?? null,
        subject: (inner.subject ?? '').replace(/[\p{Cc}\u2028\u2029]+/gu, ' ').trim(),
        text: complaintText(inner.text, innerHtml, maxTextChars),
      };
    } catch {
      return { from: null, subject: '', text: '' };
    }
  }
  const inline = forwardedInText(wholeText(mail.text, html), mail.subject ?? '');
  return inline && { ...inline, text: complaintText(inline.text, null, maxTextChars) };
}

function withDefaults(limits: Partial<EmailLimits>): EmailLimits {
  return {
    maxBytes: limits.maxBytes ?? DEFAULT_EMAIL_LIMITS.maxBytes,
    maxMimeDepth: limits.maxMimeDepth ?? DEFAULT_EMAIL_LIMITS.maxMimeDepth,
    maxTextChars: limits.maxTextChars ?? DEFAULT_EMAIL_LIMITS.maxTextChars,
  };
}

function quarantine(reason: string): ParseResult {
  return { ok: false, reason };
}

function mebibytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}
