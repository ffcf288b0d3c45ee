/**
 * Whether the process has been asked to stop. From then on readiness fails, so that no new
 * traffic is sent here while the work in flight finishes; liveness is unaffected.
 */
export class ShutdownState {
  private began: Date | null = null;

  begin(at: Date = new Date()): void {
    this.began ??= at;
  }

  get stopping(): boolean {
    return this.began !== null;
  }
}
