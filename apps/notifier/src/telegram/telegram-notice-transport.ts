import { Injectable } from '@nestjs/common';
import type { NoticeEntity } from '@plaint/persistence';
import { parseTelegramChat, TelegramBots } from '@plaint/telegram';
import type { DeliveryOutcome, NoticeTransport } from '../delivery/notice-transport';

/**
 * Notices to the Telegram chat a complaint came from (recipient `<bot>:<chat id>`): plain text,
 * split at Telegram's limit, paced to its rates (TelegramMessenger). Telegram's 429 comes back
 * with its retry_after; a chat whose user blocked the bot is a permanent failure, so the
 * delivery loop offers the notice to the customer's next route.
 */
@Injectable()
export class TelegramNoticeTransport implements NoticeTransport {
  readonly route = 'telegram' as const;

  constructor(private readonly bots: TelegramBots) {}

  get enabled(): boolean {
    return this.bots.all().length > 0;
  }

  async send(notice: NoticeEntity): Promise<DeliveryOutcome> {
    const chat = parseTelegramChat(notice.recipient ?? '');
    if (!chat) return { ok: false, permanent: true, reason: `"${notice.recipient}" is not a Telegram chat (bot:chat id)` };
    const bot = this.bots.get(chat.bot);
    if (!bot) return { ok: false, permanent: true, reason: `The Telegram bot "${chat.bot}" is no longer configured (PLAINT_TELEGRAM_BOT_TOKEN)` };
    return bot.messenger.send(chat.chatId, notice.text);
  }
}
