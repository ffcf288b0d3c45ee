/** Wakes the in-process consumer loops of one topic when records arrive or they must stop. */
export class ArrivalSignal {
  private readonly waiters = new Set<() => void>();

  /**
   * Resolves at the next `notify()`, or after `timeoutMs` at the latest: another process (the
   * `dlq:replay` command) may append to the same SQLite file without notifying this one. Call it
   * in the same tick as the read that found nothing, so no notify can slip in between.
   */
  next(timeoutMs: number): Promise<void> {
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        this.waiters.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, timeoutMs);
      this.waiters.add(wake);
    });
  }

  notify(): void {
    for (const wake of [...this.waiters]) wake();
  }
}
