import { buildPayload, ContractViolation, type TopicName, type TopicPayload } from '@plaint/contracts';
import type { BusRecord } from './message-bus';

/** A record as a driver fetched it, before its payload is trusted. */
export interface EncodedRecord {
  partition: number;
  offset: string;
  key: string;
  /** JSON text; null when the record carries no value at all (e.g. a Kafka tombstone). */
  value: string | null;
  headers: Record<string, string>;
}

/** A decoded record, or why it can never be decoded (a permanent failure: retrying is useless). */
export type DecodeResult<T> = { ok: true; record: BusRecord<T> } | { ok: false; problem: string };

/**
 * Parses and validates a consumed record against its topic's contract. Payloads were validated
 * when published too, but a consumer cannot trust that: another producer, an older version or a
 * hand-written record may have put anything on the topic.
 */
export function decodeRecord<T extends TopicName>(topic: T, encoded: EncodedRecord): DecodeResult<TopicPayload<T>> {
  if (encoded.value === null) return { ok: false, problem: 'record has no value' };
  let plain: unknown;
  try {
    plain = JSON.parse(encoded.value);
  } catch (error) {
    return { ok: false, problem: `value is not JSON: ${(error as Error).message}` };
  }
  try {
    const value = buildPayload(topic, plain);
    const { partition, offset, key, headers } = encoded;
    return { ok: true, record: { topic, partition, offset, key, value, headers } };
  } catch (error) {
    if (error instanceof ContractViolation) return { ok: false, problem: error.message };
    throw error;
  }
}
