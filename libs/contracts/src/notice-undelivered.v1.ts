import { IsISO8601, IsNotEmpty, IsString, MaxLength } from 'class-validator';

/**
 * Topic plaint.notice-undelivered.v1, keyed by the notice's Message-ID; written by core when a
 * mail server's delivery report says one of our notices could not be delivered for good. The
 * notifier owns the notices, so it marks that notice failed.
 */
export class NoticeUndeliveredV1 {
  /** Unique per report: redelivery of the same report changes nothing twice. */
  @IsString() @IsNotEmpty() @MaxLength(64) eventId!: string;
  /** The Message-ID our notice was sent with, without angle brackets. */
  @IsString() @IsNotEmpty() @MaxLength(998) messageId!: string;
  /** What the agent reads on the notice: the server's diagnostic. */
  @IsString() @IsNotEmpty() @MaxLength(500) reason!: string;
  @IsISO8601({ strict: true }) occurredAt!: string;
}
