import { Module } from '@nestjs/common';
import { ChatDeliveryHandler } from './chat-delivery.handler';
import { ChatGateway } from './chat.gateway';
import { ChatRateLimits } from './chat-rate-limits';
import { ChatTranscript } from './chat-transcript';

/** The live-chat channel adapter. */
@Module({
  controllers: [ChatDeliveryHandler],
  providers: [ChatGateway, ChatTranscript, ChatRateLimits],
})
export class IngestChatModule {}
