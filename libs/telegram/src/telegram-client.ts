import type { UserFromGetMe } from 'telegraf/types';

/** A file Telegram keeps for the bot, as getFile describes it. */
export interface TelegramFileInfo {
  /** For the download; absent when Telegram will not serve the file (over 20 MB). */
  path: string | undefined;
  size: number | undefined;
}

/**
 * A refusal by the Bot API (`ok: false`): its error code and description, and for 429 how long
 * to wait. Never carries the token.
 */
export class TelegramApiError extends Error {
  override readonly name = 'TelegramApiError';
  constructor(
    readonly code: number,
    readonly description: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(`Telegram answered ${code}: ${description}`);
  }
}

/** Where in a chat a text goes: a forum topic, and the message it answers. */
export interface SendOptions {
  threadId?: string;
  replyToMessageId?: string;
}

/** Telegram's limit on a forum topic's name, in characters. */
export const FORUM_TOPIC_NAME_MAX = 128;

/**
 * The few Bot API methods Plaint uses, for one bot. The port between Plaint and the library
 * that speaks to Telegram (TelegrafClient), so that library can be replaced. Methods throw
 * TelegramApiError when Telegram refuses, any other error when it cannot be reached.
 */
export interface TelegramClient {
  getMe(): Promise<UserFromGetMe>;
  /**
   * Long polling: updates from `offset` on (confirming the ones before it), waiting up to
   * `timeoutSeconds`; as Telegram sent them, for the caller to read.
   */
  getUpdates(offset: number | undefined, timeoutSeconds: number, signal?: AbortSignal): Promise<unknown[]>;
  getFile(fileId: string): Promise<TelegramFileInfo>;
  /** The bytes of a file getFile described; refuses (FileTooLarge) past `maxBytes` without reading on. */
  download(path: string, maxBytes: number): Promise<Buffer>;
  /** Plain text: no parse mode, so nothing the customer wrote becomes markup. Returns Telegram's message id. */
  sendMessage(chatId: string, text: string, options?: SendOptions): Promise<number>;
  /** Opens a topic in a forum supergroup (the bot must be an admin allowed to manage topics); returns its message_thread_id. */
  createForumTopic(chatId: string, name: string): Promise<string>;
  setWebhook(url: string, secretToken: string): Promise<void>;
}

/** A file over the size the installation keeps. */
export class FileTooLarge extends Error {
  override readonly name = 'FileTooLarge';
}
