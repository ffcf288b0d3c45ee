import { type BeforeApplicationShutdown, Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { PLAINT_CONFIG, type PlaintConfig } from '@plaint/config';
import { PeriodicPass } from '../periodic-pass';
import { RunRetention } from './run-retention.use-case';

/**
 * Runs retention every PLAINT_RETENTION_TICK_MS in each core instance; the run is idempotent
 * and locks its batches, so several instances share the work instead of repeating it.
 */
@Injectable()
export class RetentionJob implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly runs = new PeriodicPass('retention run', new Logger(RetentionJob.name));

  constructor(
    @Inject(PLAINT_CONFIG) private readonly config: PlaintConfig,
    private readonly retention: RunRetention,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.retention.days === null) return;
    this.runs.start(this.config.retention.tickMs, () => this.retention.execute());
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.runs.stop();
  }
}
