import type { Logger } from '@nestjs/common';
import type { TopicName, TopicPayload } from '@plaint/contracts';
import type { Consumer, ConsumerConfig, EachBatchPayload, Kafka, KafkaMessage } from 'kafkajs';
import { decodeRecord } from './decode-record';
import { type DeliveryHooks, deliverBatch, type RetryPolicy } from './deliver-batch';
import { describeFailure } from './describe-failure';
import { offsetAfter, toEncodedRecord } from './kafka-message-codec';
import type { BatchHandler, ConsumerState, ConsumerStatus, Subscription } from './message-bus';
import { restartDelayMs } from './restart-backoff';

export interface KafkaSubscriptionSetup<T extends TopicName> {
  kafka: Kafka;
  consumerConfig: ConsumerConfig;
  topic: T;
  group: string;
  /** The topic's name on the cluster (with the bus's prefix). */
  kafkaTopic: string;
  handler: BatchHandler<TopicPayload<T>>;
  policy: RetryPolicy;
  /** Most records handed to the handler at once; a larger fetch is delivered in slices. */
  maxBatchSize: number;
  partitionConcurrency: number;
  /** Runs before every start: connects the bus's clients and makes sure the topic exists. */
  prepare(): Promise<void>;
  deadLetter(partition: number, message: KafkaMessage, reason: string, attempts: number): Promise<void>;
  logger: Logger;
}

/** A consumer that does not say goodbye in time is abandoned: its session expires on its own. */
const DISCONNECT_TIMEOUT_MS = 5_000;

/**
 * One kafkajs consumer for one group on one topic, committing only what its handler finished,
 * under supervision: whatever stops it — a crash kafkajs calls retriable or not, a broker
 * that is restarting, a start that fails while the cluster settles — it is started again, as a
 * new consumer, after 1, 2, 4 … 30 s. kafkajs's own restart is turned off so that exactly one
 * mechanism restarts it. Its state says whether it is a working member of its group, for
 * readiness, liveness and metrics.
 */
export class KafkaSubscription<T extends TopicName> implements Subscription {
  private consumer: Consumer | undefined;
  private state: ConsumerState = 'starting';
  private since = new Date();
  private restarts = 0;
  /** Failed starts or crashes since the consumer last joined its group. */
  private failures = 0;
  private lastError: string | undefined;
  private timer: NodeJS.Timeout | undefined;
  private stopped: Promise<void> | undefined;

  private constructor(private readonly setup: KafkaSubscriptionSetup<T>) {}

  /** Starts consuming in the background; `status()` tells when it has joined its group. */
  static start<T extends TopicName>(setup: KafkaSubscriptionSetup<T>): KafkaSubscription<T> {
    const subscription = new KafkaSubscription(setup);
    void subscription.launch();
    return subscription;
  }

  status(): ConsumerStatus {
    return {
      topic: this.setup.topic,
      group: this.setup.group,
      state: this.state,
      since: this.since,
      restarts: this.restarts,
      ...(this.lastError ? { lastError: this.lastError } : {}),
    };
  }

  /** Lets the in-flight batch finish and commit (kafkajs waits for it), then leaves the group. */
  stop(): Promise<void> {
    this.stopped ??= (async () => {
      if (this.timer) clearTimeout(this.timer);
      const consumer = this.consumer;
      this.consumer = undefined;
      this.enter('stopped');
      if (consumer) {
        await consumer.stop().catch(() => undefined);
        await consumer.disconnect();
      }
    })();
    return this.stopped;
  }

