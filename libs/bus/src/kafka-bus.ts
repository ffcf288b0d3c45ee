import { Logger } from '@nestjs/common';
import type { TopicName, TopicPayload } from '@plaint/contracts';
import {
  type Admin,
  type ConsumerConfig,
  Kafka,
  type KafkaMessage,
  logLevel,
  type Message,
  Partitioners,
  type Producer,
} from 'kafkajs';
import { BusError } from './bus-error';
import { deadLetterHeaders, REPLAY_GROUP } from './dead-letters';
import type { RetryPolicy } from './deliver-batch';
import { describeFailure } from './describe-failure';
import { encodePayloads } from './encode-payloads';
import { replayKafkaDeadLetters } from './kafka-dead-letter-replay';
import { kafkaLogCreator } from './kafka-log-creator';
import { stringHeaders } from './kafka-message-codec';
import { KafkaSubscription } from './kafka-subscription';
import { retryWhileTransient } from './retry-while-transient';
import {
  type BatchHandler,
  type ConsumerStatus,
  deadLetterTopicOf,
  type EncodedOutgoingMessage,
  MessageBus,
  type OutgoingMessage,
  type SubscribeOptions,
  type Subscription,
} from './message-bus';
import { SendCoalescer, type SendCounters } from './send-coalescer';

export interface KafkaBusOptions {
  brokers: string[];
  clientId: string;
  /** Put in front of every topic (dead-letter ones too) and group: shared clusters, test isolation. */
  topicPrefix?: string;
  /** Partitions of the topics this bus creates (default 6). */
  partitions?: number;
  /** Create missing topics and their `.dlq` at first use (default false: Strimzi declares them). */
  createTopics?: boolean;
  /** Handler attempts before a record is dead-lettered (default 5). */
  maxAttempts?: number;
  /** First retry delay, doubled on each further attempt (default 500 ms). */
  retryBackoffMs?: number;
  /** How long a fetch may wait for data (default 100 ms): latency over fewer round trips. */
  fetchMaxWaitMs?: number;
  /**
   * How long the group waits for a silent member before handing its partitions to the others
   * (default 6 s, the broker's smallest allowed by default): how fast a killed instance's work
   * moves, and how long a crashed member lingers as a ghost after a broker restart.
   */
  sessionTimeoutMs?: number;
  /** How often a member tells the group it is alive (default: a sixth of the session timeout). */
  heartbeatIntervalMs?: number;
  /**
   * How long the group waits for its members to rejoin during a rebalance (default 30 s); a
   * member busy with a batch rejoins when the batch ends.
   */
  rebalanceTimeoutMs?: number;
  /** Most records handed to a handler at once (default 2000). */
  maxBatchSize?: number;
  /** Partitions one subscription handles side by side (default 1); order stays per partition. */
  partitionConcurrency?: number;
}

/** A readiness probe must answer quickly, whatever the client's own request timeout is. */
const HEALTH_TIMEOUT_MS = 5_000;
const REPLAY_IDLE_TIMEOUT_MS = 30_000;

/**
 * The production bus on Apache Kafka (kafkajs). At least once, per key in order: the producer
 * sends one request at a time and waits for all in-sync replicas; consumers commit a batch only after its
 * handler resolved, retry it, and dead-letter what keeps failing.
 */
export class KafkaBus extends MessageBus {
  private readonly logger = new Logger(KafkaBus.name);
  private readonly kafka: Kafka;
  private readonly producer: Producer;
  private readonly admin: Admin;
  private readonly sender: SendCoalescer;
  private readonly prefix: string;
  private readonly policy: RetryPolicy;
  private readonly ensuredTopics = new Map<string, Promise<void>>();
  private readonly subscriptions = new Set<KafkaSubscription<TopicName>>();
  private connection: Promise<void> | undefined;
  private producerConnected = false;
  private closed = false;

  constructor(private readonly options: KafkaBusOptions) {
    super();
    this.prefix = options.topicPrefix ?? '';
    this.policy = { maxAttempts: options.maxAttempts ?? 5, retryBackoffMs: options.retryBackoffMs ?? 500 };
    if (!Number.isInteger(this.policy.maxAttempts) || this.policy.maxAttempts < 1) {
      throw new BusError('misconfigured', `maxAttempts must be a positive integer, got ${this.policy.maxAttempts}`);
    }
    this.kafka = new Kafka({
      clientId: options.clientId,
      brokers: options.brokers,
      logLevel: logLevel.WARN,
      logCreator: kafkaLogCreator(this.logger),
    });
    this.producer = this.kafka.producer({
      // Not kafkajs's idempotent producer: when a produce fails after the broker wrote the batch
      // (a broker restart cuts the answer off), kafkajs hands that batch's sequence numbers to the
      // next batch, and the broker takes a next batch of the same size for a duplicate — it answers
      // "stored" and drops it. That lost acknowledged chat messages in the fault test. Without it a
      // retry can write a record twice, which every consumer absorbs (inbox and notices are keyed);
      // one request in flight keeps each partition in order.
      idempotent: false,
      maxInFlightRequests: 1,
      // kafkajs 2 changed its default partitioner; named here so a key's partition cannot
      // silently move in an upgrade (this one matches the Java client's murmur2).
      createPartitioner: Partitioners.DefaultPartitioner,
      // Topics are declared (Strimzi KafkaTopic, or createTopics): a typo must fail, not
      // quietly create a topic with the broker's default partition count.
      allowAutoTopicCreation: false,
    });
    this.producer.on(this.producer.events.CONNECT, () => (this.producerConnected = true));
    this.producer.on(this.producer.events.DISCONNECT, () => (this.producerConnected = false));
    this.admin = this.kafka.admin();
    this.sender = new SendCoalescer((topicMessages) => this.producer.sendBatch({ topicMessages, acks: -1 }));
  }

