import type { MailboxLeases } from './mailbox-leases';
import type { PollerLogger } from './imap-poller';

/** What the lease switches on and off: a poller of the mailbox, new each time it is taken. */
export interface MailboxPolling {
  stop(): Promise<void>;
}

export interface LeasedMailboxSettings {
  /** The mailbox's id (user@host/path). */
  mailbox: string;
  /** This instance, as the lease table and the logs name it. */
  holder: string;
  leaseSeconds: number;
}

/**
 * Polls a mailbox only while this instance holds its lease. The lease is renewed every third of
 * its length; polling stops as soon as another instance is found holding it, and also when a
 * quarter of the lease is left without a successful renewal (the database is away), so the
 * poller has stopped before anyone else may take the lease. The time left is measured on this
 * machine's monotonic clock from the moment the renewal was sent, which is never later than the
 * database's own reckoning: a skewed wall clock cannot stretch it.
 */
export class LeasedMailbox {
  private polling: MailboxPolling | null = null;
  private stopping = false;
  private tickTimer: NodeJS.Timeout | undefined;
  private expiryTimer: NodeJS.Timeout | undefined;
  private ticking: Promise<void> = Promise.resolve();
  private lastOtherHolder: string | null = null;
  private readonly leaseMs: number;

  constructor(
    private readonly settings: LeasedMailboxSettings,
    private readonly leases: MailboxLeases,
    private readonly startPolling: () => MailboxPolling,
    private readonly logger: PollerLogger,
    private readonly onHeld: (held: boolean) => void = () => undefined,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.leaseMs = settings.leaseSeconds * 1000;
  }

  get held(): boolean {
    return this.polling !== null;
  }

  start(): void {
    this.schedule(0);
  }

  /** Stops polling (the batch in flight finishes) and gives the lease up for the next instance. */
  async stop(): Promise<void> {
    this.stopping = true;
    clearTimeout(this.tickTimer);
    await this.ticking;
    const held = this.polling !== null;
    await this.letGo(null);
    if (held) {
      await this.leases.release(this.settings.mailbox, this.settings.holder).catch((error: unknown) => {
        this.logger.warn(`${this.settings.mailbox}: could not give the lease up (${(error as Error).message}); it expires on its own`);
      });
    }
  }

  private schedule(delayMs: number): void {
    if (this.stopping) return;
    this.tickTimer = setTimeout(() => {
      this.ticking = this.tick();
    }, delayMs);
  }

  private async tick(): Promise<void> {
    const { mailbox, holder, leaseSeconds } = this.settings;
    const renewEveryMs = this.leaseMs / 3;
    const sentAt = this.now();
    let claimed: boolean | 'unknown';
    try {
      claimed = await withTimeout(this.leases.claim(mailbox, holder, leaseSeconds), renewEveryMs / 2);
    } catch (error) {
      claimed = 'unknown';
      this.logger.warn(`${mailbox}: could not renew or take the lease (${(error as Error).message})`);
    }
    if (this.stopping) return;
    if (claimed === true) {
      this.keepUntil(sentAt + this.leaseMs - this.leaseMs / 4);
      if (!this.polling) {
        this.polling = this.startPolling();
        this.lastOtherHolder = null;
        this.onHeld(true);
        this.logger.log(`${mailbox}: lease taken by ${holder}; polling (renewed every ${Math.round(renewEveryMs / 100) / 10} s)`);
      }
    } else if (claimed === false) {
      if (this.polling) await this.letGo('another instance holds the lease now');
      await this.noteOtherHolder();
    }
    this.schedule(Math.max(0, sentAt + renewEveryMs - this.now()));
  }

  /** Polls until `until` (monotonic ms) unless a renewal moves it further. */
  private keepUntil(until: number): void {
    clearTimeout(this.expiryTimer);
    this.expiryTimer = setTimeout(() => {
      this.ticking = this.ticking.then(() => this.letGo('the lease could not be renewed in time'));
    }, Math.max(0, until - this.now()));
  }

  private async letGo(reason: string | null): Promise<void> {
    clearTimeout(this.expiryTimer);
    const polling = this.polling;
    if (!polling) return;
    this.polling = null;
    if (reason) this.logger.warn(`${this.settings.mailbox}: stopping polling: ${reason}`);
    await polling.stop();
    this.onHeld(false);
  }

  private async noteOtherHolder(): Promise<void> {
    const other = await this.leases.holderOf(this.settings.mailbox).catch(() => null);
    if (other && other !== this.lastOtherHolder) {
      this.logger.log(`${this.settings.mailbox}: polled by ${other}; standing by`);
    }
    this.lastOtherHolder = other;
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}
