import { Module } from '@nestjs/common';
import { GraphClient } from './graph/graph-client';
import { InstagramNoticeTransport, MessengerNoticeTransport } from './outbound/page-notice-transports';
import { WhatsAppNoticeTransport } from './outbound/whatsapp-notice-transport';

/** The notifier's transports for WhatsApp, Messenger and Instagram, over one Graph API client. */
@Module({
  providers: [GraphClient, WhatsAppNoticeTransport, MessengerNoticeTransport, InstagramNoticeTransport],
  exports: [GraphClient, WhatsAppNoticeTransport, MessengerNoticeTransport, InstagramNoticeTransport],
})
export class MetaNoticesModule {}
