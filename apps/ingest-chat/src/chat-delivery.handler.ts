import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { type BusRecord, OnBatch } from '@plaint/bus';
import { CHAT_DELIVERY_TOPIC, type ChatDeliveryV1 } from '@plaint/contracts';
import { ChatLineEntity } from '@plaint/persistence';
import { ChatGateway } from './chat.gateway';
import { ChatTranscript, toView } from './chat-transcript';

export const INGEST_CHAT_GROUP = 'ingest-chat';

/**
 * Lines for customers' chats (notices, agent replies): recorded in the transcript first, so a
 * customer who is offline now sees them on reconnect, then shown on any live socket.
 */
@Controller()
export class ChatDeliveryHandler {
  constructor(
    private readonly transcript: ChatTranscript,
    private readonly gateway: ChatGateway,
  ) {}

  @OnBatch(CHAT_DELIVERY_TOPIC, INGEST_CHAT_GROUP)
  async handle(@Payload() records: readonly BusRecord<ChatDeliveryV1>[]): Promise<void> {
    const lines = records.map((record) =>
      Object.assign(new ChatLineEntity(), {
        id: record.value.id,
        conversationId: record.value.conversationId,
        author: record.value.from,
        authorName: record.value.authorName ?? null,
        text: record.value.text,
        reference: record.value.reference ?? null,
        sentAt: new Date(record.value.sentAt),
      }),
    );
    await this.transcript.record(lines);
    for (const line of lines) this.gateway.show(line.conversationId, toView(line));
  }
}
