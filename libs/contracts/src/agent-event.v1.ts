import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsISO8601, IsNotEmpty, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';
import { CHANNELS, type Channel } from './channel';

export const AGENT_EVENT_TYPES = [
  /** A customer wrote again on a complaint that is already open. */
  'customer.message',
  /** A complaint was assigned to an agent (or taken by one). */
  'complaint.assigned',
  /** A running deadline is near (to the assignee, or the queue when nobody has it). */
  'sla.warning',
  /** A deadline passed (to the assignee and to supervisors). */
  'sla.breach',
  /** A written notice could not reach the customer on any route. */
  'notice.failed',
  /** An agent wrote an internal note (posted in the complaint's staff topic). */
  'complaint.note',
  /** Internal steps agents see: taken, assigned, review started… (posted in the staff topic). */
  'complaint.step',
  /** What became of an agent's command sent by mail or Telegram when it was refused. */
  'command.refused',
  /** An agent linked their Telegram account. */
  'telegram.linked',
] as const;
export type AgentEventType = (typeof AGENT_EVENT_TYPES)[number];

export const DESK_DEADLINES = ['accept', 'review', 'resolve'] as const;

/**
 * What staff may see of a complaint in a notification: never the customer's contact details,
 * only their name, the channel, the current step and its deadline, and the last message.
 */
export class DeskViewV1 {
  @IsString() @IsNotEmpty() @MaxLength(64) complaintId!: string;
  @IsString() @IsNotEmpty() @MaxLength(32) reference!: string;
  @IsOptional() @IsString() @MaxLength(300) customerName?: string;
  @IsIn(CHANNELS) channel!: Channel;
  /** The complaint's state (a ComplaintState). */
  @IsString() @IsNotEmpty() @MaxLength(32) state!: string;
  /** The deadline that runs now, and which one it is. */
  @IsOptional() @IsIn(DESK_DEADLINES) deadline?: (typeof DESK_DEADLINES)[number];
  @IsOptional() @IsISO8601({ strict: true }) dueAt?: string;
  /** The customer's last message, cut to a few hundred characters. */
  @IsOptional() @IsString() @MaxLength(2000) lastMessage?: string;
  @IsOptional() @IsString() @MaxLength(64) assigneeId?: string;
}

/** Who an agent event is for; the notifier resolves agents' addresses and preferences. */
export class AgentAudienceV1 {
  @IsOptional() @IsArray() @ArrayMaxSize(100) @IsString({ each: true }) @MaxLength(64, { each: true }) agentIds?: string[];
  @IsOptional() @IsBoolean() supervisors?: boolean;
  /** Every active agent (the unassigned queue). */
  @IsOptional() @IsBoolean() queue?: boolean;
  /** A sender who is not (or cannot be shown to be) an agent: a refusal goes back to this address. */
  @IsOptional() @IsString() @MaxLength(320) emailAddress?: string;
  /** A Telegram chat (and forum topic) a refusal or a hint goes back to. */
  @IsOptional() @IsString() @MaxLength(32) telegramBot?: string;
  @IsOptional() @IsString() @MaxLength(32) telegramChatId?: string;
  @IsOptional() @IsString() @MaxLength(32) telegramThreadId?: string;
  /** The message a refusal answers (a Message-ID, or a Telegram message id). */
  @IsOptional() @IsString() @MaxLength(998) inReplyTo?: string;
}

/**
 * Topic plaint.agent-events.v1, keyed by complaint id: what staff are told, written by core
 * through its outbox. Customer-facing steps are on plaint.complaint-events.v1 and carry a
 * DeskViewV1 for staff; this topic has what only staff see.
 */
export class AgentEventV1 {
  /** Unique per event: the notifier's idempotency key (with the agent and route). */
  @IsString() @IsNotEmpty() @MaxLength(100) eventId!: string;
  @IsIn(AGENT_EVENT_TYPES) type!: AgentEventType;
  @IsISO8601({ strict: true }) occurredAt!: string;
  @ValidateNested() @Type(() => AgentAudienceV1) audience!: AgentAudienceV1;
  @IsOptional() @ValidateNested() @Type(() => DeskViewV1) complaint?: DeskViewV1;
  /** The event's own words: the note, the step, the refusal's reason, the failed notice's reason. */
  @IsOptional() @IsString() @MaxLength(10_000) text?: string;
  /** The agent who acted (a note's author, who assigned), by display name. */
  @IsOptional() @IsString() @MaxLength(200) actor?: string;
}
