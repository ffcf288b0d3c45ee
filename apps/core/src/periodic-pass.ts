import type { Logger } from '@nestjs/common';

/**
 * Runs a pass on a fixed interval, never two at once: a tick that finds the last pass still
 * running is skipped. A failed pass is logged; the next tick tries again.
 */
export class PeriodicPass {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;

  constructor(
    private readonly what: string,
    private readonly logger: Logger,
  ) {}

  start(everyMs: number, pass: () => Promise<unknown>): void {
    this.timer = setInterval(() => {
      if (this.running) return;
      this.running = pass()
        .catch((error: unknown) => this.logger.error(`${this.what} failed: ${(error as Error).message}`))
        .finally(() => (this.running = undefined));
    }, everyMs);
  }

  /** Stops the ticks and waits for a pass under way. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }
}
