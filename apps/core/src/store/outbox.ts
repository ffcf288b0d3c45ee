import type { EntityManager } from 'typeorm';
import {
  type AGENT_EVENTS_TOPIC,
  type AgentEventV1,
  COMPLAINT_EVENTS_TOPIC,
  CORRELATION_HEADER,
  type ComplaintEventV1,
  type CUSTOMER_SIGN_IN_TOPIC,
  type CustomerSignInLinkV1,
  type NOTICE_UNDELIVERED_TOPIC,
  type NoticeUndeliveredV1,
} from '@plaint/contracts';
import { activeTraceParent, TRACEPARENT } from '@plaint/observability';
import { bulkInsert, OutboxEntity, queryRecords } from '@plaint/persistence';

/** One event to publish once the transaction commits: a complaint event unless another topic is named. */
export type OutgoingEvent = {
  /** The bus key: the complaint's id keeps a complaint's events in order. */
  key: string;
  correlationId?: string;
  /**
   * The trace the event belongs to (the record it answers); the active span's when unset. Stored
   * with the event, so the relay's publish continues that trace (docs/observability.md).
   */
  traceParent?: string;
} & (
  | { topic?: typeof COMPLAINT_EVENTS_TOPIC; event: ComplaintEventV1 }
  | { topic: typeof NOTICE_UNDELIVERED_TOPIC; event: NoticeUndeliveredV1 }
  | { topic: typeof AGENT_EVENTS_TOPIC; event: AgentEventV1 }
  | { topic: typeof CUSTOMER_SIGN_IN_TOPIC; event: CustomerSignInLinkV1 }
);

/** A stored event on its way to the bus: the payload is the JSON text `enqueue` wrote. */
export interface PendingEvent {
  id: number;
  topic: string;
  key: string;
  json: string;
  headers: Record<string, string>;
}

/** Any constant: the advisory lock that makes one core instance at a time the publisher. */
const RELAY_LOCK = 74_250_001;

/**
 * The transactional outbox: events written in the same transaction as the change they report;
 * the relay publishes them after commit (outbox/outbox-relay.ts).
 */
export class Outbox {
  constructor(private readonly manager: EntityManager) {}

  /**
   * Stores the events. Only typed events get here (OutgoingEvent): the compiler holds core's
   * builders to the contracts, and the relay sends the stored text without validating it again.
   */
  async enqueue(events: readonly OutgoingEvent[], now: Date): Promise<void> {
    const active = activeTraceParent();
    const rows = events.map(({ topic, key, event, correlationId, traceParent = active }) =>
      Object.assign(new OutboxEntity(), {
        topic: topic ?? COMPLAINT_EVENTS_TOPIC,
        key,
        payload: JSON.stringify(event),
        headers: { ...(correlationId && { [CORRELATION_HEADER]: correlationId }), ...(traceParent && { [TRACEPARENT]: traceParent }) },
        createdAt: now,
        publishedAt: null,
      }),
    );
    await bulkInsert(this.manager, OutboxEntity, rows);
  }

  /**
   * Whether this transaction is the one publisher: on Postgres an advisory lock held until it
   * ends, so several core instances publish one at a time and each complaint's events stay in order.
   */
  async takePublisherTurn(): Promise<boolean> {
    if (this.manager.connection.options.type !== 'postgres') return true;
    const [row] = await queryRecords<{ locked: boolean }>(this.manager, 'SELECT pg_try_advisory_xact_lock($1) AS locked', [RELAY_LOCK]);
    return row?.locked === true;
  }

  /**
   * The oldest `limit` unpublished events, marked published at `now` by the same statement, in
   * id order. Marked inside the caller's transaction: should publishing them fail, the
   * transaction rolls back and they stay pending.
   */
  async claimUnpublished(limit: number, now: Date): Promise<PendingEvent[]> {
    const { driver } = this.manager.connection;
    const postgres = driver.options.type === 'postgres';
    const publishedAt = this.manager.connection.getMetadata(OutboxEntity).findColumnWithPropertyName('publishedAt');
    const rows = await queryRecords<{ id: number; topic: string; message_key: string; payload: string; headers: string }>(
      this.manager,
      `UPDATE outbox SET published_at = ${postgres ? '$1' : '?'}
        WHERE id IN (SELECT id FROM outbox WHERE published_at IS NULL ORDER BY id LIMIT ${postgres ? '$2' : '?'})
        RETURNING id, topic, message_key, payload, headers`,
      [publishedAt ? driver.preparePersistentValue(now, publishedAt) : now, limit],
    );
    return rows
      .map((row) => ({ id: Number(row.id), topic: row.topic, key: row.message_key, json: row.payload, headers: JSON.parse(row.headers) as Record<string, string> }))
      .sort((a, b) => a.id - b.id);
  }

  /** Forgets the events published before `before`; they were kept for tracing a notice. */
  async forgetPublishedBefore(before: Date): Promise<void> {
    await this.manager.createQueryBuilder().delete().from(OutboxEntity).where('published_at < :before', { before }).execute();
  }
}
