import { Module } from '@nestjs/common';
import { MetaGraphModule } from '@plaint/meta';
import { InstagramNoticeTransport, MessengerNoticeTransport } from './page-notice-transports';
import { WhatsAppNoticeTransport } from './whatsapp-notice-transport';

/** The notifier's transports for WhatsApp, Messenger and Instagram, over one Graph API client. */
@Module({
  imports: [MetaGraphModule],
  providers: [WhatsAppNoticeTransport, MessengerNoticeTransport, InstagramNoticeTransport],
  exports: [WhatsAppNoticeTransport, MessengerNoticeTransport, InstagramNoticeTransport],
})
export class MetaNoticesModule {}
