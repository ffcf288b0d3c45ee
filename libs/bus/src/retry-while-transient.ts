import type { Logger } from '@nestjs/common';
import { describeFailure } from './describe-failure';

/** Kafka refusals that no amount of waiting changes: the operator has to act. */
const PERMANENT = new Set([
  'TOPIC_AUTHORIZATION_FAILED',
  'CLUSTER_AUTHORIZATION_FAILED',
  'GROUP_AUTHORIZATION_FAILED',
  'INVALID_TOPIC_EXCEPTION',
  'INVALID_PARTITIONS',
  'INVALID_REPLICATION_FACTOR',
  'INVALID_REPLICA_ASSIGNMENT',
  'INVALID_CONFIG',
  'POLICY_VIOLATION',
  'UNSUPPORTED_VERSION',
]);

interface KafkaLikeError {
  type?: unknown;
  errors?: unknown;
}

/** Whether an error (or every error of an aggregate) is one of those permanent refusals. */
export function isPermanentKafkaError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { type, errors } = error as KafkaLikeError;
  if (typeof type === 'string' && PERMANENT.has(type)) return true;
  return Array.isArray(errors) && errors.length > 0 && errors.every((inner) => isPermanentKafkaError(inner));
}

export interface TransientRetryOptions {
  what: string;
  logger: Pick<Logger, 'warn'>;
  /** Give up after this long (default 120 s). */
  deadlineMs?: number;
  /** First pause, doubled up to 5 s (default 250 ms). */
  firstDelayMs?: number;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
}

/** Runs `attempt` until it succeeds, waiting out every error that is not permanent. */
export async function retryWhileTransient<T>(attempt: () => Promise<T>, options: TransientRetryOptions): Promise<T> {
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const deadline = now() + (options.deadlineMs ?? 120_000);
  let delay = options.firstDelayMs ?? 250;
  for (let tries = 1; ; tries += 1) {
    try {
      return await attempt();
    } catch (error) {
      if (isPermanentKafkaError(error) || now() + delay > deadline) throw error;
      options.logger.warn(`${options.what}: ${describeFailure(error)}; trying again in ${delay} ms (attempt ${tries})`);
      await sleep(delay);
      delay = Math.min(delay * 2, 5_000);
    }
  }
}
