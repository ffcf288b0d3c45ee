import { Module } from '@nestjs/common';
import { MetaModule } from './meta/meta.module';
import { TelegramModule } from './telegram/telegram.module';

/** The social-network channels: each one a module of its own. */
@Module({ imports: [TelegramModule, MetaModule] })
export class IngestSocialModule {}
