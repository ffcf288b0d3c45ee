import type { LoggerService } from '@nestjs/common';
import type { DecodeResult } from './decode-record';
import { describeFailure } from './describe-failure';
import type { BatchHandler, BusRecord } from './message-bus';

export interface RetryPolicy {
  /** Handler attempts for a batch, and again for each record once the batch is split up. */
  maxAttempts: number;
  /** Wait before the 2nd attempt; doubles for each further attempt (capped at 30 s). */
  retryBackoffMs: number;
}

/** One fetched record together with what decoding it gave; `raw` is the driver's own form. */
export interface FetchedRecord<T, R> {
  raw: R;
  decoded: DecodeResult<T>;
}

/** What the delivery loop needs from a driver. */
export interface DeliveryHooks<R> {
  /** Marks `raw` and everything before it in its partition as done for the group. */
  commit(raw: R): Promise<void>;
  /** Durably writes `raw` to the dead-letter topic; resolves only once it is stored. */
  deadLetter(raw: R, reason: string, attempts: number): Promise<void>;
  /** Runs between steps and while waiting (Kafka: a heartbeat, so a slow batch is not evicted). */
  keepAlive(): Promise<void>;
  /** True once the consumer must give up the batch: shutdown, or the partition was taken away. */
  shouldStop(): boolean;
}

/** `interrupted`: stopped part-way; whatever was not committed will be delivered again. */
export type DeliveryOutcome = 'completed' | 'interrupted';

type AttemptOutcome =
  | { kind: 'succeeded' }
  | { kind: 'failed'; reason: string; attempts: number }
  | { kind: 'interrupted' };

const MAX_BACKOFF_MS = 30_000;
/** Longest stretch without calling keepAlive while waiting: well inside Kafka's heartbeat interval. */
const KEEP_ALIVE_SLICE_MS = 1_000;

/**
 * Delivers one batch from one partition with the bus's failure rules, shared by both drivers:
 * 1. a record that cannot be decoded is dead-lettered at once (retrying cannot fix it);
 * 2. the handler gets every decodable record; success commits the whole batch;
 * 3. a failing batch is retried with exponential backoff up to `maxAttempts`;
 * 4. then it is split up: each record alone gets its own bounded retries, a record that still
 *    fails is dead-lettered with the reason and committed past, and the records after it go on.
 * So a poison record never blocks its partition and every other record is still delivered.
 */
export async function deliverBatch<T, R>(
  fetched: readonly FetchedRecord<T, R>[],
  handler: BatchHandler<T>,
  policy: RetryPolicy,
  hooks: DeliveryHooks<R>,
  logger: LoggerService,
): Promise<DeliveryOutcome> {
  const last = fetched.at(-1);
  if (!last) return 'completed';

  const valid: { raw: R; record: BusRecord<T> }[] = [];
  for (const { raw, decoded } of fetched) {
    if (decoded.ok) valid.push({ raw, record: decoded.record });
    else await hooks.deadLetter(raw, decoded.problem, 0);
  }

  if (valid.length > 0) {
    const batch = await runWithRetries(() => handler(valid.map((item) => item.record)), policy, hooks, logger);
    if (batch.kind === 'interrupted') return 'interrupted';
    if (batch.kind === 'failed') {
      const only = valid.length === 1 ? valid[0] : undefined;
      if (only) {
        // A batch of one has just had its own retries: splitting it up would only repeat them.
        await hooks.deadLetter(only.raw, batch.reason, batch.attempts);
      } else if ((await deliverOneByOne(valid, handler, policy, hooks, logger)) === 'interrupted') {
        return 'interrupted';
      }
    }
  }
  await hooks.commit(last.raw);
  return 'completed';
}

async function deliverOneByOne<T, R>(
  valid: readonly { raw: R; record: BusRecord<T> }[],
  handler: BatchHandler<T>,
  policy: RetryPolicy,
  hooks: DeliveryHooks<R>,
  logger: LoggerService,
): Promise<DeliveryOutcome> {
  for (const { raw, record } of valid) {
    if (hooks.shouldStop()) return 'interrupted';
    const outcome = await runWithRetries(() => handler([record]), policy, hooks, logger);
    if (outcome.kind === 'interrupted') return 'interrupted';
    if (outcome.kind === 'failed') await hooks.deadLetter(raw, outcome.reason, outcome.attempts);
    // Committed one by one so a crash here does not run the records before again.
    await hooks.commit(raw);
  }
  return 'completed';
}

async function runWithRetries<R>(
  run: () => Promise<void>,
  policy: RetryPolicy,
  hooks: DeliveryHooks<R>,
  logger: LoggerService,
): Promise<AttemptOutcome> {
  let reason = 'no attempt was made';
  for (let attempt = 1; attempt <= policy.maxAttempts; attempt += 1) {
    if (attempt > 1) {
      const delay = Math.min(policy.retryBackoffMs * 2 ** (attempt - 2), MAX_BACKOFF_MS);
      if (!(await waitUnlessStopped(delay, hooks))) return { kind: 'interrupted' };
    }
    // Outside the try: a failed heartbeat means a rebalance, not a handler failure.
    await hooks.keepAlive();
    try {
      await run();
      return { kind: 'succeeded' };
    } catch (error) {
      reason = describeFailure(error);
      logger.warn(`handler failed (attempt ${attempt} of ${policy.maxAttempts}): ${reason}`);
    }
  }
  return { kind: 'failed', reason, attempts: policy.maxAttempts };
}

/** Sleeps in short slices, keeping the consumer alive; false when told to stop meanwhile. */
async function waitUnlessStopped<R>(ms: number, hooks: DeliveryHooks<R>): Promise<boolean> {
  const until = Date.now() + ms;
  for (let left = ms; left > 0; left = until - Date.now()) {
    if (hooks.shouldStop()) return false;
    await new Promise((resolve) => setTimeout(resolve, Math.min(left, KEEP_ALIVE_SLICE_MS)));
    await hooks.keepAlive();
  }
  return !hooks.shouldStop();
}
