/** A record kept by the in-process bus; offsets count from 0 within a topic partition. */
export interface StoredRecord {
  partition: number;
  offset: number;
  key: string;
  /** The payload as JSON text, exactly as published. */
  value: string;
  headers: Record<string, string>;
}

export type NewRecord = Omit<StoredRecord, 'offset'>;

/**
 * Where the in-process bus keeps records and each group's position: in memory for tests, in a
 * SQLite file for the one-process install. Synchronous on purpose: both backends are, and it
 * lets the bus append and wake its consumers without interleaving.
 */
export interface RecordStore {
  /** Appends atomically (all or none), each record at the end of its partition. */
  append(topic: string, records: readonly NewRecord[]): void;
  /** Up to `limit` records of one partition from `fromOffset` on, in offset order. */
  read(topic: string, partition: number, fromOffset: number, limit: number): StoredRecord[];
  /** The next offset the group has to process in this partition (0 if it never committed). */
  committedOffset(group: string, topic: string, partition: number): number;
  /** Records that the group is done with everything before `nextOffset`. */
  commit(group: string, topic: string, partition: number, nextOffset: number): void;
  close(): void;
}
