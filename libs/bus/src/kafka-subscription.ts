import type { Logger } from '@nestjs/common';
import type { TopicName, TopicPayload } from '@plaint/contracts';
import type { Consumer, ConsumerConfig, EachBatchPayload, Kafka, KafkaMessage } from 'kafkajs';
import { decodeRecord } from './decode-record';
import { type DeliveryHooks, deliverBatch, type RetryPolicy } from './deliver-batch';
import { offsetAfter, toEncodedRecord } from './kafka-message-codec';
import type { BatchHandler, Subscription } from './message-bus';

export interface KafkaSubscriptionSetup<T extends TopicName> {
  kafka: Kafka;
  consumerConfig: ConsumerConfig;
  topic: T;
  /** The topic's name on the cluster (with the bus's prefix). */
  kafkaTopic: string;
  handler: BatchHandler<TopicPayload<T>>;
  policy: RetryPolicy;
  /** Most records handed to the handler at once; a larger fetch is delivered in slices. */
  maxBatchSize: number;
  partitionConcurrency: number;
  deadLetter(partition: number, message: KafkaMessage, reason: string, attempts: number): Promise<void>;
  logger: Logger;
}

/** One kafkajs consumer for one group on one topic, committing only what its handler finished. */
export class KafkaSubscription<T extends TopicName> implements Subscription {
  private stopped: Promise<void> | undefined;
  /** Set when kafkajs gave up on the consumer (a crash it will not restart from). */
  private failure: Error | undefined;

  private constructor(
    private readonly setup: KafkaSubscriptionSetup<T>,
    private readonly consumer: Consumer,
  ) {}

  static async start<T extends TopicName>(setup: KafkaSubscriptionSetup<T>): Promise<KafkaSubscription<T>> {
    const consumer = setup.kafka.consumer(setup.consumerConfig);
    const subscription = new KafkaSubscription(setup, consumer);
    consumer.on(consumer.events.CRASH, ({ payload }) => {
      if (!payload.restart) subscription.failure = payload.error;
    });
    await consumer.connect();
    try {
      // fromBeginning only matters for a group without a committed offset: a new group
      // must not skip what was published before its first deployment.
      await consumer.subscribe({ topics: [setup.kafkaTopic], fromBeginning: true });
      await consumer.run({
        autoCommit: false,
        // kafkajs would otherwise mark the whole batch done when eachBatch returns, even the
        // records we never got to because of a shutdown or rebalance.
        eachBatchAutoResolve: false,
        partitionsConsumedConcurrently: setup.partitionConcurrency,
        eachBatch: (payload) => subscription.onBatch(payload),
      });
    } catch (error) {
      await consumer.disconnect();
      throw error;
    }
    return subscription;
  }

  /** False once the consumer died for good: nothing consumes the topic for this group any more. */
  isAlive(): boolean {
    return this.failure === undefined;
  }

  /** Lets the in-flight batch finish and commit (kafkajs waits for it), then leaves the group. */
  stop(): Promise<void> {
    this.stopped ??= (async () => {
      await this.consumer.stop();
      await this.consumer.disconnect();
    })();
    return this.stopped;
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
