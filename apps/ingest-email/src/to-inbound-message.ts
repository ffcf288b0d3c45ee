import { createHash } from 'node:crypto';
import type { AttachmentRefV1, DeliveryReportV1, EmailDetailsV1, InboundMessageV1, Language } from '@plaint/contracts';
import { detectLanguage, normalizeReference, referenceFromMessageId } from '@plaint/domain';
import { emailConversation, emailExternalId, type ParsedEmail } from './parse';

export interface EmailReceipt {
  /** Our id of the message (UUIDv7). */
  id: string;
  /** The mailbox it was read from (ImapMailbox.id: no password). */
  mailbox: string;
  /** Where the raw .eml is kept. */
  rawUri: string;
  /** The stored attachments' uris, by sha256 of their bytes. */
  attachmentUris: ReadonlyMap<string, string>;
  /** Verifies our own Message-IDs (the complaint reference secret). */
  secret: string;
  /** When the mailbox received it (IMAP INTERNALDATE), if the server said. */
  internalDate: Date | null;
  /** The last resort for receivedAt: neither the server nor the Date header told. */
  now: Date;
  /** The language assumed when neither the mail nor its text tells. */
  defaultLanguage: Language;
  /** The company's own mail domains (lower-case): a forward from one is a customer's complaint. */
  companyDomains?: readonly string[];
}

// Limits of the contract (InboundMessageV1, EmailDetailsV1): what exceeds them is cut here, so
// that one odd mail is not refused by validation as a whole.
const MAX_ID = 500;
const MAX_SUBJECT = 998;
const MAX_HTML = 200_000;
const MAX_ATTACHMENTS = 50;
const MAX_REFERENCES = 100;
const MAX_MENTIONED = 10;
const MAX_FAILED_RECIPIENTS = 50;
const MAX_DIAGNOSTIC = 2000;

// A reference as a person writes it (K7M4-Q9XD-2PTA, any case), not glued to other word characters.
const WRITTEN_REFERENCE = /(?<![0-9A-Za-z-])[0-9A-Za-z]{4}-[0-9A-Za-z]{4}-[0-9A-Za-z]{4}(?![0-9A-Za-z-])/g;

/** One parsed mail as the channel-neutral inbound message core consumes. */
export function toInboundMessage(email: ParsedEmail, receipt: EmailReceipt): InboundMessageV1 {
  const forward = forwardByStaff(email, receipt.companyDomains ?? []);
  if (forward) return forwardedMessage(email, forward, receipt);
  const message = mailMessage(email, receipt, {
    sender: senderOf(email.from),
    text: email.text,
    locale: email.language ?? detectLanguage(`${email.subject}\n${email.text}`, receipt.defaultLanguage),
    automated: email.automated !== null,
    details: emailDetails(email, receipt),
  });
  // Too large to carry is dropped rather than cut: half an HTML document is not safe to show.
  if (email.html && email.html.length <= MAX_HTML) message.html = email.html;
  const replyTo = email.replyTo?.address ?? email.from?.address;
  if (replyTo) message.replyTo = replyTo;
  return message;
}

/** What a mail's message is made of besides what its own headers and receipt say. */
interface MailContent {
  sender: InboundMessageV1['sender'];
  text: string;
  locale: InboundMessageV1['locale'];
  automated: boolean;
  details: EmailDetailsV1;
}

/** The inbound message of one received mail: ids, thread and attachments from the mail itself. */
function mailMessage(email: ParsedEmail, receipt: EmailReceipt, content: MailContent): InboundMessageV1 {
  return {
    id: receipt.id,
    channel: 'email',
    externalId: boundedId(emailExternalId(email)),
    conversation: boundedId(emailConversation(email)),
    sender: content.sender,
    text: content.text,
    attachments: attachmentRefs(email, receipt.attachmentUris),
    receivedAt: (receipt.internalDate ?? email.date ?? receipt.now).toISOString(),
    locale: content.locale,
    automated: content.automated,
    email: content.details,
  };
}

function senderOf(address: { name?: string; address: string } | null | undefined): InboundMessageV1['sender'] {
  const sender: InboundMessageV1['sender'] = {};
  if (address?.name) sender.name = address.name;
  if (address) sender.email = address.address;
  return sender;
}

/** The customer's mail an employee forwarded to the care address, if this is one. */
function forwardByStaff(email: ParsedEmail, companyDomains: readonly string[]): NonNullable<ParsedEmail['forwarded']> | null {
  const domain = email.from?.address.split('@')[1];
  if (!email.forwarded || email.automated || !domain || !companyDomains.includes(domain)) return null;
  return email.forwarded;
}

