import { Module } from '@nestjs/common';
import { PLAINT_CONFIG, type PlaintConfig } from '@plaint/config';
import { ComplaintEventsHandler } from './complaint-events.handler';
import { RecordUndeliveredNotices } from './record-undelivered-notices.use-case';
import { DeliverEmailNotices } from './email/deliver-email-notices';
import { BUNDLED_TEMPLATES_DIR, NoticeTemplates } from './notice-templates';
import { SendNotices } from './send-notices.use-case';

/** Notifier: complaint events become written notices on the customer's channel; undelivered ones are marked failed. */
@Module({
  controllers: [ComplaintEventsHandler],
  providers: [
    {
      provide: NoticeTemplates,
      inject: [PLAINT_CONFIG],
      useFactory: (config: PlaintConfig) => new NoticeTemplates(config.templatesDir ?? BUNDLED_TEMPLATES_DIR),
    },
    SendNotices,
    RecordUndeliveredNotices,
    DeliverEmailNotices,
  ],
})
export class NotifierModule {}