  async publish<T extends TopicName>(topic: T, messages: OutgoingMessage<TopicPayload<T>>[]): Promise<void> {
    this.assertOpen();
    await this.publishEncoded(topic, encodePayloads(topic, messages));
  }

  override async publishEncoded<T extends TopicName>(topic: T, messages: readonly EncodedOutgoingMessage[]): Promise<void> {
    this.assertOpen();
    if (messages.length === 0) return;
    const encoded: Message[] = messages.map(({ key, json, headers }) => ({ key, value: json, headers: { ...headers } }));
    await this.connect();
    await this.ensureTopics(topic);
    await this.send(this.kafkaTopic(topic), encoded);
  }

  subscribe<T extends TopicName>(topic: T, options: SubscribeOptions, handler: BatchHandler<TopicPayload<T>>): Promise<Subscription> {
    if (this.closed) return Promise.reject(new BusError('closed', 'the Kafka bus is closed'));
    // Not awaited: a broker that is still settling (or restarting) must not fail the boot. The
    // subscription keeps trying in the background and says where it stands in consumers().
    const subscription = KafkaSubscription.start({
      kafka: this.kafka,
      consumerConfig: this.consumerConfig(options.group, topic),
      topic,
      group: options.group,
      kafkaTopic: this.kafkaTopic(topic),
      prepare: async () => {
        await this.connect();
        await this.ensureTopics(topic);
      },
      handler,
      policy: { ...this.policy, maxAttempts: options.maxAttempts ?? this.policy.maxAttempts },
      maxBatchSize: this.options.maxBatchSize ?? 2000,
      partitionConcurrency: this.options.partitionConcurrency ?? 1,
      deadLetter: (partition, message, reason, attempts) =>
        this.deadLetter(topic, options.group, partition, message, reason, attempts),
      logger: this.logger,
    });
    this.subscriptions.add(subscription);
    return Promise.resolve({
      stop: async () => {
        this.subscriptions.delete(subscription);
        await subscription.stop();
      },
    });
  }

  async replayDeadLetters(topic: TopicName): Promise<number> {
    this.assertOpen();
    await this.connect();
    await this.ensureTopics(topic);
    const deadLetterTopic = this.kafkaTopic(deadLetterTopicOf(topic));
    const replayed = await replayKafkaDeadLetters({
      kafka: this.kafka,
      admin: this.admin,
      consumerConfig: this.consumerConfig(REPLAY_GROUP, deadLetterTopicOf(topic)),
      deadLetterTopic,
      sourceTopic: this.kafkaTopic(topic),
      send: (kafkaTopic, messages) => this.send(kafkaTopic, messages),
      idleTimeoutMs: REPLAY_IDLE_TIMEOUT_MS,
    });
    this.logger.log(`replayed ${replayed} dead letters from ${deadLetterTopic}`);
    return replayed;
  }

  consumers(): ConsumerStatus[] {
    return [...this.subscriptions].map((subscription) => subscription.status());
  }

