import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsISO8601, IsNotEmpty, IsOptional, IsString, MaxLength, ValidateIf, ValidateNested } from 'class-validator';
import { CHANNELS, type Channel, LANGUAGES, type Language } from './channel';
import { DeskViewV1 } from './agent-event.v1';
import { SenderV1 } from './inbound-message.v1';

/**
 * Every event on this topic is a step the customer is told of in writing (docs/policy.md,
 * "Communication"); internal lifecycle steps stay in the audit history and are not published.
 */
export const COMPLAINT_EVENT_TYPES = [
  'complaint.received',
  'complaint.accepted',
  'complaint.details-requested',
  'complaint.review-started',
  /** The review finished: its result in writing, and the date the resolution is due by. */
  'complaint.reviewed',
  'complaint.extended',
  'complaint.resolved',
  'complaint.closed',
  'complaint.rejected',
  'complaint.merged',
  /** An agent's written answer to the customer. */
  'complaint.reply',
  /** The answer to a customer's status request. */
  'complaint.status',
  /** The answer to a status request that matched none of the customer's complaints. */
  'complaint.status-unknown',
  /**
   * A receipt to the employee who forwarded a customer's mail (not a customer notice): the
   * reference, and whether the customer was acknowledged or an agent must find them first.
   */
  'complaint.forward-received',
] as const;
export type ComplaintEventType = (typeof COMPLAINT_EVENT_TYPES)[number];

/** Deadlines as ISO instants; the notifier renders them in the customer's zone and language. */
export class ComplaintDeadlinesV1 {
  @IsOptional() @IsISO8601({ strict: true }) acceptBy?: string;
  @IsOptional() @IsISO8601({ strict: true }) reviewBy?: string;
  @IsOptional() @IsISO8601({ strict: true }) resolveBy?: string;
  /** For an extension: the deadline it replaces. */
  @IsOptional() @IsISO8601({ strict: true }) previousResolveBy?: string;
  /** For a status answer: the next date the customer can hold us to, if any. */
  @IsOptional() @IsISO8601({ strict: true }) next?: string;
}

export const REQUIRED_DETAIL_KEYS = ['fullName', 'contact', 'essence'] as const;

/** What a step says beyond its type; which fields are set depends on the type. */
export class ComplaintStepV1 {
  /** complaint.extended, complaint.rejected: why. */
  @IsOptional() @IsString() @MaxLength(2000) reason?: string;
  /** complaint.reviewed: the review's result in writing, the findings and every step taken. */
  @IsOptional() @IsString() @MaxLength(10000) result?: string;
  /** complaint.resolved: the outcome in writing. */
  @IsOptional() @IsString() @MaxLength(10000) outcome?: string;
  /** complaint.resolved: true when the outcome was given orally and this is its confirmation. */
  @IsOptional() @IsBoolean() oral?: boolean;
  /**
   * complaint.details-requested: what is asked for, as required-detail keys (fullName, contact,
   * essence), which the notice words in the customer's language, or as an agent's own words.
   */
  @IsOptional() @IsArray() @ArrayMaxSize(20) @IsString({ each: true }) @MaxLength(500, { each: true }) requested?: string[];
  /** complaint.merged: the complaint that goes on. */
  @IsOptional() @IsString() @MaxLength(32) survivingReference?: string;
  /** complaint.merged: true when Plaint linked it on its own (near-identical text). */
  @IsOptional() @IsBoolean() automatic?: boolean;
  /** complaint.reply: the agent's text. */
  @IsOptional() @IsString() @MaxLength(10000) message?: string;
  /**
   * complaint.reply: the replying agent's first name, which the live chat shows with the words
   * (never the surname: staff's personal data). Absent in events of earlier releases.
   */
  @IsOptional() @IsString() @MaxLength(100) author?: string;
  /** complaint.status: the complaint's state (a ComplaintState). */
  @IsOptional() @IsString() @MaxLength(32) state?: string;
  /** complaint.forward-received: whether the original sender was read and acknowledged. */
  @IsOptional() @IsBoolean() customerAcknowledged?: boolean;
}

/** Where an e-mail answer threads: the customer's message and its References. */
export class EmailThreadV1 {
  @IsString() @IsNotEmpty() @MaxLength(998) inReplyTo!: string;
  @IsArray() @ArrayMaxSize(100) @IsString({ each: true }) @MaxLength(998, { each: true }) references!: string[];
}

/** Topic plaint.complaint-events.v1, keyed by complaint id; written by core through its outbox. */
export class ComplaintEventV1 {
  /** Unique per event: the notifier's idempotency key. */
  @IsString() @IsNotEmpty() @MaxLength(64) eventId!: string;
  @IsIn(COMPLAINT_EVENT_TYPES) type!: ComplaintEventType;
  /** Empty only for complaint.status-unknown: a status request that matched no complaint. */
  @ValidateIf(namesAComplaint) @IsString() @IsNotEmpty() @MaxLength(64) complaintId!: string;
  /** Empty only for complaint.status-unknown. */
  @ValidateIf(namesAComplaint) @IsString() @IsNotEmpty() @MaxLength(32) reference!: string;
  @IsISO8601({ strict: true }) occurredAt!: string;
  /** The channel the complaint came from: where written notices go. */
  @IsIn(CHANNELS) channel!: Channel;
  @IsOptional() @IsString() @MaxLength(500) replyTo?: string;
  @IsIn(LANGUAGES) language!: Language;
  @ValidateNested() @Type(() => SenderV1) customer!: SenderV1;
  @ValidateNested() @Type(() => ComplaintDeadlinesV1) deadlines!: ComplaintDeadlinesV1;
  @IsOptional() @ValidateNested() @Type(() => ComplaintStepV1) step?: ComplaintStepV1;
  @IsOptional() @ValidateNested() @Type(() => EmailThreadV1) emailThread?: EmailThreadV1;
  /**
   * When the customer last wrote on this complaint: a platform that allows free-text answers only
   * for a while after the customer's message (WhatsApp's 24 hours) is answered by a template after.
   */
  @IsOptional() @IsISO8601({ strict: true }) customerWroteAt?: string;
  /**
   * What staff see of the complaint after this step (its state, deadline, assignee and the
   * customer's last message), for agents' notifications and the care team's Telegram topic.
   */
  @IsOptional() @ValidateNested() @Type(() => DeskViewV1) desk?: DeskViewV1;
}

function namesAComplaint(event: ComplaintEventV1): boolean {
  return event.type !== 'complaint.status-unknown';
}
