import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsISO8601,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { CHANNELS, type Channel, CONSULTATION_KINDS, type ConsultationKind, LANGUAGES, type Language } from './channel';
import { IsE164Phone } from './phone-number';

/** What the channel tells us about the customer. */
export class SenderV1 {
  @IsOptional() @IsString() @MaxLength(300) name?: string;
  @IsOptional() @IsEmail() @MaxLength(320) email?: string;
  /** E.164, e.g. +994501234567, by the rule every edge applies (toE164Phone). */
  @IsOptional() @IsE164Phone() phone?: string;
  /** The platform's own user id (Telegram user id, Meta PSID…). */
  @IsOptional() @IsString() @MaxLength(200) platformId?: string;
  /** The platform's user name (Telegram @username), for agents; it can change, so it identifies no one. */
  @IsOptional() @IsString() @MaxLength(64) username?: string;
}

/** Stored bytes are referenced, never carried inline. */
export class AttachmentRefV1 {
  @IsString() @IsNotEmpty() @MaxLength(500) uri!: string;
  @IsString() @MaxLength(300) filename!: string;
  @IsString() @MaxLength(200) contentType!: string;
  @IsInt() @Min(0) size!: number;
  @Matches(/^[0-9a-f]{64}$/) sha256!: string;
}

/**
 * A complaint registered by staff: who logged it; for the complaint book, where and when; for a
 * consultation, whether it was a video or a mobile one.
 */
export class StaffIntakeV1 {
  @IsString() @IsNotEmpty() @MaxLength(64) agentId!: string;
  @IsOptional() @IsString() @MaxLength(200) store?: string;
  /** The date of the complaint-book entry, YYYY-MM-DD. */
  @IsOptional() @Matches(/^\d{4}-\d{2}-\d{2}$/) entryDate?: string;
  /** The scan of the complaint-book page. */
  @IsOptional() @ValidateNested() @Type(() => AttachmentRefV1) scan?: AttachmentRefV1;
  /** How the consultation the complaint was made in took place (channel consultation). */
  @IsOptional() @IsIn(CONSULTATION_KINDS) consultationKind?: ConsultationKind;
}

/**
 * A message a customer wrote on their own page, signed in by a one-time link sent to one of
 * their contacts (docs/my-complaints.md). Core published it after checking that the complaint
 * is one the signed-in contact identifies, so it joins that complaint as the customer's own.
 */
export class CustomerPageMessageV1 {
  @IsString() @IsNotEmpty() @MaxLength(64) complaintId!: string;
  /** The session it was written in (its id, never its token), for the audit. */
  @IsString() @IsNotEmpty() @MaxLength(64) sessionId!: string;
}

const REFERENCE = /^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/;

export const AUTOMATED_REASONS = [
  'auto-submitted',
  'precedence',
  'mailing-list',
  'empty-return-path',
  'mailer-daemon',
  'delivery-report',
  'own-notice',
] as const;
export type AutomatedReasonV1 = (typeof AUTOMATED_REASONS)[number];

/** A delivery report (bounce) about one of our e-mails. */
export class DeliveryReportV1 {
  /** The Message-ID of the mail that could not be delivered (ours, when it is a notice). */
  @IsOptional() @IsString() @MaxLength(998) originalMessageId?: string;
  @IsArray() @ArrayMaxSize(50) @IsString({ each: true }) @MaxLength(320, { each: true }) failedRecipients!: string[];
  @IsBoolean() permanent!: boolean;
  @IsOptional() @IsString() @MaxLength(2000) diagnostic?: string;
}

