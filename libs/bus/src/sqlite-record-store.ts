import Database from 'better-sqlite3';
import { BusError } from './bus-error';
import type { NewRecord, RecordStore, StoredRecord } from './record-store';

interface RecordRow {
  partition_no: number;
  record_offset: number;
  key: string;
  value: string;
  headers: string;
}

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS bus_settings (
    name  TEXT PRIMARY KEY,
    value TEXT NOT NULL
  );
  CREATE TABLE IF NOT EXISTS bus_records (
    topic         TEXT    NOT NULL,
    partition_no  INTEGER NOT NULL,
    record_offset INTEGER NOT NULL,
    key           TEXT    NOT NULL,
    value         TEXT    NOT NULL,
    headers       TEXT    NOT NULL,
    appended_at   TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    PRIMARY KEY (topic, partition_no, record_offset)
  ) WITHOUT ROWID;
  CREATE TABLE IF NOT EXISTS bus_group_offsets (
    group_id     TEXT    NOT NULL,
    topic        TEXT    NOT NULL,
    partition_no INTEGER NOT NULL,
    next_offset  INTEGER NOT NULL,
    PRIMARY KEY (group_id, topic, partition_no)
  ) WITHOUT ROWID;
`;

/**
 * Keeps the in-process bus in a SQLite file, so that in the one-process install a message the
 * bus accepted survives a crash or restart and is delivered again to every group that had not
 * committed it.
 */
export class SqliteRecordStore implements RecordStore {
  private readonly db: Database.Database;
  private readonly nextOffset: Database.Statement<[string, number], { next: number }>;
  private readonly insert: Database.Statement<[string, number, number, string, string, string]>;
  private readonly select: Database.Statement<[string, number, number, number], RecordRow>;
  private readonly selectCommitted: Database.Statement<[string, string, number], { next_offset: number }>;
  private readonly upsertCommitted: Database.Statement<[string, string, number, number]>;
  private readonly appendAll: (topic: string, records: readonly NewRecord[]) => void;
  private readonly deleteConsumed: Database.Statement<[string]>;
  private commitsSincePrune = 0;

  /** `partitions` is pinned in the file: with another count, keys would move and per-key order break. */
  /**
   * `retentionMs`: how long a record stays after every group that reads its topic has
   * committed past it (dead letters are kept until replayed or removed by hand).
   */
  constructor(
    file: string,
    partitions: number,
    private readonly retentionMs = 24 * 60 * 60 * 1000,
  ) {
    this.db = new Database(file);
    // WAL lets readers and the writer proceed together; FULL syncs each commit to disk, so
    // "accepted" means what it means on Kafka with acks=all: it survives a power cut too.
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    // The `dlq:replay` command writes from another process while the service runs: wait for
    // its lock instead of failing with SQLITE_BUSY.
    this.db.pragma('busy_timeout = 5000');
    this.db.exec(SCHEMA);
    this.pinPartitionCount(partitions);

    this.nextOffset = this.db.prepare(
      'SELECT COALESCE(MAX(record_offset) + 1, 0) AS next FROM bus_records WHERE topic = ? AND partition_no = ?',
    );
    this.insert = this.db.prepare(
      'INSERT INTO bus_records (topic, partition_no, record_offset, key, value, headers) VALUES (?, ?, ?, ?, ?, ?)',
    );
    this.select = this.db.prepare(
      `SELECT partition_no, record_offset, key, value, headers FROM bus_records
        WHERE topic = ? AND partition_no = ? AND record_offset >= ? ORDER BY record_offset LIMIT ?`,
    );
    this.selectCommitted = this.db.prepare(
      'SELECT next_offset FROM bus_group_offsets WHERE group_id = ? AND topic = ? AND partition_no = ?',
    );
    this.upsertCommitted = this.db.prepare(
      `INSERT INTO bus_group_offsets (group_id, topic, partition_no, next_offset) VALUES (?, ?, ?, ?)
       ON CONFLICT (group_id, topic, partition_no) DO UPDATE SET next_offset = excluded.next_offset`,
    );
    // The newest record of a partition is always kept: it carries the partition's next offset.
    this.deleteConsumed = this.db.prepare(
      `DELETE FROM bus_records
        WHERE topic NOT LIKE '%.dlq'
          AND appended_at < ?
          AND record_offset < (SELECT MIN(g.next_offset) FROM bus_group_offsets g
                                WHERE g.topic = bus_records.topic AND g.partition_no = bus_records.partition_no)
          AND record_offset < (SELECT MAX(r.record_offset) FROM bus_records r
                                WHERE r.topic = bus_records.topic AND r.partition_no = bus_records.partition_no)`,
    );
    this.appendAll = this.db.transaction((topic: string, records: readonly NewRecord[]) => {
      for (const record of records) {
        const offset = this.nextOffset.get(topic, record.partition)?.next ?? 0;
        this.insert.run(topic, record.partition, offset, record.key, record.value, JSON.stringify(record.headers));
      }
    });
  }

  append(topic: string, records: readonly NewRecord[]): void {
    this.appendAll(topic, records);
  }

  read(topic: string, partition: number, fromOffset: number, limit: number): StoredRecord[] {
    return this.select.all(topic, partition, fromOffset, limit).map((row) => ({
      partition: row.partition_no,
      offset: row.record_offset,
      key: row.key,
      value: row.value,
      headers: JSON.parse(row.headers) as Record<string, string>,
    }));
  }

  committedOffset(group: string, topic: string, partition: number): number {
    return this.selectCommitted.get(group, topic, partition)?.next_offset ?? 0;
  }

  commit(group: string, topic: string, partition: number, nextOffset: number): void {
    this.upsertCommitted.run(group, topic, partition, nextOffset);
    this.commitsSincePrune += 1;
    if (this.commitsSincePrune >= 1000) this.prune();
  }

  /** Deletes records every group has consumed and that are older than the retention. */
  prune(now: Date = new Date()): number {
    this.commitsSincePrune = 0;
    return this.deleteConsumed.run(new Date(now.getTime() - this.retentionMs).toISOString()).changes;
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  private pinPartitionCount(partitions: number): void {
    const pin = this.db.prepare("INSERT OR IGNORE INTO bus_settings (name, value) VALUES ('partitions', ?)");
    pin.run(String(partitions));
    const pinned = this.db.prepare<[], { value: string }>("SELECT value FROM bus_settings WHERE name = 'partitions'");
    const row = pinned.get();
    if (row && Number(row.value) !== partitions) {
      this.db.close();
      throw new BusError(
        'misconfigured',
        `${this.db.name} was created with ${row.value} partitions, not ${partitions}: ` +
          'keys would change partition and lose their order',
      );
    }
  }
}
