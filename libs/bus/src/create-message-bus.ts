import { InProcessBus, type InProcessBusOptions } from './in-process-bus';
import { KafkaBus, type KafkaBusOptions } from './kafka-bus';
import type { MessageBus } from './message-bus';

/** Bus settings as the config loader reads them; `brokers` decides which driver runs. */
export type MessageBusConfig = Omit<KafkaBusOptions, 'brokers' | 'clientId'> &
  InProcessBusOptions & {
    /** Kafka bootstrap servers. Absent or empty: the in-process bus. */
    brokers?: string[];
    /** Kafka client id (default `plaint`); name the app, it shows in broker logs and quotas. */
    clientId?: string;
  };

/**
 * Kafka when brokers are configured (production), otherwise the in-process bus — kept in
 * `file` when one is given (the one-process install), in memory when not (tests). `file` is
 * ignored with Kafka.
 */
export function createMessageBus(config: MessageBusConfig): MessageBus {
  const { brokers, clientId, file, ...options } = config;
  if (brokers && brokers.length > 0) return new KafkaBus({ ...options, brokers, clientId: clientId ?? 'plaint' });
  const { partitions, maxAttempts, retryBackoffMs, maxBatchSize } = options;
  return new InProcessBus({ file, partitions, maxAttempts, retryBackoffMs, maxBatchSize });
}
