import { IsEmail, IsIn, IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { CleanName, CleanText, LANGUAGES, type Language } from '@plaint/contracts';

/** `chat:start`: who the customer is. A phone or an e-mail is required (checked in the gateway). */
export class ChatStartDto {
  @CleanName() @IsString() @IsNotEmpty() @MaxLength(300) fullName!: string;
  @CleanText() @IsOptional() @IsEmail() @MaxLength(320) email?: string;
  @CleanText() @IsOptional() @IsString() @MaxLength(40) phone?: string;
  @IsOptional() @IsIn(LANGUAGES) language?: Language;
}

export class ChatResumeDto {
  @IsString() @Matches(/^[A-Za-z0-9_-]{16,64}$/) conversationId!: string;
}

export class ChatMessageDto {
  /** Chosen by the widget once per message and reused on every resend. */
  @IsString() @Matches(/^[A-Za-z0-9_-]{8,64}$/) clientMessageId!: string;
  @CleanText() @IsString() @IsNotEmpty() @MaxLength(5000) text!: string;
}

/** `internal`: a fault on our side (logged); the widget may retry. */
export type ChatErrorCode = 'invalid' | 'not_started' | 'unknown_conversation' | 'unavailable' | 'rate_limited' | 'internal';

export interface ChatError {
  code: ChatErrorCode;
  message: string;
  fields?: { field: string; problems: string[] }[];
  /** With rate_limited: when the widget may send again. */
  retryAfterSeconds?: number;
}

export type ChatAck<T extends object = object> = ({ ok: true } & T) | { ok: false; error: ChatError };

/** What the server emits as `chat:message`. */
export interface ChatLineView {
  id: string;
  from: 'customer' | 'plaint' | 'agent';
  text: string;
  reference?: string;
  sentAt: string;
}
