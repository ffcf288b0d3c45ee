import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Socket } from 'node:net';

/** A text the fake Bot API was asked to send. */
export interface SentMessage {
  token: string;
  chatId: string;
  text: string;
  /** Present only when the caller asked for markup; Plaint never should. */
  parseMode?: string;
  messageId: number;
  /** The forum topic it was posted in (message_thread_id), when one was named. */
  threadId?: string;
  /** The message it answers (reply_parameters.message_id), when one was named. */
  replyTo?: string;
}

/** A forum topic the fake Bot API was asked to open. */
export interface CreatedTopic {
  token: string;
  chatId: string;
  name: string;
  threadId: string;
}

type Refusal = { status: number; body: Record<string, unknown> };

/**
 * A local stand-in for the Telegram Bot API (https://core.telegram.org/bots/api), of our own: it
 * answers exactly the methods Plaint calls (getMe, getUpdates, getFile, the file download,
 * sendMessage with message_thread_id and reply_parameters, createForumTopic, setWebhook) with payloads shaped as the documentation shows, and lets a test
 * queue updates for long polling, keep files, and make Telegram refuse: 429 with retry_after,
 * 403 for a chat that blocked the bot, a failing download.
 */
export class FakeTelegram {
  readonly sent: SentMessage[] = [];
  readonly topics: CreatedTopic[] = [];
  readonly webhooks = new Map<string, { url: string; secretToken: string | undefined }>();
  /** getUpdates calls, with the offset each asked from. */
  readonly polls: { token: string; offset: number | undefined }[] = [];
  private readonly updates = new Map<string, Record<string, unknown>[]>();
  private readonly files = new Map<string, { path: string; bytes: Buffer; failDownload: boolean }>();
  private readonly blockedChats = new Set<string>();
  private readonly throttled = new Map<string, { count: number; retryAfter: number }>();
  /** How many sendMessage calls were answered 429. */
  throttledAnswers = 0;
  private nextMessageId = 1000;
  private readonly waiting = new Set<() => void>();
  private readonly sockets = new Set<Socket>();

  private constructor(private readonly server: Server) {}

