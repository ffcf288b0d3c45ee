import type { TopicName, TopicPayload } from '@plaint/contracts';

/** A message to publish. `key` keeps one customer's (or one complaint's) messages in order. */
export interface OutgoingMessage<T> {
  key: string;
  value: T;
  headers?: Record<string, string>;
}

/**
 * A message whose payload is JSON text already: built by the publisher's own typed code and
 * stored (core's outbox), so it is sent as it is.
 */
export interface EncodedOutgoingMessage {
  key: string;
  /** The payload as JSON text. */
  json: string;
  headers?: Record<string, string>;
}

/** A message as a consumer sees it: validated against its topic's contract. */
export interface BusRecord<T> {
  topic: TopicName;
  partition: number;
  /** Position within the partition, as a decimal string (Kafka offsets exceed 2^53). */
  offset: string;
  key: string;
  value: T;
  headers: Record<string, string>;
}

/**
 * Handles a batch of records from one partition, in order. It must be idempotent: delivery is
 * at least once. Resolving means every record is done (the driver then commits); rejecting
 * means none is (the driver retries, then isolates and dead-letters the record that fails).
 */
export type BatchHandler<T> = (records: readonly BusRecord<T>[]) => Promise<void>;

export interface SubscribeOptions {
  /** Consumer group: each group sees every message once; members of a group share partitions. */
  group: string;
  /** Attempts for a failing batch/record before it is dead-lettered. */
  maxAttempts?: number;
}

export interface Subscription {
  /** Stops consuming after the in-flight batch has finished and been committed. */
  stop(): Promise<void>;
}

/**
 * Where one consumer stands. `starting`: joining its group for the first time; `running`: a
 * member of its group with its partitions assigned (possibly none, when the group has more
 * members than the topic has partitions); `rebalancing`: its group is redistributing
 * partitions; `restarting`: it crashed and is being started again.
 */
export type ConsumerState = 'starting' | 'running' | 'rebalancing' | 'restarting' | 'stopped';

export interface ConsumerStatus {
  topic: string;
  group: string;
  state: ConsumerState;
  /** When it entered this state. */
  since: Date;
  /** Restarts after a crash since the process started. */
  restarts: number;
  /** Why it last crashed or failed to start. */
  lastError?: string;
}

/** Where a message goes when it cannot be processed; an operator can replay it. */
export function deadLetterTopicOf(topic: string): string {
  return `${topic}.dlq`;
}

/** Headers a dead-lettered record carries besides its original ones. */
export const DLQ_HEADERS = {
  reason: 'plaint-dlq-reason',
  sourceTopic: 'plaint-dlq-source-topic',
  sourcePartition: 'plaint-dlq-source-partition',
  sourceOffset: 'plaint-dlq-source-offset',
  group: 'plaint-dlq-group',
  attempts: 'plaint-dlq-attempts',
  failedAt: 'plaint-dlq-failed-at',
} as const;

/** A dead-lettered record as an operator sees it. */
export interface DeadLetter {
  sourceTopic: string;
  key: string;
  /** The original bytes, as text. */
  value: string;
  headers: Record<string, string>;
  reason: string;
}

/**
 * The bus port. Two drivers implement it: Kafka (production) and in-process (one-process
 * installs and fast tests), with the same at-least-once, per-key-ordered semantics.
 */
export abstract class MessageBus {
  private readonly deadLettered = new Map<TopicName, number>();

  /** Resolves only once the bus has durably accepted every message (Kafka: acks from all ISR). */
  abstract publish<T extends TopicName>(topic: T, messages: OutgoingMessage<TopicPayload<T>>[]): Promise<void>;

  /**
   * Publishes payloads that typed code of this service built and stored as JSON text, without
   * parsing and validating them again: what trusts nothing is the consumer, whose decode checks
   * every record against the contract and dead-letters one that fails (docs/performance.md,
   * "Pipeline throughput"). The drivers send the text itself; this fallback goes through publish.
   */
  publishEncoded<T extends TopicName>(topic: T, messages: readonly EncodedOutgoingMessage[]): Promise<void> {
    return this.publish(
      topic,
      messages.map(({ key, json, headers }) => ({ key, value: JSON.parse(json) as TopicPayload<T>, headers })),
    );
  }

  /** Starts consuming `topic` as a member of `options.group`. */
  abstract subscribe<T extends TopicName>(
    topic: T,
    options: SubscribeOptions,
    handler: BatchHandler<TopicPayload<T>>,
  ): Promise<Subscription>;

  /** Republishes the dead letters of `topic` to it; returns how many were replayed. */
  abstract replayDeadLetters(topic: TopicName): Promise<number>;

  /** True while the driver can publish (for readiness probes). */
  abstract isHealthy(): Promise<boolean>;

  /** Every consumer of this process and where it stands (readiness, liveness, metrics). */
  abstract consumers(): ConsumerStatus[];

  /** Stops every subscription (finishing in-flight batches) and disconnects. */
  abstract close(): Promise<void>;

  /** Records this process has dead-lettered since it started, by the topic they came from (metrics). */
  deadLetterCounts(): ReadonlyMap<TopicName, number> {
    return this.deadLettered;
  }

  /** A driver calls this once a record is in its topic's dead-letter queue. */
  protected countDeadLetter(topic: TopicName): void {
    this.deadLettered.set(topic, (this.deadLettered.get(topic) ?? 0) + 1);
  }
}