  private async launch(): Promise<void> {
    if (this.stopped) return;
    const { kafka, consumerConfig, kafkaTopic, partitionConcurrency } = this.setup;
    const consumer = kafka.consumer({
      ...consumerConfig,
      retry: { ...consumerConfig.retry, restartOnFailure: () => Promise.resolve(false) },
    });
    this.consumer = consumer;
    consumer.on(consumer.events.GROUP_JOIN, () => {
      if (this.consumer !== consumer) return;
      this.failures = 0;
      this.enter('running');
    });
    consumer.on(consumer.events.REBALANCING, () => {
      if (this.consumer === consumer && this.state === 'running') this.enter('rebalancing');
    });
    consumer.on(consumer.events.CRASH, ({ payload }) => void this.recover(consumer, payload.error));
    try {
      await this.setup.prepare();
      await consumer.connect();
      // fromBeginning only matters for a group without a committed offset: a new group
      // must not skip what was published before its first deployment.
      await consumer.subscribe({ topics: [kafkaTopic], fromBeginning: true });
      await consumer.run({
        autoCommit: false,
        // kafkajs would otherwise mark the whole batch done when eachBatch returns, even the
        // records we never got to because of a shutdown or rebalance.
        eachBatchAutoResolve: false,
        partitionsConsumedConcurrently: partitionConcurrency,
        eachBatch: (payload) => this.onBatch(payload),
      });
    } catch (error) {
      await this.recover(consumer, error);
    }
  }

  /** Drops a consumer that failed and schedules a new one; each failure is handled once. */
  private async recover(consumer: Consumer, error: unknown): Promise<void> {
    if (this.stopped || this.consumer !== consumer) return;
    this.consumer = undefined;
    this.failures += 1;
    this.restarts += 1;
    this.lastError = describeFailure(error);
    this.enter(this.state === 'starting' ? 'starting' : 'restarting');
    const delay = restartDelayMs(this.failures);
    const { topic, group, logger } = this.setup;
    logger.error(`consumer of ${topic} for ${group} stopped (${this.lastError}); starting it again in ${delay} ms`);
    // Leaving the group now hands its partitions over at once instead of after the session
    // timeout; when the broker cannot be reached the session simply expires.
    await withTimeout(consumer.disconnect(), DISCONNECT_TIMEOUT_MS).catch(() => undefined);
    if (this.stopped) return;
    this.timer = setTimeout(() => void this.launch(), delay);
  }

  private enter(state: ConsumerState): void {
    if (this.state === state) return;
    this.state = state;
    this.since = new Date();
  }

  private async onBatch(payload: EachBatchPayload): Promise<void> {
    const { batch } = payload;
    const { topic, handler, policy, maxBatchSize, logger } = this.setup;
    const hooks: DeliveryHooks<KafkaMessage> = {
      commit: async (message) => {
        payload.resolveOffset(message.offset);
        // Not consumer.commitOffsets(): once stop() has begun it silently commits nothing, so
        // the batch a clean shutdown waits for would be redelivered. With explicit offsets
        // this commits even then, whatever autoCommit says. The offset committed is the next
        // one to read, so the last done + 1 (resolveOffset adds the 1 itself; commits do not).
        const next = { partition: batch.partition, offset: offsetAfter(message.offset) };
        await payload.commitOffsetsIfNecessary({ topics: [{ topic: batch.topic, partitions: [next] }] });
      },
      deadLetter: (message, reason, attempts) => this.setup.deadLetter(batch.partition, message, reason, attempts),
      // Heartbeats only go out between records on their own (kafkajs#447): a long batch would
      // otherwise get this member evicted and its partition processed twice.
      keepAlive: () => payload.heartbeat(),
      // Stopping, or the partition was reassigned (stale): leave the rest uncommitted for the
      // next owner rather than race it.
      shouldStop: () => !payload.isRunning() || payload.isStale(),
    };

    for (let start = 0; start < batch.messages.length; start += maxBatchSize) {
      if (hooks.shouldStop()) return;
      const slice = batch.messages.slice(start, start + maxBatchSize).map((message) => ({
        raw: message,
        decoded: decodeRecord(topic, toEncodedRecord(batch.partition, message)),
      }));
      if ((await deliverBatch(slice, handler, policy, hooks, logger)) === 'interrupted') return;
      await payload.heartbeat();
    }
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
