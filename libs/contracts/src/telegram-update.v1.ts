import { IsInt, IsISO8601, IsObject, Matches, Min } from 'class-validator';

/**
 * Topic plaint.telegram-updates.v1, keyed by bot and chat: one update exactly as Telegram sent
 * it (webhook or getUpdates), accepted on the bus before Telegram is answered. ingest-social
 * turns it into an inbound message, a direct reply, or nothing, off the request path.
 */
export class TelegramUpdateV1 {
  /** The bot it came to, by its configured name. */
  @Matches(/^[a-z0-9_-]{1,32}$/) bot!: string;
  @IsInt() @Min(0) updateId!: number;
  @IsISO8601({ strict: true }) receivedAt!: string;
  /** The Update object as the Bot API documents it; read by ingest-social, which ignores what it does not know. */
  @IsObject() update!: Record<string, unknown>;
}