/** What only e-mail has: threading headers, the mailbox, and where the raw message is kept. */
export class EmailDetailsV1 {
  @IsString() @IsNotEmpty() @MaxLength(500) mailbox!: string;
  @IsOptional() @IsString() @MaxLength(998) messageId?: string;
  @IsOptional() @IsString() @MaxLength(998) inReplyTo?: string;
  @IsArray() @ArrayMaxSize(100) @IsString({ each: true }) @MaxLength(998, { each: true }) references!: string[];
  @IsString() @MaxLength(998) subject!: string;
  /** Where the raw .eml is kept, so the message can be parsed again. */
  @IsString() @IsNotEmpty() @MaxLength(500) rawUri!: string;
  /** The complaint one of our own Message-IDs in In-Reply-To/References names, verified. */
  @IsOptional() @Matches(REFERENCE) threadReference?: string;
  /** References the sender wrote in the subject or body: trusted only from a participant. */
  @IsArray() @ArrayMaxSize(10) @Matches(REFERENCE, { each: true }) mentionedReferences!: string[];
  @IsOptional() @IsIn(AUTOMATED_REASONS) automatedReason?: AutomatedReasonV1;
  @IsOptional() @ValidateNested() @Type(() => DeliveryReportV1) deliveryReport?: DeliveryReportV1;
  /**
   * Set when an employee (a company mail domain) forwarded a customer's mail: their address.
   * The message's sender is then the original sender as the forward names them (not proven by
   * the channel), or empty when it names none readably.
   */
  @IsOptional() @IsEmail() @MaxLength(320) forwardedBy?: string;
}

/** Topic plaint.inbound.v1: one customer message, normalised by a channel adapter. */
export class InboundMessageV1 {
  /** Our id (UUIDv7), assigned by the adapter. */
  @IsString() @IsNotEmpty() @MaxLength(64) id!: string;
  @IsIn(CHANNELS) channel!: Channel;
  /** The channel's own id of this message: the level-1 dedup key together with channel. */
  @IsString() @IsNotEmpty() @MaxLength(500) externalId!: string;
  /** The channel's own thread: the level-2 dedup key together with channel. */
  @IsString() @IsNotEmpty() @MaxLength(500) conversation!: string;
  @ValidateNested() @Type(() => SenderV1) sender!: SenderV1;
  @IsString() @MaxLength(20_000) text!: string;
  @IsOptional() @IsString() @MaxLength(200_000) html?: string;
  @IsArray() @ArrayMaxSize(50) @ValidateNested({ each: true }) @Type(() => AttachmentRefV1)
  attachments!: AttachmentRefV1[];
  @IsISO8601({ strict: true }) receivedAt!: string;
  @IsOptional() @IsIn(LANGUAGES) locale?: Language;
  /** Channel address for the answer: e-mail address, chat id, socket conversation. */
  @IsOptional() @IsString() @MaxLength(500) replyTo?: string;
  /** Set where the channel marks the message as automatic (auto-reply, bounce). */
  @IsBoolean() automated!: boolean;
  /** The employee who served the customer, when they named one (optional in the policy). */
  @IsOptional() @IsString() @MaxLength(300) employeeName?: string;
  /** The customer asked to be called back (the "call me" form). */
  @IsOptional() @IsBoolean() callbackRequested?: boolean;
  /** Set on e-mail messages. */
  @IsOptional() @ValidateNested() @Type(() => EmailDetailsV1) email?: EmailDetailsV1;
  /** Set for complaints staff register (channel phone, complaint_book or consultation). */
  @IsOptional() @ValidateNested() @Type(() => StaffIntakeV1) staff?: StaffIntakeV1;
  /**
   * The customer edited an earlier message: its externalId (same channel). Core updates that
   * message and the complaint's history; an edit never opens a complaint.
   */
  @IsOptional() @IsString() @IsNotEmpty() @MaxLength(500) editOf?: string;
  /** Set on channel customer_page: the complaint the signed-in customer wrote to. */
  @IsOptional() @ValidateNested() @Type(() => CustomerPageMessageV1) customerPage?: CustomerPageMessageV1;
  /** Files the customer sent that could not be kept (download failed, too large): why, one line each. */
  @IsOptional() @IsArray() @ArrayMaxSize(50) @IsString({ each: true }) @MaxLength(500, { each: true }) attachmentProblems?: string[];
}
