import { type BeforeApplicationShutdown, Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { PLAINT_CONFIG, type PlaintConfig } from '@plaint/config';
import { RunRetention } from './run-retention.use-case';

/**
 * Runs retention every PLAINT_RETENTION_TICK_MS in each core instance; the run is idempotent
 * and locks its batches, so several instances share the work instead of repeating it.
 */
@Injectable()
export class RetentionJob implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(RetentionJob.name);
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;

  constructor(
    @Inject(PLAINT_CONFIG) private readonly config: PlaintConfig,
    private readonly retention: RunRetention,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.retention.days === null) return;
    this.timer = setInterval(() => {
      if (this.running) return;
      this.running = this.retention
        .execute()
        .catch((error: unknown) => this.logger.error(`retention run failed: ${(error as Error).message}`))
        .finally(() => (this.running = undefined));
    }, this.config.retention.tickMs);
  }

  async beforeApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }
}
