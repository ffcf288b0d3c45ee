import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsISO8601, IsNotEmpty, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';

export const AGENT_COMMAND_SOURCES = ['email', 'telegram'] as const;
export type AgentCommandSource = (typeof AGENT_COMMAND_SOURCES)[number];

/**
 * An agent's mail: who it says it is from, and the signed token that binds it to one complaint
 * and one agent (the Reply-To tag or our Message-ID it answers). Core verifies both.
 */
export class AgentEmailOriginV1 {
  /** The From address, lower-case. */
  @IsString() @IsNotEmpty() @MaxLength(320) from!: string;
  /** The token found in the recipient address's +tag, or in the Message-ID the mail answers. */
  @IsOptional() @IsString() @MaxLength(200) token?: string;
  /** The mail's own Message-ID: a refusal answers in its thread. */
  @IsOptional() @IsString() @MaxLength(998) messageId?: string;
  @IsOptional() @IsString() @MaxLength(998) subject?: string;
  /**
   * Set when the mail is automatic (out-of-office, auto-reply, bounce), with why: it is recorded
   * and never reaches a customer, and it is never answered.
   */
  @IsOptional() @IsString() @MaxLength(200) automated?: string;
}

/** A Telegram message to Plaint's bot from staff: in the care team's group, or in a direct chat. */
export class AgentTelegramOriginV1 {
  @IsString() @IsNotEmpty() @MaxLength(32) bot!: string;
  /** The sender's Telegram user id: what links a member to an agent. */
  @IsString() @IsNotEmpty() @MaxLength(32) userId!: string;
  @IsOptional() @IsString() @MaxLength(64) username?: string;
  @IsOptional() @IsString() @MaxLength(200) name?: string;
  @IsString() @IsNotEmpty() @MaxLength(32) chatId!: string;
  /** True in the configured staff group; false in a direct chat with the bot. */
  @IsBoolean() group!: boolean;
  /** The forum topic the message was written in (the complaint's topic). */
  @IsOptional() @IsString() @MaxLength(32) threadId?: string;
  @IsString() @IsNotEmpty() @MaxLength(32) messageId!: string;
  /** The text of the bot's message this one replies to: it names the complaint's reference. */
  @IsOptional() @IsString() @MaxLength(5000) replyToText?: string;
  /** An edit of a message already sent: it is recorded, never sent to the customer a second time. */
  @IsOptional() @IsBoolean() edited?: boolean;
}

/**
 * Topic plaint.agent-commands.v1, keyed by the complaint reference when known, else by the
 * sender: what an agent wrote from their own mailbox or from Telegram. The channel services only
 * carry it; core authenticates the agent, finds the complaint, reads the first line (`#note`,
 * `#accept`, … or `/note`, `/accept`, …) and acts exactly as the agent API would.
 */
export class AgentCommandV1 {
  /** Unique per message (the mail's Message-ID, or bot:chat:message): a repeat acts once. */
  @IsString() @IsNotEmpty() @MaxLength(300) commandId!: string;
  @IsIn(AGENT_COMMAND_SOURCES) source!: AgentCommandSource;
  @IsISO8601({ strict: true }) receivedAt!: string;
  /** What the agent wrote, with quoted history and signature already cut. */
  @IsString() @MaxLength(20_000) text!: string;
  /** The reference the channel found (a topic's complaint, the notification replied to). */
  @IsOptional() @IsString() @MaxLength(32) reference?: string;
  @IsOptional() @ValidateNested() @Type(() => AgentEmailOriginV1) email?: AgentEmailOriginV1;
  @IsOptional() @ValidateNested() @Type(() => AgentTelegramOriginV1) telegram?: AgentTelegramOriginV1;
}
