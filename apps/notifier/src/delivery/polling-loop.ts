const POLL_MS = 2_000;

/**
 * Runs a pass now and then: every POLL_MS, or at once when woken, never two passes at a time.
 * A pass that throws is logged through `onError` and the loop goes on. Shared by the customer
 * notices' loops and the staff notifications' loop.
 */
export class PollingLoop {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;
  private again = false;
  private stopped = false;

  constructor(
    private readonly pass: () => Promise<unknown>,
    private readonly onError: (error: Error) => void,
  ) {}

  start(): void {
    this.schedule(0);
  }

  /** Stops polling and waits for the pass under way. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  get isStopped(): boolean {
    return this.stopped;
  }

  /**
   * One pass's work: takes what is due, `batch` at a time, until a page comes back short or the
   * loop is stopped; returns how many `handle` reported as sent.
   */
  async drain<T>(batch: number, due: () => Promise<T[]>, handle: (item: T) => Promise<boolean>): Promise<number> {
    let sent = 0;
    for (;;) {
      const page = await due();
      for (const item of page) if (await handle(item)) sent += 1;
      if (page.length < batch || this.stopped) return sent;
    }
  }

  /** Run a pass now (or right after the one under way). */
  wake(): void {
    if (this.stopped) return;
    if (this.running) this.again = true;
    else this.schedule(0);
  }

  private schedule(delayMs: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.tick(), delayMs);
  }

  private async tick(): Promise<void> {
    this.running = this.pass().catch((error: unknown) => this.onError(error as Error));
    await this.running;
    this.running = undefined;
    if (this.stopped) return;
    const again = this.again;
    this.again = false;
    this.schedule(again ? 0 : POLL_MS);
  }
}
