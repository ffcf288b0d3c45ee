import { Module } from '@nestjs/common';
import { PLAINT_CONFIG, type PlaintConfig } from '@plaint/config';
import { DiskRawMessageStore, RawMessageStore } from '@plaint/persistence';
import { TelegramBotsModule } from '@plaint/telegram';
import { AcceptUpdates } from './accept-updates';
import { HandleTelegramUpdates } from './handle-telegram-updates.use-case';
import { LinkedAgents, SqlLinkedAgents } from './linked-agents';
import { TelegramPolling } from './telegram-polling';
import { TelegramUpdatesHandler } from './telegram-updates.handler';
import { TelegramWebhookController } from './telegram-webhook.controller';

/**
 * The Telegram channel (docs/telegram.md): updates come by webhook or long polling, go on the
 * bus as they are, and are turned into inbound messages or direct answers by their consumer.
 * Off while PLAINT_TELEGRAM_BOT_TOKEN names no bot.
 */
@Module({
  imports: [TelegramBotsModule],
  controllers: [TelegramWebhookController, TelegramUpdatesHandler],
  providers: [
    { provide: RawMessageStore, inject: [PLAINT_CONFIG], useFactory: (config: PlaintConfig) => new DiskRawMessageStore(config.blobDir) },
    AcceptUpdates,
    HandleTelegramUpdates,
    { provide: LinkedAgents, useClass: SqlLinkedAgents },
    TelegramPolling,
  ],
})
export class TelegramModule {}
