import { Module } from '@nestjs/common';
import { PLAINT_CONFIG, type PlaintConfig } from '@plaint/config';
import { TelegramBots } from './telegram-bots';

/**
 * The process's one TelegramBots, shared by ingest-social (direct answers) and the notifier
 * (notices) when both run in one process, so a bot's sends are paced together.
 */
@Module({
  providers: [{ provide: TelegramBots, inject: [PLAINT_CONFIG], useFactory: (config: PlaintConfig) => new TelegramBots(config.telegram) }],
  exports: [TelegramBots],
})
export class TelegramBotsModule {}
