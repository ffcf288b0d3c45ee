/**
 * Notices an IMAP connection that died without closing: a socket can stay open while nothing
 * answers any more (an IDLE that silently stopped, a NAT that dropped the flow), and a command
 * sent on it waits for ever. The connection counts as silent once a command has been waiting
 * longer than `silenceMs` without a single byte or response from the server; a long download
 * that keeps bringing bytes is not silent, however long it takes.
 */
export class ConnectionWatchdog {
  private pending = 0;
  private waitingSince = 0;
  private lastHeard = 0;
  private bytesReceived = -1;

  constructor(private readonly silenceMs: number) {}

  /** A command was sent; the server owes an answer. */
  begin(now: number): void {
    if (this.pending === 0) this.waitingSince = now;
    this.pending += 1;
  }

  /** A command was answered (or failed). */
  end(): void {
    this.pending = Math.max(0, this.pending - 1);
  }

  /** The server answered something. */
  heard(now: number): void {
    this.lastHeard = now;
  }

  /** The connection's byte counter: any byte from the server is a sign of life. */
  observeBytes(received: number, now: number): void {
    if (received !== this.bytesReceived) {
      this.bytesReceived = received;
      this.lastHeard = now;
    }
  }

  /** How long a waiting command has heard nothing, when that is longer than allowed; else null. */
  silentFor(now: number): number | null {
    if (this.pending === 0) return null;
    const silence = now - Math.max(this.lastHeard, this.waitingSince);
    return silence > this.silenceMs ? silence : null;
  }
}