  /**
   * Ready: the producer is connected, the cluster answers a metadata request and every consumer
   * is a member of its group (a rebalance under way does not count against it).
   */
  async isHealthy(): Promise<boolean> {
    if (this.closed) return false;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new BusError('timed-out', 'Kafka health check timed out')), HEALTH_TIMEOUT_MS);
    });
    try {
      await Promise.race([this.connect().then(() => this.admin.describeCluster()), timeout]);
      const joined = this.consumers().every((consumer) => consumer.state === 'running' || consumer.state === 'rebalancing');
      return this.producerConnected && joined;
    } catch (error) {
      this.logger.warn(`Kafka is not healthy: ${describeFailure(error)}`);
      return false;
    } finally {
      clearTimeout(timer);
    }
  }

  /** Publishes and dead-letters so far, for metrics: how well publishes are being coalesced. */
  sendStats(): SendCounters {
    return this.sender.stats();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const subscriptions = [...this.subscriptions];
    this.subscriptions.clear();
    // Consumers first: their in-flight batches may still dead-letter through the producer.
    await Promise.all(subscriptions.map((subscription) => subscription.stop()));
    await this.sender.drain();
    if (this.connection) {
      await Promise.allSettled([this.producer.disconnect(), this.admin.disconnect()]);
    }
  }

  private async deadLetter(
    topic: TopicName,
    group: string,
    partition: number,
    message: KafkaMessage,
    reason: string,
    attempts: number,
  ): Promise<void> {
    this.logger.error(`dead-lettered ${topic}[${partition}]@${message.offset} for ${group}: ${reason}`);
    const cause = { sourceTopic: topic, partition, offset: message.offset, group, reason, attempts };
    await this.send(this.kafkaTopic(deadLetterTopicOf(topic)), [
      // The original bytes, even when they are not valid UTF-8 or JSON.
      { key: message.key, value: message.value, headers: deadLetterHeaders(stringHeaders(message.headers), cause) },
    ]);
    this.countDeadLetter(topic);
  }

  private async send(kafkaTopic: string, messages: Message[]): Promise<void> {
    try {
      await this.sender.send(kafkaTopic, messages);
    } catch (error) {
      const what = `${messages.length} message(s) for ${kafkaTopic}`;
      throw new BusError('publish-failed', `Kafka did not accept ${what}: ${describeFailure(error)}`, { cause: error });
    }
  }

  private connect(): Promise<void> {
    this.connection ??= Promise.all([this.producer.connect(), this.admin.connect()]).then(
      () => undefined,
      (error: unknown) => {
        this.connection = undefined; // the next call tries again
        throw error;
      },
    );
    return this.connection;
  }

  private ensureTopics(topic: TopicName): Promise<void> {
    if (!this.options.createTopics) return Promise.resolve();
    let ensured = this.ensuredTopics.get(topic);
    if (!ensured) {
      ensured = this.createTopics([this.kafkaTopic(topic), this.kafkaTopic(deadLetterTopicOf(topic))]);
      ensured.catch(() => this.ensuredTopics.delete(topic));
      this.ensuredTopics.set(topic, ensured);
    }
    return ensured;
  }

  /**
   * Creates the missing topics and waits until every partition has a leader. While a broker
   * settles (at boot, after a restart, with several services creating the same topics at once)
   * it answers with passing errors — no leader yet, "does not host this topic-partition", not
   * the controller, a dropped connection — which are waited out; only a refusal that will not
   * change (authorisation, invalid settings) fails at once.
   */
  private createTopics(names: string[]): Promise<void> {
    return retryWhileTransient(
      async () => {
        // Only the missing ones, one call each: kafkajs logs an existing one as an error.
        const existing = new Set(await this.admin.listTopics());
        for (const name of names.filter((topic) => !existing.has(topic))) {
          const created = await this.admin.createTopics({
            topics: [{ topic: name, numPartitions: this.options.partitions ?? 6 }],
            // Its wait retries only "leader not available"; ours below retries every passing error.
            waitForLeaders: false,
          });
          if (created) this.logger.log(`created topic ${name}`);
        }
        await this.assertLeaders(names);
      },
      { what: `preparing topics ${names.join(', ')}`, logger: this.logger },
    );
  }

  private async assertLeaders(names: string[]): Promise<void> {
    const { topics } = await this.admin.fetchTopicMetadata({ topics: names });
    const leaderless = topics.flatMap((topic) =>
      topic.partitions.length === 0 ? [topic.name] : topic.partitions.filter((p) => p.leader < 0).map((p) => `${topic.name}[${p.partitionId}]`),
    );
    if (leaderless.length > 0) throw new Error(`no leader yet for ${leaderless.join(', ')}`);
  }

  private consumerConfig(group: string, topic: string): ConsumerConfig {
    const sessionTimeout = this.options.sessionTimeoutMs ?? 6_000;
    return {
      // One group id per group and topic: kafkajs's assigners ignore what each member
      // subscribed to, so members of one group on different topics would be handed partitions
      // they never read (kafkajs#1040, #1679).
      groupId: `${this.prefix}${group}.${topic}`,
      sessionTimeout,
      heartbeatInterval: this.options.heartbeatIntervalMs ?? Math.max(500, Math.floor(sessionTimeout / 6)),
      rebalanceTimeout: this.options.rebalanceTimeoutMs ?? 30_000,
      maxWaitTimeInMs: this.options.fetchMaxWaitMs ?? 100,
      allowAutoTopicCreation: false,
    };
  }

  private kafkaTopic(topic: string): string {
    return `${this.prefix}${topic}`;
  }

  private assertOpen(): void {
    if (this.closed) throw new BusError('closed', 'the Kafka bus is closed');
  }
}
