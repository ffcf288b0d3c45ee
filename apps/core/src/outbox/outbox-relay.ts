import { type BeforeApplicationShutdown, Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { MessageBus } from '@plaint/bus';
import { PLAINT_CONFIG, type PlaintConfig } from '@plaint/config';
import { isTopicName } from '@plaint/contracts';
import { Clock } from '@plaint/domain';
import { CoreStore } from '../store/core-store';
import type { PendingEvent } from '../store/outbox';

const BATCH = 500;
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
    private readonly store: CoreStore,
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

  /**
   * One round: take the publisher's turn, claim a batch (marked published by the same
   * statement) and send it, each run of one topic in one publish; a failed send rolls the
   * marks back.
   */
  private publishOnce(): Promise<number> {
    return this.store.transaction(async ({ outbox }) => {
      if (!(await outbox.takePublisherTurn())) return 0;
      const events = await outbox.claimUnpublished(BATCH, this.clock.now());
      for (const run of consecutiveByTopic(events)) await this.publishRun(run);
      return events.length;
    });
  }

  /**
   * Sends the stored JSON as it is. Core's events come from typed builders (store/outbox.ts)
   * and the consumers validate every record they read, so the text is not parsed and validated
   * again here; only what no builder can produce is caught: a row naming an unknown topic, or
   * one whose payload is not a JSON object.
   */
  private async publishRun(events: PendingEvent[]): Promise<void> {
    const topic = events[0]?.topic ?? '';
    if (!isTopicName(topic)) {
      this.logger.error(`outbox rows ${events.map((e) => e.id).join(',')} name unknown topic ${topic}; skipped`);
      return;
    }
    const sendable = events.filter((event) => {
      if (event.json.startsWith('{')) return true;
      // A broken row is a bug in core; publishing the others must not wait for its fix.
      this.logger.error(`outbox row ${event.id} is not a JSON object and was skipped`);
      return false;
    });
    await this.bus.publishEncoded(topic, sendable);
  }

  private async cleanup(): Promise<void> {
    const now = this.clock.now().getTime();
    if (now - this.lastCleanup < 60_000) return;
    this.lastCleanup = now;
    await this.store.reads().outbox.forgetPublishedBefore(new Date(now - KEEP_PUBLISHED_MS));
  }
}

function consecutiveByTopic(rows: PendingEvent[]): PendingEvent[][] {
  const runs: PendingEvent[][] = [];
  for (const row of rows) {
    const last = runs[runs.length - 1];
    if (last && last[0]?.topic === row.topic) last.push(row);
    else runs.push([row]);
  }
  return runs;
}
