/** Limits that keep one hostile or oversized mail from costing more than it is worth. */
export interface EmailLimits {
  /** Largest raw message, in bytes, that is parsed at all (the encoded size, base64 included). */
  maxBytes: number;
  /** Deepest nesting of multipart and message/rfc822 containers. */
  maxMimeDepth: number;
  /** Longest complaint text kept, in UTF-16 code units. */
  maxTextChars: number;
}

export const DEFAULT_EMAIL_LIMITS: Readonly<EmailLimits> = Object.freeze({
  // A 20 MB attachment is a 26.1 MiB mail once base64-encoded: the default lets it through.
  maxBytes: 32 * 1024 * 1024,
  maxMimeDepth: 20,
  maxTextChars: 20_000,
});

/** A mailbox as mailparser resolved it: the address lower-cased and validated, never with CR/LF. */
export interface EmailAddress {
  name?: string;
  address: string;
}

/** Why a mail must never open a complaint nor be answered (no mail loops). */
export type AutomatedReason =
  | 'auto-submitted'
  | 'precedence'
  | 'mailing-list'
  | 'empty-return-path'
  | 'mailer-daemon'
  | 'delivery-report'
  | 'own-notice';

export interface DeliveryReport {
  /** Message-ID (without <>) of the mail that could not be delivered, when the report quotes it. */
  originalMessageId: string | null;
  /** Lower-cased recipients whose Action is `failed`. */
  failedRecipients: string[];
  /** True when a failed recipient has a 5.x.x status: retrying will not help. */
  permanent: boolean;
  /** The first Diagnostic-Code, without its type prefix (`smtp;`). */
  diagnostic: string | null;
}

export interface EmailAttachment {
  filename: string;
  contentType: string;
  size: number;
  sha256: string;
  content: Buffer;
}

/** A customer's mail that this one forwards (see forwarded-mail.ts). */
export interface ForwardedMail {
  /** The original sender; null when the forward does not name one readably. */
  from: EmailAddress | null;
  /** The original subject, when the forward shows it. */
  subject: string;
  /** What the original sender wrote. */
  text: string;
}

export interface ParsedEmail {
  messageId: string | null;
  inReplyTo: string | null;
  references: string[];
  from: EmailAddress | null;
  replyTo: EmailAddress | null;
  to: EmailAddress[];
  /**
   * Every address the mail was sent or delivered to, lower-case: To, Cc, and the Delivered-To
   * and X-Original-To a receiving server adds, which keep a +tag the header may not show.
   */
  recipients: string[];
  subject: string;
  date: Date | null;
  text: string;
  html: string | null;
  automated: AutomatedReason | null;
  deliveryReport: DeliveryReport | null;
  attachments: EmailAttachment[];
  language: 'az' | 'ru' | 'en' | null;
  /**
   * The mail this one forwards (attached as message/rfc822, or a forward block in its text), if
   * any. Whether it counts is decided by who forwarded it (company domains, to-inbound-message).
   */
  forwarded: ForwardedMail | null;
}

/** `ok: false` means quarantine: keep the raw mail for a person, with a reason they can read. */
export type ParseResult = { ok: true; email: ParsedEmail } | { ok: false; reason: string };

export interface ParseEmailOptions {
  /**
   * Tells whether a Message-ID is one of our own notices (the caller checks its HMAC token), so
   * that our own mail coming back is never taken for a complaint.
   */
  isOwnMessageId?: (id: string) => boolean;
}
