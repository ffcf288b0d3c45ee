import { Module } from '@nestjs/common';
import { TelegramModule } from './telegram/telegram.module';

/** The social-network channels: each one a module of its own. */
@Module({ imports: [TelegramModule] })
export class IngestSocialModule {}
