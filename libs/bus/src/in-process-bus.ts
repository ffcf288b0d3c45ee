// The port is async; this driver never has to wait, but its methods stay async so that a
// refusal (a ContractViolation, a closed bus) reaches callers as a rejection, never as a throw.
/* eslint-disable @typescript-eslint/require-await */
import { Logger } from '@nestjs/common';
import type { TopicName, TopicPayload } from '@plaint/contracts';
import { ArrivalSignal } from './arrival-signal';
import { BusError } from './bus-error';
import { deadLetterHeaders, REPLAY_GROUP, withoutDeadLetterHeaders } from './dead-letters';
import type { RetryPolicy } from './deliver-batch';
import { encodePayloads } from './encode-payloads';
import { InProcessSubscription } from './in-process-subscription';
import { MemoryRecordStore } from './memory-record-store';
import {
  type BatchHandler,
  type ConsumerStatus,
  type DeadLetter,
  deadLetterTopicOf,
  DLQ_HEADERS,
  type EncodedOutgoingMessage,
  MessageBus,
  type OutgoingMessage,
  type SubscribeOptions,
  type Subscription,
} from './message-bus';
import { partitionForKey } from './partition-for-key';
import type { NewRecord, RecordStore } from './record-store';
import { SqliteRecordStore } from './sqlite-record-store';

export interface InProcessBusOptions {
  /** SQLite file that keeps records and positions across restarts; in memory when absent. */
  file?: string;
  /** Partitions per topic (default 4): the number of keys handled side by side per group. */
  partitions?: number;
  /** Handler attempts before a record is dead-lettered (default 5). */
  maxAttempts?: number;
  /** First retry delay, doubled on each further attempt (default 200 ms). */
  retryBackoffMs?: number;
  /** Most records handed to a handler at once (default 100). */
  maxBatchSize?: number;
}

/** Whole-table read when replaying: a dead-letter topic is small by nature. */
const ALL = Number.MAX_SAFE_INTEGER;

/**
 * The bus for one-process installs and fast tests, with Kafka's semantics: partitions by key,
 * per-key order, batches, at-least-once delivery per consumer group, retries and dead letters.
 * With `file` set it survives restarts; a record is redelivered to every group that had not
 * committed it.
 */
export class InProcessBus extends MessageBus {
  private readonly logger = new Logger(InProcessBus.name);
  private readonly store: RecordStore;
  private readonly partitions: number;
  private readonly policy: RetryPolicy;
  private readonly maxBatchSize: number;
  private readonly signals = new Map<string, ArrivalSignal>();
  /** Keyed by group and topic: one subscription each, since there is only one member per group. */
  private readonly subscriptions = new Map<string, { subscription: Subscription; since: Date }>();
  private closed = false;

  constructor(options: InProcessBusOptions = {}) {
    super();
    this.partitions = positiveInteger('partitions', options.partitions ?? 4);
    this.maxBatchSize = positiveInteger('maxBatchSize', options.maxBatchSize ?? 100);
    this.policy = {
      maxAttempts: positiveInteger('maxAttempts', options.maxAttempts ?? 5),
      retryBackoffMs: options.retryBackoffMs ?? 200,
    };
    this.store = options.file ? new SqliteRecordStore(options.file, this.partitions) : new MemoryRecordStore();
  }

  async publish<T extends TopicName>(topic: T, messages: OutgoingMessage<TopicPayload<T>>[]): Promise<void> {
    this.assertOpen();
    await this.publishEncoded(topic, encodePayloads(topic, messages));
  }

  override async publishEncoded<T extends TopicName>(topic: T, messages: readonly EncodedOutgoingMessage[]): Promise<void> {
    this.assertOpen();
    const records: NewRecord[] = messages.map(({ key, json, headers }) => ({
      partition: partitionForKey(key, this.partitions),
      key,
      value: json,
      headers: { ...headers },
    }));
    this.store.append(topic, records);
    this.signalOf(topic).notify();
  }