/**
 * A forwarded customer mail is that customer's complaint: the original sender is the sender, and
 * notices go to them; the employee is recorded as who forwarded it. Its threading belongs to the
 * employee's mail, so it joins no complaint by it (the original mail's threading is not shown).
 */
function forwardedMessage(email: ParsedEmail, forward: NonNullable<ParsedEmail['forwarded']>, receipt: EmailReceipt): InboundMessageV1 {
  const subject = forward.subject || email.subject;
  const details = emailDetails({ ...email, subject, text: forward.text, inReplyTo: null, references: [] }, receipt);
  details.forwardedBy = email.from?.address;
  const message = mailMessage(email, receipt, {
    sender: senderOf(forward.from),
    text: forward.text,
    locale: detectLanguage(`${subject}\n${forward.text}`, email.language ?? receipt.defaultLanguage),
    automated: false,
    details,
  });
  if (forward.from) message.replyTo = forward.from.address;
  return message;
}

function emailDetails(email: ParsedEmail, receipt: EmailReceipt): EmailDetailsV1 {
  const details: EmailDetailsV1 = {
    mailbox: receipt.mailbox,
    references: email.references.slice(-MAX_REFERENCES),
    subject: email.subject.slice(0, MAX_SUBJECT),
    rawUri: receipt.rawUri,
    mentionedReferences: mentionedReferences(`${email.subject}\n${email.text}`),
  };
  if (email.messageId) details.messageId = email.messageId;
  if (email.inReplyTo) details.inReplyTo = email.inReplyTo;
  const threadReference = threadReferenceOf(email, receipt.secret);
  if (threadReference) details.threadReference = threadReference;
  if (email.automated) details.automatedReason = email.automated;
  if (email.deliveryReport) details.deliveryReport = deliveryReport(email.deliveryReport);
  return details;
}

/**
 * The complaint one of our own notices in this thread belongs to. The nearest answered mail
 * comes first (In-Reply-To, then References from the newest), so a reply lands on the complaint
 * of the notice it answers even when the thread started elsewhere. Only ids whose HMAC checks
 * count: a forged id attaches nothing.
 */
export function threadReferenceOf(email: Pick<ParsedEmail, 'inReplyTo' | 'references'>, secret: string): string | null {
  const candidates = [...(email.inReplyTo ? [email.inReplyTo] : []), ...[...email.references].reverse()];
  for (const id of candidates) {
    const reference = referenceFromMessageId(secret, id);
    if (reference) return reference;
  }
  return null;
}

/** References written in the subject or text, normalised, each once, at most ten. */
export function mentionedReferences(text: string): string[] {
  const found: string[] = [];
  for (const [written] of text.matchAll(WRITTEN_REFERENCE)) {
    const reference = normalizeReference(written);
    if (reference && !found.includes(reference)) found.push(reference);
    if (found.length === MAX_MENTIONED) break;
  }
  return found;
}

function attachmentRefs(email: ParsedEmail, uris: ReadonlyMap<string, string>): AttachmentRefV1[] {
  const refs: AttachmentRefV1[] = [];
  for (const attachment of email.attachments) {
    const uri = uris.get(attachment.sha256);
    if (!uri) continue;
    refs.push({
      uri,
      filename: attachment.filename.slice(0, 300),
      contentType: attachment.contentType.slice(0, 200),
      size: attachment.size,
      sha256: attachment.sha256,
    });
    if (refs.length === MAX_ATTACHMENTS) break;
  }
  return refs;
}

function deliveryReport(report: NonNullable<ParsedEmail['deliveryReport']>): DeliveryReportV1 {
  const result: DeliveryReportV1 = {
    failedRecipients: report.failedRecipients.filter((address) => address.length <= 320).slice(0, MAX_FAILED_RECIPIENTS),
    permanent: report.permanent,
  };
  if (report.originalMessageId) result.originalMessageId = report.originalMessageId;
  if (report.diagnostic) result.diagnostic = report.diagnostic.slice(0, MAX_DIAGNOSTIC);
  return result;
}

/**
 * Message-IDs may be up to 998 characters, the inbox keys only 500: a longer id is replaced by
 * its hash, which is as stable, so dedup and threading still meet on it.
 */
function boundedId(id: string): string {
  return id.length <= MAX_ID ? id : `sha256:${createHash('sha256').update(id, 'utf8').digest('hex')}`;
}
