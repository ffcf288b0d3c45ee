import { Module } from '@nestjs/common';
import { PLAINT_CONFIG, type PlaintConfig } from '@plaint/config';
import { MetaGraphModule } from '@plaint/meta';
import { DiskRawMessageStore, RawMessageStore } from '@plaint/persistence';
import { MediaFiles } from './inbound/media-files';
import { ReceiveMetaUpdate } from './inbound/receive-meta-update.use-case';
import { MetaWebhookController } from './webhook/meta-webhook.controller';

/**
 * WhatsApp Cloud API, Messenger and Instagram messaging as complaint channels: the Meta app's
 * webhook (docs/meta.md). Answers go out through the notifier's Meta transports.
 */
@Module({
  imports: [MetaGraphModule],
  controllers: [MetaWebhookController],
  providers: [
    {
      provide: RawMessageStore,
      inject: [PLAINT_CONFIG],
      useFactory: (config: PlaintConfig) => new DiskRawMessageStore(config.blobDir),
    },
    MediaFiles,
    ReceiveMetaUpdate,
  ],
})
export class MetaModule {}
