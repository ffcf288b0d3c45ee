import { IsEmail, IsIn, IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { CleanName, cleanText, CleanText, LANGUAGES, type Language } from '@plaint/contracts';

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

const CLIENT_MESSAGE_ID = /^[A-Za-z0-9_-]{8,64}$/;
const MESSAGE_MAX_LENGTH = 5000;

export class ChatMessageDto {
  /** Chosen by the widget once per message and reused on every resend. */
  @IsString() @Matches(CLIENT_MESSAGE_ID) clientMessageId!: string;
  @CleanText() @IsString() @IsNotEmpty() @MaxLength(MESSAGE_MAX_LENGTH) text!: string;
}

/**
 * The everyday `chat:message` checked by hand, without class-validator (a tenth of a millisecond
 * a message, the largest part of the gateway's own work): exactly the two fields, both plainly
 * valid by ChatMessageDto's rules, make the same DTO it would. Anything else is undefined, for
 * the full validation to decide and to word the refusal. (MaxLength counts a surrogate pair as
 * one character, so a text within the limit in UTF-16 units is within it.)
 */
export function plainlyValidMessage(body: unknown): ChatMessageDto | undefined {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return undefined;
  const keys = Object.keys(body);
  if (keys.length !== 2 || !keys.includes('clientMessageId') || !keys.includes('text')) return undefined;
  const { clientMessageId, text } = body as Record<string, unknown>;
  if (typeof clientMessageId !== 'string' || !CLIENT_MESSAGE_ID.test(clientMessageId) || typeof text !== 'string') return undefined;
  const cleaned = cleanText(text);
  if (cleaned === '' || cleaned.length > MESSAGE_MAX_LENGTH) return undefined;
  return Object.assign(new ChatMessageDto(), { clientMessageId, text: cleaned });
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
  /** An agent's line: the agent's first name. */
  authorName?: string;
  text: string;
  /** Our notices: the complaint's reference, for the widget's copy box. */
  reference?: string;
  sentAt: string;
}
