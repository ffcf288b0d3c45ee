import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { BusRecord } from '@plaint/bus';
import { CORRELATION_HEADER, type InboundMessageV1, NOTICE_UNDELIVERED_TOPIC } from '@plaint/contracts';
import type { StoreSession } from '../store/core-store';
import type { OutgoingEvent } from '../store/outbox';

/**
 * A delivery report saying one of our notices could not be delivered is passed to the notifier,
 * which owns the notices and marks that one failed with the server's diagnostic. Temporary
 * reports (4.x.x) change nothing: the mail server is still trying.
 */
@Injectable()
export class ForwardDeliveryReports {
  async execute(store: StoreSession, records: readonly BusRecord<InboundMessageV1>[], now: Date): Promise<void> {
    const events = records.flatMap((record): OutgoingEvent[] => {
      const report = record.value.email?.deliveryReport;
      if (!report?.permanent || !report.originalMessageId) return [];
      const messageId = report.originalMessageId.replace(/^<|>$/g, '');
      if (!messageId) return [];
      return [
        {
          topic: NOTICE_UNDELIVERED_TOPIC,
          key: messageId,
          event: {
            eventId: randomUUID(),
            messageId,
            reason: `not delivered: ${report.diagnostic ?? 'permanent failure'}`.slice(0, 500),
            occurredAt: now.toISOString(),
          },
          correlationId: record.headers[CORRELATION_HEADER],
        },
      ];
    });
    await store.outbox.enqueue(events, now);
  }
}
