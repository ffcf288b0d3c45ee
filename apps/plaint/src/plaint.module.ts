import { type DynamicModule, Module } from '@nestjs/common';
import type { AppName, PlaintConfig } from '@plaint/config';
import { CoreModule } from '../../core/src/core.module';
import { IngestChatModule } from '../../ingest-chat/src/ingest-chat.module';
import { IngestEmailModule } from '../../ingest-email/src/ingest-email.module';
import { IngestSocialModule } from '../../ingest-social/src/ingest-social.module';
import { IngestWebModule } from '../../ingest-web/src/ingest-web.module';
import { NotifierModule } from '../../notifier/src/notifier.module';
import { InfrastructureModule, type InfrastructureOverrides } from './infrastructure.module';

const SERVICES: Record<AppName, DynamicModule['module']> = {
  core: CoreModule,
  notifier: NotifierModule,
  'ingest-chat': IngestChatModule,
  'ingest-web': IngestWebModule,
  'ingest-email': IngestEmailModule,
  'ingest-social': IngestSocialModule,
};

/**
 * The composition root: the services PLAINT_APP names, on shared infrastructure. The one place
 * allowed to import the apps' modules.
 */
@Module({})
export class PlaintModule {
  static register(config: PlaintConfig, overrides: InfrastructureOverrides = {}): DynamicModule {
    return {
      module: PlaintModule,
      imports: [InfrastructureModule.forRoot(config, overrides), ...config.apps.map((app) => SERVICES[app])],
    };
  }
}
