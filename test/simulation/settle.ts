import Database from 'better-sqlite3';
import { setTimeout as sleep } from 'node:timers/promises';
import type { DataSource } from 'typeorm';
import type { MessageBus } from '../../libs/bus/src';

/**
 * Waits until the one-process product has nothing in flight: every consumer group has handled
 * every record of its topic on the in-process bus, and the outbox has no event left to publish.
 * The simulation moves the clock only then, so each step's work happens at that step's time.
 */
export class Quiescence {
  private readonly db: Database.Database;
  private readonly pending: Database.Statement<[string, string], { n: number }>;

  constructor(
    busFile: string,
    private readonly bus: MessageBus,
    private readonly dataSource: DataSource,
  ) {
    this.db = new Database(busFile, { readonly: true, fileMustExist: true });
    this.db.pragma('busy_timeout = 5000');
    this.pending = this.db.prepare(
      `SELECT COUNT(*) AS n FROM bus_records r
        WHERE r.topic = ? AND r.record_offset >= COALESCE((SELECT g.next_offset FROM bus_group_offsets g
                WHERE g.group_id = ? AND g.topic = r.topic AND g.partition_no = r.partition_no), 0)`,
    );
  }

  private lag(): number {
    return this.bus.consumers().reduce((sum, consumer) => sum + (this.pending.get(consumer.topic, consumer.group)?.n ?? 0), 0);
  }

  private async unpublished(): Promise<number> {
    const [row] = await this.dataSource.query<{ n: number | string }[]>('SELECT COUNT(*) AS n FROM outbox WHERE published_at IS NULL');
    return Number(row?.n ?? 0);
  }

  /** Resolves once nothing is in flight; fails after `timeoutMs`. */
  async settle(timeoutMs = 60_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.lag() > 0 || (await this.unpublished()) > 0) {
      if (Date.now() > deadline) throw new Error(`the product did not settle within ${timeoutMs} ms (bus lag ${this.lag()}, outbox ${await this.unpublished()})`);
      await sleep(2);
    }
  }

  close(): void {
    this.db.close();
  }
}
