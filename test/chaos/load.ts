import { randomUUID } from 'node:crypto';
import { ChatClient } from '../support/chat-client';
import { sendMail } from '../support/mail-sender';
import { type TelegramCustomer, textUpdate } from '../support/telegram-updates';
import type { Channel, SentMessage } from './checker';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** How long a customer's client keeps trying one message before it gives up (it is then sent but not acknowledged). */
const GIVE_UP_MS = 300_000;

/** A message as the campaign tracks it: what the checker needs, and when it was acknowledged. */
export interface Tracked extends SentMessage {
  sentAt: number;
  ackedAt?: number;
  error?: string;
}

export function track(token: string, channel: Channel): Tracked {
  return { token, channel, acked: false, sentAt: Date.now() };
}

function acknowledge(message: Tracked): void {
  message.acked = true;
  message.ackedAt = Date.now();
}

/** A chat customer who keeps writing in one conversation, and reconnects and resends what was not acknowledged under the same id. */
export class ChatCustomer {
  conversationId: string | undefined;
  private client: ChatClient | undefined;
  private readonly pending: { id: string; text: string; message: Tracked }[] = [];
  private flushing: Promise<void> = Promise.resolve();

  constructor(
    readonly i: number,
    private readonly email: string,
    private readonly instances: () => string[],
  ) {}

  write(message: Tracked, text: string): Promise<void> {
    this.pending.push({ id: randomUUID(), text, message });
    return this.flush();
  }

  /** Sends what is pending, in order; a failure leaves it pending for the next flush. */
  flush(): Promise<void> {
    this.flushing = this.flushing.then(() => this.sendPending());
    return this.flushing;
  }

  get unsent(): number {
    return this.pending.length;
  }

  /** Gives up on what is still unsent (the run is over): those stay sent but not acknowledged. */
  abandon(): void {
    for (const { message } of this.pending.splice(0)) message.error = 'never acknowledged';
  }

  close(): void {
    this.client?.close();
    this.client = undefined;
  }

  private async sendPending(): Promise<void> {
    try {
      const client = await this.connection();
      while (this.pending.length > 0) {
        const next = this.pending[0]!;
        const ack = await client.send(next.id, next.text);
        if (!ack.ok) return;
        acknowledge(next.message);
        this.pending.shift();
      }
    } catch {
      this.close();
    }
  }

  private async connection(): Promise<ChatClient> {
    if (this.client?.connected) return this.client;
    this.close();
    const urls = this.instances();
    const url = urls[this.i % Math.max(1, urls.length)];
    if (!url) throw new Error('no chat instance is up');
    const client = await ChatClient.connect(url);
    try {
      if (this.conversationId) {
        const resumed = await client.resume(this.conversationId);
        if (!resumed.ok) throw new Error(resumed.error.message);
      } else {
        const started = await client.start({ fullName: `Nərgiz Quliyeva ${this.i}`, email: this.email, language: 'en' });
        if (!started.ok) throw new Error(started.error.message);
        this.conversationId = started.conversationId;
      }
    } catch (error) {
      client.close();
      throw error;
    }
    this.client = client;
    return client;
  }
}

/** Posts the form as a browser would retry it: the same Idempotency-Key until it is answered 202 or refused for good. */
export async function postForm(url: () => string, message: Tracked, body: Record<string, unknown>): Promise<void> {
  const key = randomUUID();
  for (const deadline = Date.now() + GIVE_UP_MS; Date.now() < deadline; await sleep(500)) {
    const base = url();
    if (!base) continue;
    try {
      const response = await fetch(`${base}/api/v1/callback-requests`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': key },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(15_000),
      });
      const answer = await response.text();
      if (response.status === 202) return acknowledge(message);
      if (response.status === 400 || response.status === 422) {
        message.error = `${response.status} ${answer}`;
        return;
      }
    } catch {
      // no answer: the same post, with the same key, again
    }
  }
  message.error = 'never accepted';
}

/** Sends a customer's mail to the care mailbox, as a mail client does: again while the server does not take it. */
export async function mailIn(
  server: { host: string; smtpPort: number },
  message: Tracked,
  mail: { from: string; to: string; subject: string; text: string },
): Promise<void> {
  for (const deadline = Date.now() + GIVE_UP_MS; Date.now() < deadline; await sleep(1_000)) {
    try {
      await sendMail(server, { from: { address: mail.from }, to: { address: mail.to }, subject: mail.subject, text: mail.text });
      return acknowledge(message);
    } catch {
      // refused or cut: the client tries again
    }
  }
  message.error = 'never accepted';
}

/** Delivers an update to the webhook as Telegram does: the same update again until it is answered 200. */
export async function telegramIn(webhook: () => string, secret: string, message: Tracked, customer: TelegramCustomer, messageId: number, text: string): Promise<void> {
  const update = textUpdate(customer, messageId, text);
  for (const deadline = Date.now() + GIVE_UP_MS; Date.now() < deadline; await sleep(1_000)) {
    const url = webhook();
    if (!url) continue;
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': secret },
        body: JSON.stringify(update),
        signal: AbortSignal.timeout(15_000),
      });
      await response.arrayBuffer();
      if (response.status === 200) return acknowledge(message);
    } catch {
      // no answer: Telegram delivers the update again
    }
  }
  message.error = 'never accepted';
}
