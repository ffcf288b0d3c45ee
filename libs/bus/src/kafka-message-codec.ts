import type { IHeaders, KafkaMessage } from 'kafkajs';
import type { EncodedRecord } from './decode-record';

/** Header values as strings; of a repeated header the last value counts, as in the Java client. */
export function stringHeaders(headers: IHeaders | undefined): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    const last = Array.isArray(value) ? value.at(-1) : value;
    if (last !== undefined) result[name] = last.toString();
  }
  return result;
}

export function toEncodedRecord(partition: number, message: KafkaMessage): EncodedRecord {
  return {
    partition,
    offset: message.offset,
    key: message.key?.toString() ?? '',
    value: message.value?.toString('utf8') ?? null,
    headers: stringHeaders(message.headers),
  };
}

/** Kafka stores the offset of the next record to read as a group's position: the last done + 1. */
export function offsetAfter(offset: string): string {
  return (BigInt(offset) + 1n).toString();
}