  async subscribe<T extends TopicName>(
    topic: T,
    options: SubscribeOptions,
    handler: BatchHandler<TopicPayload<T>>,
  ): Promise<Subscription> {
    this.assertOpen();
    const key = JSON.stringify([options.group, topic]);
    if (this.subscriptions.has(key)) {
      throw new BusError('already-subscribed', `group ${options.group} already consumes ${topic} in this process`);
    }
    const subscription = new InProcessSubscription({
      store: this.store,
      topic,
      group: options.group,
      partitions: this.partitions,
      handler,
      policy: { ...this.policy, maxAttempts: options.maxAttempts ?? this.policy.maxAttempts },
      maxBatchSize: this.maxBatchSize,
      signal: this.signalOf(topic),
      deadLetter: (record, reason, attempts) => {
        const { partition, offset } = record;
        this.logger.error(`dead-lettered ${topic}[${partition}]@${offset} for ${options.group}: ${reason}`);
        const cause = { sourceTopic: topic, partition, offset: String(offset), group: options.group, reason, attempts };
        this.store.append(deadLetterTopicOf(topic), [{ ...record, headers: deadLetterHeaders(record.headers, cause) }]);
        this.countDeadLetter(topic);
      },
      logger: this.logger,
    });
    this.subscriptions.set(key, { subscription, since: new Date() });
    return {
      stop: async () => {
        this.subscriptions.delete(key);
        await subscription.stop();
      },
    };
  }

  async replayDeadLetters(topic: TopicName): Promise<number> {
    this.assertOpen();
    const dlq = deadLetterTopicOf(topic);
    let replayed = 0;
    for (let partition = 0; partition < this.partitions; partition += 1) {
      const letters = this.store.read(dlq, partition, this.store.committedOffset(REPLAY_GROUP, dlq, partition), ALL);
      const last = letters.at(-1);
      if (!last) continue;
      // Bytes go back unvalidated: the consumer checks the contract again and, if the record
      // is still bad, dead-letters it again, rather than the operator's replay failing.
      this.store.append(
        topic,
        letters.map((letter) => ({
          partition: partitionForKey(letter.key, this.partitions),
          key: letter.key,
          value: letter.value,
          headers: withoutDeadLetterHeaders(letter.headers),
        })),
      );
      this.store.commit(REPLAY_GROUP, dlq, partition, last.offset + 1);
      replayed += letters.length;
    }
    if (replayed > 0) this.signalOf(topic).notify();
    return replayed;
  }

  /** The dead letters of `topic` that have not been replayed yet, oldest first per partition. */
  deadLetters(topic: TopicName): DeadLetter[] {
    const dlq = deadLetterTopicOf(topic);
    return Array.from({ length: this.partitions }, (_, partition) =>
      this.store.read(dlq, partition, this.store.committedOffset(REPLAY_GROUP, dlq, partition), ALL),
    )
      .flat()
      .map((letter) => ({
        sourceTopic: topic,
        key: letter.key,
        value: letter.value,
        headers: letter.headers,
        reason: letter.headers[DLQ_HEADERS.reason] ?? '',
      }));
  }

  async isHealthy(): Promise<boolean> {
    return !this.closed;
  }

  /** One member per group, always assigned every partition: running from the moment it subscribes. */
  consumers(): ConsumerStatus[] {
    return [...this.subscriptions.entries()].map(([key, { since }]) => {
      const [group, topic] = JSON.parse(key) as [string, string];
      return { topic, group, state: 'running', since, restarts: 0 };
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const subscriptions = [...this.subscriptions.values()];
    this.subscriptions.clear();
    await Promise.all(subscriptions.map(({ subscription }) => subscription.stop()));
    this.store.close();
  }

  private signalOf(topic: string): ArrivalSignal {
    let signal = this.signals.get(topic);
    if (!signal) this.signals.set(topic, (signal = new ArrivalSignal()));
    return signal;
  }

  private assertOpen(): void {
    if (this.closed) throw new BusError('closed', 'the in-process bus is closed');
  }
}

function positiveInteger(name: string, value: number): number {
  if (!Number.isInteger(value) || value < 1) {
    throw new BusError('misconfigured', `${name} must be a positive integer, got ${value}`);
  }
  return value;
}
