import type { LoggerService } from '@nestjs/common';
import type { TopicName, TopicPayload } from '@plaint/contracts';
import { setImmediate as yieldToEventLoop, setTimeout as sleep } from 'node:timers/promises';
import type { ArrivalSignal } from './arrival-signal';
import { decodeRecord } from './decode-record';
import { type DeliveryHooks, deliverBatch, type RetryPolicy } from './deliver-batch';
import { describeFailure } from './describe-failure';
import type { BatchHandler, Subscription } from './message-bus';
import type { RecordStore, StoredRecord } from './record-store';

/** How often an idle loop looks at the store anyway, for records another process appended. */
const IDLE_RECHECK_MS = 1_000;

export interface InProcessSubscriptionSetup<T extends TopicName> {
  store: RecordStore;
  topic: T;
  group: string;
  partitions: number;
  handler: BatchHandler<TopicPayload<T>>;
  policy: RetryPolicy;
  maxBatchSize: number;
  signal: ArrivalSignal;
  deadLetter(record: StoredRecord, reason: string, attempts: number): void;
  logger: LoggerService;
}

/**
 * One group's consumption of one topic: a sequential loop per partition, so records with the
 * same key are handled in order while different partitions proceed side by side. A record is
 * committed for the group only after the handler resolved for it.
 */
export class InProcessSubscription<T extends TopicName> implements Subscription {
  private stopping = false;
  private readonly loops: Promise<void>[];

  constructor(private readonly setup: InProcessSubscriptionSetup<T>) {
    this.loops = Array.from({ length: setup.partitions }, (_, partition) => this.consume(partition));
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.setup.signal.notify();
    await Promise.all(this.loops);
  }

  private async consume(partition: number): Promise<void> {
    const { store, topic, group, maxBatchSize, signal, logger } = this.setup;
    const hooks = this.hooksFor(partition);
    while (!this.stopping) {
      try {
        const records = store.read(topic, partition, store.committedOffset(group, topic, partition), maxBatchSize);
        if (records.length === 0) {
          await signal.next(IDLE_RECHECK_MS);
          continue;
        }
        const fetched = records.map((raw) => ({
          raw,
          decoded: decodeRecord(topic, { ...raw, offset: String(raw.offset) }),
        }));
        await deliverBatch(fetched, this.setup.handler, this.setup.policy, hooks, logger);
        // Lets timers and I/O run even when a handler keeps feeding its own topic.
        await yieldToEventLoop();
      } catch (error) {
        // Only the store can fail here (handler failures are dealt with by deliverBatch): keep
        // the loop alive and try again rather than silently stop consuming the partition.
        logger.error(`${group} on ${topic}[${partition}] failed: ${describeFailure(error)}`);
        await sleep(Math.max(this.setup.policy.retryBackoffMs, 100));
      }
    }
  }

  private hooksFor(partition: number): DeliveryHooks<StoredRecord> {
    const { store, topic, group } = this.setup;
    return {
      commit: (record) => Promise.resolve(store.commit(group, topic, partition, record.offset + 1)),
      deadLetter: (record, reason, attempts) => Promise.resolve(this.setup.deadLetter(record, reason, attempts)),
      keepAlive: () => Promise.resolve(),
      shouldStop: () => this.stopping,
    };
  }
}
