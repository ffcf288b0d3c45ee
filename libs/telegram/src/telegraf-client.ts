import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { Telegram } from 'telegraf';
import type { UserFromGetMe } from 'telegraf/types';
import { FileTooLarge, FORUM_TOPIC_NAME_MAX, type SendOptions, TelegramApiError, type TelegramClient, type TelegramFileInfo } from './telegram-client';

/** The update kinds Plaint reads; Telegram sends no others (reactions, polls, members…). */
export const READ_UPDATES = ['message', 'edited_message'] as const;

/** TelegramClient on telegraf's Telegram class (its HTTP client, error type and Bot API typings). */
export class TelegrafClient implements TelegramClient {
  private readonly telegram: Telegram;

  constructor(
    private readonly token: string,
    private readonly apiRoot: string,
  ) {
    const agent = apiRoot.startsWith('https:') ? new HttpsAgent({ keepAlive: true }) : new HttpAgent({ keepAlive: true });
    this.telegram = new Telegram(token, { apiRoot, agent, webhookReply: false });
  }

  getMe(): Promise<UserFromGetMe> {
    return this.call(() => this.telegram.getMe());
  }

  getUpdates(offset: number | undefined, timeoutSeconds: number, signal?: AbortSignal): Promise<unknown[]> {
    const payload = { offset, timeout: timeoutSeconds, limit: 100, allowed_updates: READ_UPDATES };
    // Telegraf types the signal as its abort-controller polyfill's; node-fetch takes Node's own.
    return this.call(() => this.telegram.callApi('getUpdates', payload, { signal: signal as never }));
  }

  async getFile(fileId: string): Promise<TelegramFileInfo> {
    const file = await this.call(() => this.telegram.getFile(fileId));
    return { path: file.file_path, size: file.file_size };
  }

  async download(path: string, maxBytes: number): Promise<Buffer> {
    // The Bot API's download address: <api root>/file/bot<token>/<file_path>.
    const response = await fetch(new URL(`./file/bot${this.token}/${path}`, `${this.apiRoot}/`));
    if (!response.ok || !response.body) throw new TelegramApiError(response.status, `the file download failed (${response.statusText})`);
    const declared = Number(response.headers.get('content-length') ?? NaN);
    if (declared > maxBytes) {
      await response.body.cancel();
      throw new FileTooLarge(`the file has ${declared} bytes, more than the ${maxBytes} bytes kept`);
    }
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of response.body) {
      size += (chunk as Uint8Array).length;
      if (size > maxBytes) throw new FileTooLarge(`the file has more than the ${maxBytes} bytes kept`);
      chunks.push(Buffer.from(chunk as Uint8Array));
    }
    return Buffer.concat(chunks);
  }

  async sendMessage(chatId: string, text: string, options: SendOptions = {}): Promise<number> {
    const extra = {
      link_preview_options: { is_disabled: true },
      ...(options.threadId === undefined ? {} : { message_thread_id: Number(options.threadId) }),
      // A reply to a message deleted meanwhile still goes out, as a plain message.
      ...(options.replyToMessageId === undefined ? {} : { reply_parameters: { message_id: Number(options.replyToMessageId), allow_sending_without_reply: true } }),
    };
    const sent = await this.call(() => this.telegram.sendMessage(chatId, text, extra));
    return sent.message_id;
  }

  async createForumTopic(chatId: string, name: string): Promise<string> {
    const topic = await this.call(() => this.telegram.createForumTopic(chatId, [...name].slice(0, FORUM_TOPIC_NAME_MAX).join('')));
    return String(topic.message_thread_id);
  }

  async setWebhook(url: string, secretToken: string): Promise<void> {
    await this.call(() => this.telegram.setWebhook(url, { secret_token: secretToken, allowed_updates: [...READ_UPDATES] }));
  }

  /** Telegraf's refusals as our own error; network errors pass (telegraf strips the token from them). */
  private async call<T>(request: () => Promise<T>): Promise<T> {
    try {
      return await request();
    } catch (error) {
      const refusal = error as { response?: { error_code?: unknown; description?: unknown; parameters?: { retry_after?: unknown } } };
      const response = refusal.response;
      if (response && typeof response.error_code === 'number') {
        const retryAfter = response.parameters?.retry_after;
        const description = typeof response.description === 'string' ? response.description : '';
        throw new TelegramApiError(response.error_code, description, typeof retryAfter === 'number' ? retryAfter : undefined);
      }
      throw error;
    }
  }
}
