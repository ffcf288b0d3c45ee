import type { Writable } from 'node:stream';
import type { PlaintConfig } from '@plaint/config';
import { TelegramApiError, TelegramBots } from '@plaint/telegram';
import { TELEGRAM_WEBHOOK_PATH } from '../../ingest-social/src/telegram/webhook-secret-gate';
import { CommandFailed } from './operator-commands';

/**
 * `plaint telegram:set-webhook`: tells Telegram where to post each configured bot's updates
 * (PLAINT_TELEGRAM_PUBLIC_URL/webhooks/telegram/<bot>) and with which secret token. Run once
 * when connecting a bot or moving the address, not on every boot: Telegram keeps it.
 */
export async function setTelegramWebhooks(config: PlaintConfig, out: Writable = process.stdout, bots = new TelegramBots(config.telegram)): Promise<void> {
  const { publicUrl, webhookSecret } = config.telegram;
  if (bots.all().length === 0) throw new CommandFailed('no Telegram bot is configured (PLAINT_TELEGRAM_BOT_TOKEN)');
  if (!publicUrl) throw new CommandFailed('PLAINT_TELEGRAM_PUBLIC_URL is not set: the https:// address Telegram can reach Plaint at');
  if (!webhookSecret) throw new CommandFailed('PLAINT_TELEGRAM_WEBHOOK_SECRET is not set');
  for (const bot of bots.all()) {
    const url = `${publicUrl}${TELEGRAM_WEBHOOK_PATH}/${bot.name}`;
    try {
      await bot.client.setWebhook(url, webhookSecret);
    } catch (error) {
      const why = error instanceof TelegramApiError ? error.message : `Telegram could not be reached: ${(error as Error).message}`;
      throw new CommandFailed(`bot ${bot.name}: ${why}`);
    }
    out.write(`bot ${bot.name}: Telegram posts its updates to ${url}\n`);
  }
}
