import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsISO8601, IsNotEmpty, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';
import { CHANNELS, type Channel, LANGUAGES, type Language } from './channel';
import { SenderV1 } from './inbound-message.v1';

export const COMPLAINT_EVENT_TYPES = ['complaint.received'] as const;
export type ComplaintEventType = (typeof COMPLAINT_EVENT_TYPES)[number];

/** Deadlines as ISO instants; the notifier renders them in the customer's zone and language. */
export class ComplaintDeadlinesV1 {
  @IsOptional() @IsISO8601({ strict: true }) acceptBy?: string;
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
  @IsString() @IsNotEmpty() @MaxLength(64) complaintId!: string;
  @IsString() @IsNotEmpty() @MaxLength(32) reference!: string;
  @IsISO8601({ strict: true }) occurredAt!: string;
  /** The channel the complaint came from: where written notices go. */
  @IsIn(CHANNELS) channel!: Channel;
  @IsOptional() @IsString() @MaxLength(500) replyTo?: string;
  @IsIn(LANGUAGES) language!: Language;
  @ValidateNested() @Type(() => SenderV1) customer!: SenderV1;
  @ValidateNested() @Type(() => ComplaintDeadlinesV1) deadlines!: ComplaintDeadlinesV1;
  @IsOptional() @ValidateNested() @Type(() => EmailThreadV1) emailThread?: EmailThreadV1;
}
