import { IsIn, IsISO8601, IsNotEmpty, IsOptional, IsString, MaxLength, ValidateIf } from 'class-validator';
import { NOTICE_ROUTES, type NoticeRoute } from './channel';

export const NOTICE_RECEIPT_STATES = ['delivered', 'read', 'failed'] as const;
export type NoticeReceiptState = (typeof NOTICE_RECEIPT_STATES)[number];

/**
 * Topic plaint.notice-receipts.v1, keyed by the platform's message id (or the conversation);
 * written by a channel service when the platform reports what became of a notice it accepted
 * (delivered, read, or failed after all). The notifier owns the notices, so it records the
 * receipt on the notice. A receipt names one message by its id, or, as Messenger's read and
 * delivery watermarks do, every message to one recipient up to an instant.
 */
export class NoticeReceiptV1 {
  /** Unique per receipt: a receipt the platform repeats changes nothing twice. */
  @IsString() @IsNotEmpty() @MaxLength(200) eventId!: string;
  @IsIn(NOTICE_ROUTES) route!: NoticeRoute;
  /** The id the platform gave our notice when it accepted it; absent for a watermark. */
  @ValidateIf(namesNoWatermark) @IsString() @IsNotEmpty() @MaxLength(300) messageId?: string;
  /** A watermark: every notice to this recipient (a notice's recipient) sent up to `upTo`. */
  @ValidateIf((receipt: NoticeReceiptV1) => receipt.upTo !== undefined) @IsString() @IsNotEmpty() @MaxLength(500) recipient?: string;
  @IsOptional() @IsISO8601({ strict: true }) upTo?: string;
  @IsIn(NOTICE_RECEIPT_STATES) state!: NoticeReceiptState;
  /** For a failure: the platform's explanation, as agents will read it. */
  @IsOptional() @IsString() @MaxLength(500) reason?: string;
  @IsISO8601({ strict: true }) occurredAt!: string;
}

function namesNoWatermark(receipt: NoticeReceiptV1): boolean {
  return receipt.upTo === undefined;
}
