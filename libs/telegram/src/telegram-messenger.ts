import type { SendPacer } from './send-pacer';
import { splitText } from './split-text';
import { type SendOptions, TelegramApiError, type TelegramClient } from './telegram-client';

/** What became of a text sent to a chat, in the notifier's terms (DeliveryOutcome). */
export type SendOutcome =
  | { ok: true; messageId: string }
  | { ok: false; permanent: boolean; reason: string; retryAfterMs?: number };

/** Inside one split text, a 429 this short is waited out, so the customer does not get the first part twice. */
const WAIT_INSIDE_TEXT_MS = 30_000;

/**
 * Sends plain text to a chat of one bot: split at Telegram's limit, paced to its rates, and
 * Telegram's refusals told apart: 429 is retried later (after `retry_after`), a chat that blocked
 * the bot or no longer exists is a permanent failure with a reason an agent understands.
 */
export class TelegramMessenger {
  constructor(
    private readonly client: TelegramClient,
    private readonly pacer: SendPacer,
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  ) {}

  /** `options` places the first part (a forum topic, the message it answers); later parts follow in the same topic. */
  async send(chatId: string, text: string, options: SendOptions = {}): Promise<SendOutcome> {
    const parts = splitText(text);
    let firstId: number | undefined;
    for (const [index, part] of parts.entries()) {
      const placed = index === 0 ? options : { threadId: options.threadId };
      let outcome = await this.sendPart(chatId, part, placed);
      // A later part throttled: wait it out here (the earlier parts are out already).
      while (index > 0 && !outcome.ok && outcome.retryAfterMs !== undefined && outcome.retryAfterMs <= WAIT_INSIDE_TEXT_MS) {
        await this.sleep(outcome.retryAfterMs);
        outcome = await this.sendPart(chatId, part, placed);
      }
      if (!outcome.ok) return index === 0 ? outcome : { ...outcome, reason: `${outcome.reason} (after ${index} of ${parts.length} parts were sent)` };
      firstId ??= outcome.messageId;
    }
    return { ok: true, messageId: String(firstId) };
  }

  private async sendPart(chatId: string, text: string, options: SendOptions): Promise<{ ok: true; messageId: number } | Extract<SendOutcome, { ok: false }>> {
    await this.pacer.slot(chatId);
    try {
      return { ok: true, messageId: await this.client.sendMessage(chatId, text, options) };
    } catch (error) {
      return refusalOutcome(error);
    }
  }
}

/** Telegram's refusal (or an unreachable Telegram) as a delivery outcome. */
export function refusalOutcome(error: unknown): Extract<SendOutcome, { ok: false }> {
  if (!(error instanceof TelegramApiError)) {
    return { ok: false, permanent: false, reason: `Telegram could not be reached: ${(error as Error).message}` };
  }
  if (error.code === 429) {
    return { ok: false, permanent: false, reason: 'Telegram asked to send more slowly', retryAfterMs: (error.retryAfterSeconds ?? 1) * 1000 };
  }
  if (error.code === 403) {
    const blocked = /blocked by the user/i.test(error.description);
    return { ok: false, permanent: true, reason: blocked ? 'The customer blocked the Telegram bot' : `Telegram refused the chat: ${error.description}` };
  }
  if (error.code === 400 && /chat not found|user is deactivated/i.test(error.description)) {
    return { ok: false, permanent: true, reason: `The Telegram chat no longer exists: ${error.description}` };
  }
  if (error.code === 401 || error.code === 404) {
    // The bot's token is wrong or revoked: nothing gets through until an operator fixes it.
    return { ok: false, permanent: false, reason: 'Telegram does not accept the bot token (PLAINT_TELEGRAM_BOT_TOKEN)' };
  }
  return { ok: false, permanent: error.code >= 400 && error.code < 500, reason: `Telegram refused the message: ${error.description}` };
}
