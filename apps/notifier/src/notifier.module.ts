import { randomUUID } from 'node:crypto';
import { Module } from '@nestjs/common';
import { PLAINT_CONFIG, type PlaintConfig } from '@plaint/config';
import { Clock } from '@plaint/domain';
import { ComplaintEventsHandler } from './complaint-events.handler';
import { RecordUndeliveredNotices } from './record-undelivered-notices.use-case';
import { DeliverNotices } from './delivery/deliver-notices';
import { NOTICE_TRANSPORTS, type NoticeTransport } from './delivery/notice-transport';
import { EmailNoticeTransport } from './email/email-notice-transport';
import { RecordNoticeReceipts } from './record-notice-receipts.use-case';
import { SmsNoticeTransport } from './sms/sms-notice-transport';
import { BUNDLED_TEMPLATES_DIR, NoticeTemplates } from './notice-templates';
import { SendNotices } from './send-notices.use-case';
import { RecordSignInLinks } from './sign-in/record-sign-in-links.use-case';
import { MetaNoticesModule } from './meta/meta-notices.module';
import { WhatsAppNoticeTransport } from './meta/whatsapp-notice-transport';
import { InstagramNoticeTransport, MessengerNoticeTransport } from './meta/page-notice-transports';
import { TelegramNoticeTransport } from './telegram/telegram-notice-transport';
import { TelegramBotsModule } from '@plaint/telegram';
import { DeliverStaffNotifications } from './staff/deliver-staff-notifications';
import { NoticeFailedAlarm } from './staff/notice-failed-alarm';
import { RecordStaffNotifications } from './staff/record-staff-notifications.use-case';
import { StaffEventsHandler } from './staff/staff-events.handler';
import { STAFF_TRANSPORTS, StaffEmailTransport, StaffGroupTransport, StaffTelegramTransport, type StaffTransport } from './staff/staff-transports';

/**
 * Notifier: complaint events become written notices on the customer's channel, sign-in links go
 * to the contact a customer named; undelivered ones
 * are marked failed. Staff are told of their work by e-mail, Telegram and in the care team's
 * group (staff/).
 */
@Module({
  imports: [TelegramBotsModule, MetaNoticesModule],
  controllers: [ComplaintEventsHandler, StaffEventsHandler],
  providers: [
    {
      provide: NoticeTemplates,
      inject: [PLAINT_CONFIG],
      useFactory: (config: PlaintConfig) => new NoticeTemplates(config.templatesDir ?? BUNDLED_TEMPLATES_DIR),
    },
    SendNotices,
    RecordSignInLinks,
    RecordUndeliveredNotices,
    RecordNoticeReceipts,
    EmailNoticeTransport,
    TelegramNoticeTransport,
    SmsNoticeTransport,
    {
      // Every written route this notifier can send on; a channel's transport is added here.
      provide: NOTICE_TRANSPORTS,
      inject: [EmailNoticeTransport, TelegramNoticeTransport, WhatsAppNoticeTransport, MessengerNoticeTransport, InstagramNoticeTransport, SmsNoticeTransport],
      useFactory: (...transports: NoticeTransport[]) => transports,
    },
    DeliverNotices,
    RecordStaffNotifications,
    NoticeFailedAlarm,
    StaffEmailTransport,
    StaffTelegramTransport,
    StaffGroupTransport,
    {
      provide: STAFF_TRANSPORTS,
      inject: [StaffEmailTransport, StaffTelegramTransport, StaffGroupTransport],
      useFactory: (...transports: StaffTransport[]) => transports,
    },
    DeliverStaffNotifications,
    {
      // The gateway hands SMS receipts to the notifier itself: they are recorded by the same use
      // case as the receipts other channels publish on the bus.
      provide: 'SMS_RECEIPTS',
      inject: [SmsNoticeTransport, RecordNoticeReceipts, Clock],
      useFactory: (sms: SmsNoticeTransport, receipts: RecordNoticeReceipts, clock: Clock) =>
        sms.recordReceiptsWith((receipt) =>
          receipts.record({ eventId: randomUUID(), route: 'sms', ...receipt, occurredAt: clock.now().toISOString() }),
        ),
    },
  ],
})
export class NotifierModule {}
