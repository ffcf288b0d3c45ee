import type { NewRecord, RecordStore, StoredRecord } from './record-store';

/** Keeps everything in memory: for tests, and whenever losing the queue on exit is acceptable. */
export class MemoryRecordStore implements RecordStore {
  /** topic → partition → records, where a record's offset is its index. */
  private readonly logs = new Map<string, Map<number, StoredRecord[]>>();
  /** `group topic partition` → next offset. */
  private readonly offsets = new Map<string, number>();

  append(topic: string, records: readonly NewRecord[]): void {
    for (const record of records) {
      const log = this.logOf(topic, record.partition);
      log.push({ ...record, offset: log.length });
    }
  }

  read(topic: string, partition: number, fromOffset: number, limit: number): StoredRecord[] {
    return this.logOf(topic, partition).slice(fromOffset, fromOffset + limit);
  }

  committedOffset(group: string, topic: string, partition: number): number {
    return this.offsets.get(offsetKey(group, topic, partition)) ?? 0;
  }

  commit(group: string, topic: string, partition: number, nextOffset: number): void {
    this.offsets.set(offsetKey(group, topic, partition), nextOffset);
  }

  close(): void {}

  private logOf(topic: string, partition: number): StoredRecord[] {
    let partitions = this.logs.get(topic);
    if (!partitions) this.logs.set(topic, (partitions = new Map<number, StoredRecord[]>()));
    let log = partitions.get(partition);
    if (!log) partitions.set(partition, (log = []));
    return log;
  }
}

function offsetKey(group: string, topic: string, partition: number): string {
  return JSON.stringify([group, topic, partition]);
}
