const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * The gateway's rate, as a token bucket of one: messages go out evenly spaced, at most
 * `perSecond` in any second, however many notices wait. Callers queue in order.
 */
export class SendRate {
  private readonly intervalMs: number;
  private next = 0;

  constructor(
    perSecond: number,
    private readonly now: () => number = Date.now,
    private readonly wait: (ms: number) => Promise<void> = sleep,
  ) {
    this.intervalMs = 1000 / perSecond;
  }

  /** Resolves when the next message may go. */
  async take(): Promise<void> {
    const now = this.now();
    const at = Math.max(now, this.next);
    this.next = at + this.intervalMs;
    if (at > now) await this.wait(at - now);
  }
}
