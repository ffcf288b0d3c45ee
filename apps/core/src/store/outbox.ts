import type { EntityManager } from 'typeorm';
import {
  COMPLAINT_EVENTS_TOPIC,
  CORRELATION_HEADER,
  type ComplaintEventV1,
  type NOTICE_UNDELIVERED_TOPIC,
  type NoticeUndeliveredV1,
} from '@plaint/contracts';
import { bulkInsert, OutboxEntity } from '@plaint/persistence';

/** One event to publish once the transaction commits: a complaint event unless another topic is named. */
export type OutgoingEvent = {
  /** The bus key: the complaint's id keeps a complaint's events in order. */
  key: string;
  correlationId?: string;
} & ({ topic?: typeof COMPLAINT_EVENTS_TOPIC; event: ComplaintEventV1 } | { topic: typeof NOTICE_UNDELIVERED_TOPIC; event: NoticeUndeliveredV1 });

/**
 * The transactional outbox: events written in the same transaction as the change they report;
 * the relay publishes them after commit (outbox/outbox-relay.ts).
 */
export class Outbox {
  constructor(private readonly manager: EntityManager) {}

  async enqueue(events: readonly OutgoingEvent[], now: Date): Promise<void> {
    const rows = events.map(({ topic, key, event, correlationId }) =>
      Object.assign(new OutboxEntity(), {
        topic: topic ?? COMPLAINT_EVENTS_TOPIC,
        key,
        payload: JSON.stringify(event),
        headers: correlationId ? { [CORRELATION_HEADER]: correlationId } : {},
        createdAt: now,
        publishedAt: null,
      }),
    );
    await bulkInsert(this.manager, OutboxEntity, rows);
  }
}