  static async start(): Promise<FakeTelegram> {
    const server = createServer();
    const fake = new FakeTelegram(server);
    server.on('request', (req, res) => void fake.handle(req, res));
    server.on('connection', (socket) => {
      fake.sockets.add(socket);
      socket.on('close', () => fake.sockets.delete(socket));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return fake;
  }

  /** PLAINT_TELEGRAM_API_ROOT for this server. */
  get apiRoot(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** Queues updates for a bot's getUpdates, as Telegram holds them until confirmed. */
  queueUpdates(token: string, updates: Record<string, unknown>[]): void {
    this.updates.set(token, [...(this.updates.get(token) ?? []), ...updates]);
    for (const wake of [...this.waiting]) wake();
  }

  /** Updates of a bot not confirmed yet (a getUpdates offset past them confirms them). */
  pending(token: string): number {
    return this.updates.get(token)?.length ?? 0;
  }

  /** Keeps a file as Telegram would after a customer sent it; returns its file_id. */
  addFile(bytes: Buffer, options: { failDownload?: boolean } = {}): string {
    const fileId = `file-${this.files.size + 1}-${bytes.length}`;
    this.files.set(fileId, { path: `documents/file_${this.files.size + 1}.bin`, bytes, failDownload: options.failDownload ?? false });
    return fileId;
  }

  /** The next `count` sendMessage calls to this chat get 429 Too Many Requests with this retry_after. */
  throttleSends(chatId: string | number, count: number, retryAfterSeconds: number): void {
    this.throttled.set(String(chatId), { count, retryAfter: retryAfterSeconds });
  }

  /** The user of this chat blocked the bot: sendMessage answers 403. */
  blockChat(chatId: string | number): void {
    this.blockedChats.add(String(chatId));
  }

  sentTo(chatId: string | number): SentMessage[] {
    return this.sent.filter((message) => message.chatId === String(chatId));
  }

  async close(): Promise<void> {
    for (const wake of [...this.waiting]) wake();
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://fake');
    const download = /^\/file\/bot([^/]+)\/(.+)$/.exec(url.pathname);
    if (download) return this.download(download[2] ?? '', res);
    const call = /^\/bot([^/]+)\/(\w+)$/.exec(url.pathname);
    if (!call) return answer(res, 404, { ok: false, error_code: 404, description: 'Not Found' });
    const token = call[1] ?? '';
    const body = await readJson(req);
    switch (call[2] ?? '') {
      case 'getMe':
        return answer(res, 200, { ok: true, result: { id: Number(token.split(':')[0]), is_bot: true, first_name: 'Plaint test bot', username: 'plaint_test_bot', can_join_groups: false, can_read_all_group_messages: false, supports_inline_queries: false } });
      case 'getUpdates':
        return this.getUpdates(token, body, res);
      case 'getFile':
        return this.getFile(body, res);
      case 'sendMessage':
        return this.sendMessage(token, body, res);
      case 'createForumTopic':
        return this.createForumTopic(token, body, res);
      case 'setWebhook':
        this.webhooks.set(token, { url: asText(body.url), secretToken: body.secret_token === undefined ? undefined : asText(body.secret_token) });
        return answer(res, 200, { ok: true, result: true, description: 'Webhook was set' });
      default:
        return answer(res, 404, { ok: false, error_code: 404, description: 'Not Found: method not found' });
    }
  }

  private async getUpdates(token: string, body: Record<string, unknown>, res: ServerResponse): Promise<void> {
    const offset = typeof body.offset === 'number' ? body.offset : undefined;
    this.polls.push({ token, offset });
    const confirmBefore = (queue: Record<string, unknown>[]) => (offset === undefined ? queue : queue.filter((u) => (u.update_id as number) >= offset));
    this.updates.set(token, confirmBefore(this.updates.get(token) ?? []));
    const timeoutMs = Math.min(Number(body.timeout ?? 0), 50) * 1000;
    if ((this.updates.get(token) ?? []).length === 0 && timeoutMs > 0) {
      await new Promise<void>((resolve) => {
        const wake = () => {
          this.waiting.delete(wake);
          clearTimeout(timer);
          resolve();
        };
        const timer = setTimeout(wake, timeoutMs);
        this.waiting.add(wake);
        res.once('close', wake);
      });
    }
    const limit = Number(body.limit ?? 100);
    return answer(res, 200, { ok: true, result: (this.updates.get(token) ?? []).slice(0, limit) });
  }

  private getFile(body: Record<string, unknown>, res: ServerResponse): void {
    const fileId = String(body.file_id);
    const file = this.files.get(fileId);
    if (!file) return answer(res, 400, { ok: false, error_code: 400, description: 'Bad Request: invalid file_id' });
    answer(res, 200, { ok: true, result: { file_id: fileId, file_unique_id: `u${fileId}`, file_size: file.bytes.length, file_path: file.path } });
  }

  private download(path: string, res: ServerResponse): void {
    const file = [...this.files.values()].find((candidate) => candidate.path === path);
    if (!file) return answer(res, 404, { ok: false, error_code: 404, description: 'Not Found' });
    if (file.failDownload) return answer(res, 500, { ok: false, error_code: 500, description: 'Internal Server Error' });
    res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': file.bytes.length });
    res.end(file.bytes);
  }

  private sendMessage(token: string, body: Record<string, unknown>, res: ServerResponse): void {
    const chatId = String(body.chat_id);
    const refusal = this.refusalFor(chatId);
    if (refusal) return answer(res, refusal.status, refusal.body);
    const text = typeof body.text === 'string' ? body.text : '';
    if (text.length === 0 || text.length > 4096) return answer(res, 400, { ok: false, error_code: 400, description: 'Bad Request: message is too long' });
    const messageId = (this.nextMessageId += 1);
    const replyTo = (body.reply_parameters as { message_id?: unknown } | undefined)?.message_id;
    this.sent.push({
      token,
      chatId,
      text,
      messageId,
      ...(body.parse_mode === undefined ? {} : { parseMode: asText(body.parse_mode) }),
      ...(body.message_thread_id === undefined ? {} : { threadId: asText(body.message_thread_id) }),
      ...(replyTo === undefined ? {} : { replyTo: asText(replyTo) }),
    });
    const chat = { id: Number(chatId), type: 'private', first_name: 'Customer' };
    answer(res, 200, { ok: true, result: { message_id: messageId, date: Math.floor(Date.now() / 1000), chat, from: { id: Number(token.split(':')[0]), is_bot: true, first_name: 'Plaint test bot' }, text } });
  }

  /** Forum topics get message ids of their own, as in Telegram: the topic's thread id is its creation message's id. */
  private createForumTopic(token: string, body: Record<string, unknown>, res: ServerResponse): void {
    const chatId = String(body.chat_id);
    const name = typeof body.name === 'string' ? body.name : '';
    if (name.length === 0 || [...name].length > 128) return answer(res, 400, { ok: false, error_code: 400, description: 'Bad Request: TOPIC_NAME_INVALID' });
    if (!chatId.startsWith('-100')) return answer(res, 400, { ok: false, error_code: 400, description: 'Bad Request: the chat is not a forum' });
    const threadId = (this.nextMessageId += 1);
    this.topics.push({ token, chatId, name, threadId: String(threadId) });
    answer(res, 200, { ok: true, result: { message_thread_id: threadId, name, icon_color: 7322096 } });
  }

  private refusalFor(chatId: string): Refusal | undefined {
    if (this.blockedChats.has(chatId)) return { status: 403, body: { ok: false, error_code: 403, description: 'Forbidden: bot was blocked by the user' } };
    const throttle = this.throttled.get(chatId);
    if (throttle && throttle.count > 0) {
      throttle.count -= 1;
      this.throttledAnswers += 1;
      const retryAfter = throttle.retryAfter;
      return { status: 429, body: { ok: false, error_code: 429, description: `Too Many Requests: retry after ${retryAfter}`, parameters: { retry_after: retryAfter } } };
    }
    return undefined;
  }
}

function asText(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function answer(res: ServerResponse, status: number, body: Record<string, unknown>): void {
  if (res.writableEnded || res.destroyed) return;
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  let raw = '';
  for await (const chunk of req) raw += (chunk as Buffer).toString('utf8');
  const query = Object.fromEntries(new URL(req.url ?? '/', 'http://fake').searchParams);
  if (!raw) return query;
  return { ...query, ...(JSON.parse(raw) as Record<string, unknown>) };
}
