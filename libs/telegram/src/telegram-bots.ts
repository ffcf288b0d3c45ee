import type { TelegramConfig } from '@plaint/config';
import { SendPacer } from './send-pacer';
import { TelegrafClient } from './telegraf-client';
import type { TelegramClient } from './telegram-client';
import { TelegramMessenger } from './telegram-messenger';

export interface TelegramBotHandle {
  name: string;
  client: TelegramClient;
  /** Sends to this bot's chats within its rates; shared by all senders of the process. */
  messenger: TelegramMessenger;
}

/** The configured bots of a process, by name, each with its client and its paced messenger. */
export class TelegramBots {
  private readonly byName: Map<string, TelegramBotHandle>;

  constructor(
    config: TelegramConfig,
    clientFor: (token: string) => TelegramClient = (token) => new TelegrafClient(token, config.apiRoot),
  ) {
    this.byName = new Map(
      config.bots.map((bot) => {
        const client = clientFor(bot.token);
        const messenger = new TelegramMessenger(client, new SendPacer(config.sendsPerSecond, config.chatSendIntervalMs));
        return [bot.name, { name: bot.name, client, messenger }];
      }),
    );
  }

  get(name: string): TelegramBotHandle | undefined {
    return this.byName.get(name);
  }

  all(): TelegramBotHandle[] {
    return [...this.byName.values()];
  }
}

/** A conversation on Telegram as Plaint names it: `<bot>:<chat id>` (the chat of that bot). */
export function telegramChat(bot: string, chatId: number | string): string {
  return `${bot}:${chatId}`;
}

/** The bot and chat of a `<bot>:<chat id>` recipient, or undefined when it is not one. */
export function parseTelegramChat(value: string): { bot: string; chatId: string } | undefined {
  const match = /^([a-z0-9_-]{1,32}):(-?\d{1,20})$/.exec(value);
  return match?.[1] && match[2] ? { bot: match[1], chatId: match[2] } : undefined;
}
