import { type BeforeApplicationShutdown, Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, IsNull, LessThan, type EntityManager } from 'typeorm';
import { MessageBus, type OutgoingMessage } from '@plaint/bus';
import { PLAINT_CONFIG, type PlaintConfig } from '@plaint/config';
import { buildPayload, ContractViolation, isTopicName, type TopicName, type TopicPayload } from '@plaint/contracts';
import { Clock } from '@plaint/domain';
import { OutboxEntity } from '@plaint/persistence';

const BATCH = 500;
/** Any constant: the advisory lock that makes one core instance at a time the publisher. */
const RELAY_LOCK = 74_250_001;
const KEEP_PUBLISHED_MS = 24 * 60 * 60 * 1000;

/**
 * Publishes the outbox to the bus, in id order, at least once. It runs right after a batch that
 * wrote events (wake) and on a timer as a safety net. With several core instances, a Postgres
 * advisory lock lets one publish at a time, which keeps each complaint's events in order.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(OutboxRelay.name);
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private again = false;
  private stopped = false;
  private lastCleanup = 0;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly bus: MessageBus,
    private readonly clock: Clock,
    @Inject(PLAINT_CONFIG) private readonly config: PlaintConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.schedule(0);
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  /** Publish now (or as soon as the current pass ends). */
  wake(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.schedule(0);
  }

  /** Publishes everything pending; returns how many events went out. Exposed for tests. */
  async drain(): Promise<number> {
    let total = 0;
    for (;;) {
      const published = await this.publishOnce();
      total += published;
      if (published < BATCH) break;
    }
    await this.cleanup();
    return total;
  }

  private schedule(delayMs: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.tick(), delayMs);
  }

  private async tick(): Promise<void> {
    this.running = this.drain()
      .then(() => undefined)
      .catch((error: unknown) => this.logger.error(`outbox relay pass failed: ${(error as Error).message}`));
    await this.running;
    this.running = undefined;
    if (this.stopped) return;
    if (this.again) {
      this.again = false;
      this.schedule(0);
    } else {
      this.schedule(this.config.outboxPollMs);
    }
  }

  private publishOnce(): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      if (!(await this.holdRelayLock(manager))) return 0;
      const rows = await manager.find(OutboxEntity, {
        where: { publishedAt: IsNull() },
        order: { id: 'ASC' },
        take: BATCH,
      });
      if (rows.length === 0) return 0;
      for (const run of consecutiveByTopic(rows)) await this.publishRun(run);
      await manager.update(OutboxEntity, { id: In(rows.map((row) => row.id)) }, { publishedAt: this.clock.now() });
      return rows.length;
    });
  }

  private async publishRun(rows: OutboxEntity[]): Promise<void> {
    const topic = rows[0]?.topic ?? '';
    if (!isTopicName(topic)) {
      this.logger.error(`outbox rows ${rows.map((r) => r.id).join(',')} name unknown topic ${topic}; skipped`);
      return;
    }
    const messages = rows.flatMap((row): OutgoingMessage<TopicPayload<TopicName>>[] => {
      try {
        return [{ key: row.key, value: buildPayload(topic, JSON.parse(row.payload)), headers: row.headers }];
      } catch (error) {
        // A broken row is a bug in core; publishing the others must not wait for its fix.
        const reason = error instanceof ContractViolation ? error.problems.join('; ') : (error as Error).message;
        this.logger.error(`outbox row ${row.id} is not a valid ${topic} payload and was skipped: ${reason}`);
        return [];
      }
    });
    await this.bus.publish(topic, messages);
  }

  private async holdRelayLock(manager: EntityManager): Promise<boolean> {
    if (this.dataSource.options.type !== 'postgres') return true;
    const rows: { locked: boolean }[] = await manager.query('SELECT pg_try_advisory_xact_lock($1) AS locked', [RELAY_LOCK]);
    const [row] = rows;
    return row?.locked === true;
  }

  private async cleanup(): Promise<void> {
    const now = this.clock.now().getTime();
    if (now - this.lastCleanup < 60_000) return;
    this.lastCleanup = now;
    await this.dataSource
      .getRepository(OutboxEntity)
      .delete({ publishedAt: LessThan(new Date(now - KEEP_PUBLISHED_MS)) });
  }
}

function consecutiveByTopic(rows: OutboxEntity[]): OutboxEntity[][] {
  const runs: OutboxEntity[][] = [];
  for (const row of rows) {
    const last = runs[runs.length - 1];
    if (last && last[0]?.topic === row.topic) last.push(row);
    else runs.push([row]);
  }
  return runs;
}
