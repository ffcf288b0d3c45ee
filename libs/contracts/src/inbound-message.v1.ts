import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsISO8601,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { CHANNELS, type Channel, LANGUAGES, type Language } from './channel';

/** What the channel tells us about the customer. */
export class SenderV1 {
  @IsOptional() @IsString() @MaxLength(300) name?: string;
  @IsOptional() @IsEmail() @MaxLength(320) email?: string;
  /** E.164, e.g. +994501234567. */
  @IsOptional() @Matches(/^\+[1-9]\d{6,14}$/) phone?: string;
  /** The platform's own user id (Telegram user id, Meta PSID…). */
  @IsOptional() @IsString() @MaxLength(200) platformId?: string;
}

/** Stored bytes are referenced, never carried inline. */
export class AttachmentRefV1 {
  @IsString() @IsNotEmpty() @MaxLength(500) uri!: string;
  @IsString() @MaxLength(300) filename!: string;
  @IsString() @MaxLength(200) contentType!: string;
  @IsInt() @Min(0) size!: number;
  @Matches(/^[0-9a-f]{64}$/) sha256!: string;
}

/** Topic plaint.inbound.v1: one customer message, normalised by a channel adapter. */
export class InboundMessageV1 {
  /** Our id (UUIDv7), assigned by the adapter. */
  @IsString() @IsNotEmpty() @MaxLength(64) id!: string;
  @IsIn(CHANNELS) channel!: Channel;
  /** The channel's own id of this message: the level-1 dedup key together with channel. */
  @IsString() @IsNotEmpty() @MaxLength(500) externalId!: string;
  /** The channel's own thread: the level-2 dedup key together with channel. */
  @IsString() @IsNotEmpty() @MaxLength(500) conversation!: string;
  @ValidateNested() @Type(() => SenderV1) sender!: SenderV1;
  @IsString() @MaxLength(20_000) text!: string;
  @IsOptional() @IsString() @MaxLength(200_000) html?: string;
  @IsArray() @ArrayMaxSize(50) @ValidateNested({ each: true }) @Type(() => AttachmentRefV1)
  attachments!: AttachmentRefV1[];
  @IsISO8601({ strict: true }) receivedAt!: string;
  @IsOptional() @IsIn(LANGUAGES) locale?: Language;
  /** Channel address for the answer: e-mail address, chat id, socket conversation. */
  @IsOptional() @IsString() @MaxLength(500) replyTo?: string;
  /** Set where the channel marks the message as automatic (auto-reply, bounce). */
  @IsBoolean() automated!: boolean;
  /** The employee who served the customer, when they named one (optional in the policy). */
  @IsOptional() @IsString() @MaxLength(300) employeeName?: string;
  /** The customer asked to be called back (the "call me" form). */
  @IsOptional() @IsBoolean() callbackRequested?: boolean;
}
