import { Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import { MessageBus } from '@plaint/bus';
import { cleanName, cleanText, CORRELATION_HEADER, INBOUND_TOPIC, type InboundMessageV1, NOTICE_RECEIPTS_TOPIC, type NoticeReceiptV1 } from '@plaint/contracts';
import { Clock, customerKey } from '@plaint/domain';
import { inSpan, Metrics, SpanKind } from '@plaint/observability';
import type { JsonObject } from './json-fields';
import { MediaFiles } from './media-files';
import { conversationOf } from '@plaint/meta';
import { type MetaCustomerMessage, type MetaUpdate } from './meta-update';
import { readMessaging } from './read-messaging';
import { readWhatsApp } from './read-whatsapp';

/** What one webhook post carried, once it is on the bus. */
export interface ReceivedUpdate {
  messages: number;
  receipts: number;
}

/**
 * One signed webhook post from Meta: its customers' messages go on the inbound topic (files
 * fetched first), its delivery statuses on the receipts topic. Returns once the bus has taken
 * them, so Meta is answered 200 only for what is safely kept; when the bus fails, Meta delivers
 * the post again, and core's inbox keeps each platform message id once.
 */
@Injectable()
export class ReceiveMetaUpdate {
  constructor(
    private readonly bus: MessageBus,
    private readonly media: MediaFiles,
    private readonly clock: Clock,
    private readonly metrics: Metrics,
  ) {}

  async execute(body: JsonObject): Promise<ReceivedUpdate> {
    const update = this.read(body);
    const messages = await Promise.all(update.messages.map((message) => this.inboundOf(message)));
    if (messages.length > 0) {
      const publish = () =>
        this.bus.publish(
          INBOUND_TOPIC,
          messages.map((message) => ({
            key: customerKey(message.channel, message.sender, message.conversation),
            value: message,
            headers: { [CORRELATION_HEADER]: message.id },
          })),
        );
      await inSpan('meta messages received', { 'plaint.channel': body.object === 'whatsapp_business_account' ? 'whatsapp' : 'meta', 'plaint.message.count': messages.length }, publish, { kind: SpanKind.SERVER });
      for (const message of messages) this.metrics.messagesIngested.inc({ channel: message.channel });
    }
    if (update.receipts.length > 0) {
      await this.bus.publish(
        NOTICE_RECEIPTS_TOPIC,
        update.receipts.map(({ occurredAt, upTo, ...receipt }): { key: string; value: NoticeReceiptV1 } => ({
          key: receipt.messageId ?? receipt.recipient ?? '',
          value: { ...receipt, ...(upTo ? { upTo: upTo.toISOString() } : {}), occurredAt: occurredAt.toISOString() },
        })),
      );
    }
    return { messages: messages.length, receipts: update.receipts.length };
  }

  private read(body: JsonObject): MetaUpdate {
    const now = this.clock.now();
    switch (body.object) {
      case 'whatsapp_business_account':
        return readWhatsApp(body, now);
      case 'page':
        return readMessaging('messenger', body, now);
      case 'instagram':
        return readMessaging('instagram', body, now);
      default:
        return { messages: [], receipts: [] };
    }
  }

  private async inboundOf(message: MetaCustomerMessage): Promise<InboundMessageV1> {
    const { attachments, failures } = await this.media.fetch(message.media);
    const conversation = conversationOf(message);
    const sender: InboundMessageV1['sender'] = { platformId: message.customerId };
    const name = message.name && cleanName(message.name);
    if (name) sender.name = name.slice(0, 300);
    if (message.phone) sender.phone = message.phone;
    return {
      id: uuidv7(),
      channel: message.channel,
      externalId: message.messageId.slice(0, 500),
      conversation,
      sender,
      text: cleanText([message.text, ...failures].filter(Boolean).join('\n\n')).slice(0, 20_000),
      attachments: attachments.slice(0, 50),
      receivedAt: message.sentAt.toISOString(),
      replyTo: conversation,
      automated: false,
    };
  }
}
