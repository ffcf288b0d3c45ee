import { IsIn, IsISO8601, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';

export const CHAT_AUTHORS = ['customer', 'plaint', 'agent'] as const;
export type ChatAuthor = (typeof CHAT_AUTHORS)[number];

/** Topic plaint.delivery.chat.v1, keyed by conversation: a line to show in a customer's chat. */
export class ChatDeliveryV1 {
  /** Unique per line (the notice id): the widget and the chat log dedupe on it. */
  @IsString() @IsNotEmpty() @MaxLength(64) id!: string;
  @IsString() @IsNotEmpty() @MaxLength(64) conversationId!: string;
  @IsIn(CHAT_AUTHORS) from!: ChatAuthor;
  /** With from = agent: the agent's first name, shown with the line. Absent in earlier releases' lines. */
  @IsOptional() @IsString() @MaxLength(100) authorName?: string;
  @IsString() @IsNotEmpty() @MaxLength(20_000) text!: string;
  /** The complaint's reference, shown in a box with a copy button (policy notices, not an agent's words). */
  @IsOptional() @IsString() @MaxLength(32) reference?: string;
  @IsISO8601({ strict: true }) sentAt!: string;
}
