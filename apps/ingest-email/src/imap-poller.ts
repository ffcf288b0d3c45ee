import { ImapFlow, type FetchMessageObject } from 'imapflow';
import type { ImapMailbox } from '@plaint/config';
import { ConnectionWatchdog } from './connection-watchdog';
import type { EmailCursors } from './email-cursors';
import type { EmailBatchIntake, FetchedMail } from './email-batch-intake';
import { ImapSessionError } from './imap-session-error';
import { chunksOf, type ListedMessage, messagesAfter, rangeAfter, readStart, reconnectDelay, uidSet } from './mailbox-cursor';

export interface ImapPollerSettings {
  mailbox: ImapMailbox;
  /** Sweep and watchdog interval; the watchdog allows twice this without an answer. */
  sweepMs: number;
  /** Mails fetched, published and checkpointed together. */
  chunkSize: number;
  /** Bytes fetched into memory at once (a larger single mail is still fetched alone). */
  maxChunkBytes: number;
  /** Larger mails are not downloaded: they are quarantined where they are, on the server. */
  maxMessageBytes: number;
}

export interface PollerLogger {
  log(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export type ImapClientFactory = (mailbox: ImapMailbox, sweepMs: number) => ImapFlow;

type Wake = 'tick' | 'exists' | 'closed' | 'stop';

/** A new client for every session: a closed ImapFlow instance cannot connect again. */
export const createImapClient: ImapClientFactory = (mailbox, sweepMs) =>
  new ImapFlow({
    host: mailbox.host,
    port: mailbox.port,
    secure: mailbox.secure,
    auth: { user: mailbox.user, pass: mailbox.password },
    // imapflow's own log would carry protocol traffic; the poller logs what an operator needs.
    logger: false,
    // IDLE soon after each sweep, so new mail is announced at once rather than at the next sweep.
    autoIdleDelay: Math.max(100, Math.min(1_000, Math.floor(sweepMs / 2))),
    connectionTimeout: 30_000,
    greetingTimeout: 16_000,
  });

const EXISTS_DEBOUNCE_MS = 200;
const LOGOUT_WAIT_MS = 2_000;
const STOP_WAIT_MS = 30_000;

/**
 * Reads one mailbox for ever: connect, sweep everything after the durable cursor, then wait in
 * IDLE for new mail, with a sweep every `sweepMs` as a fallback and a watchdog that replaces a
 * connection that stopped answering. Any failure ends the session; the poller logs it, waits
 * (1 s … 60 s) and starts a new one. Nothing is flagged, moved or deleted on the server.
 */
export class ImapPoller {
  private stopping = false;
  private running: Promise<void> | null = null;
  private readonly wakes = new Set<Wake>();
  private wakeUp: (() => void) | null = null;
  private existsTimer: NodeJS.Timeout | null = null;
  private client: ImapFlow | null = null;

  constructor(
    private readonly settings: ImapPollerSettings,
    private readonly cursors: EmailCursors,
    private readonly intake: EmailBatchIntake,
    private readonly logger: PollerLogger,
    private readonly createClient: ImapClientFactory = createImapClient,
  ) {}

  private get id(): string {
    return this.settings.mailbox.id;
  }

  start(): void {
    this.running ??= this.run();
  }

  /** Finishes the batch in flight, logs out and resolves; a stuck batch is abandoned after 30 s. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.wake('stop');
    if (!this.running) return;
    let timer: NodeJS.Timeout | undefined;
    const gaveUp = new Promise<'gave-up'>((resolve) => (timer = setTimeout(() => resolve('gave-up'), STOP_WAIT_MS)));
    const outcome = await Promise.race([this.running.then(() => 'stopped' as const), gaveUp]);
    clearTimeout(timer);
    if (outcome === 'gave-up') {
      this.logger.warn(`${this.id}: still busy after ${STOP_WAIT_MS / 1000} s; closing the connection`);
      if (this.client) closeQuietly(this.client);
    }
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (!this.stopping) {
      const client = this.createClient(this.settings.mailbox, this.settings.sweepMs);
      this.client = client;
      try {
        await this.session(client, () => (failures = 0));
      } catch (error) {
        if (!this.stopping) {
          failures += 1;
          this.logger.warn(`${this.id}: ${describe(error)}; reconnecting (attempt ${failures})`);
        }
      } finally {
        this.client = null;
        closeQuietly(client);
      }
      if (!this.stopping) await this.pause(reconnectDelay(failures));
    }
  }

  private async session(client: ImapFlow, healthy: () => void): Promise<void> {
    const watchdog = new ConnectionWatchdog(2 * this.settings.sweepMs);
    const imap = async <T>(command: () => Promise<T>): Promise<T> => {
      watchdog.begin(Date.now());
      try {
        return await command();
      } finally {
        watchdog.end();
      }
    };
    // Without an 'error' listener an emitted error would crash the process. The others ignore a
    // client this session has already given up, whose late events must not wake the next one.
    const current = () => this.client === client;
    client.on('error', (error: Error) => {
      if (current()) this.logger.warn(`${this.id}: connection error: ${describe(error)}`);
    });
    client.on('close', () => {
      if (current()) this.wake('closed');
    });
    client.on('response', () => watchdog.heard(Date.now()));
    client.on('exists', () => {
      if (current()) this.wakeSoon();
    });
    const interval = setInterval(() => {
      const now = Date.now();
      watchdog.observeBytes(client.stats().received, now);
      const silence = watchdog.silentFor(now);
      if (silence !== null) {
        this.logger.warn(`${this.id}: no answer from the server for ${Math.round(silence / 1000)} s; dropping the connection`);
        closeQuietly(client);
      }
      this.wake('tick');
    }, this.settings.sweepMs);

    this.wakes.clear();
    try {
      await imap(() => client.connect());
      await this.sweep(client, imap);
      healthy();
      while (!this.stopping) {
        const wakes = await this.nextWake();
        if (wakes.has('stop') || this.stopping) break;
        if (wakes.has('closed')) {
          throw new ImapSessionError('closed', `the server closed the connection${client.byeReason ? ` (${client.byeReason})` : ''}`);
        }
        // The watchdog's probe: a NOOP also breaks IDLE and brings any pending EXISTS.
        if (wakes.has('tick')) await imap(() => client.noop());
        await this.sweep(client, imap);
      }
      await Promise.race([client.logout().catch(() => undefined), delay(LOGOUT_WAIT_MS)]);
    } finally {
      clearInterval(interval);
      if (this.existsTimer) clearTimeout(this.existsTimer);
      this.existsTimer = null;
    }
  }

  /** Takes everything after the cursor, chunk by chunk, each checkpointed once it is on the bus. */
  private async sweep(client: ImapFlow, imap: <T>(command: () => Promise<T>) => Promise<T>): Promise<void> {
    const { mailbox, chunkSize, maxChunkBytes } = this.settings;
    // EXAMINE: the adapter only reads; nothing it does can flag, move or expunge a mail.
    const lock = await imap(() => client.getMailboxLock(mailbox.path, { readOnly: true }));
    try {
      const opened = client.mailbox;
      if (!opened) throw new ImapSessionError('no-mailbox', `${mailbox.path} is not open after EXAMINE`);
      const uidValidity = opened.uidValidity.toString();
      const stored = await this.cursors.load(this.id);
      const start = readStart(stored, uidValidity);
      if (start.rescan === 'uidvalidity-changed') {
        this.logger.warn(
          `${this.id}: UIDVALIDITY changed from ${stored?.uidValidity} to ${uidValidity}: reading the whole mailbox again (mails already taken are skipped by dedup)`,
        );
      } else if (start.rescan === 'first-read') {
        this.logger.log(`${this.id}: first read of this mailbox (UIDVALIDITY ${uidValidity})`);
      }

      const listed: ListedMessage[] =
        opened.exists > 0 ? await imap(() => client.fetchAll(rangeAfter(start.lastUid), { uid: true, size: true }, { uid: true })) : [];
      const pending = messagesAfter(listed, start.lastUid);
      if (pending.length === 0 && start.rescan) {
        // Remember the UIDVALIDITY even of an empty mailbox, so a later renumbering is noticed.
        await this.intake.take({ mailbox: this.id, uidValidity, throughUid: 0, mails: [] });
      }
      for (const chunk of chunksOf(pending, chunkSize, maxChunkBytes)) {
        if (this.stopping) return;
        const mails = await this.fetchChunk(client, imap, uidValidity, chunk);
        const outcome = await this.intake.take({
          mailbox: this.id,
          uidValidity,
          throughUid: chunk[chunk.length - 1]?.uid ?? start.lastUid,
          mails,
        });
        this.logger.log(`${this.id}: ${outcome.published} mail(s) on the bus, ${outcome.agentCommands} agent repl(ies), ${outcome.quarantined} quarantined`);
      }
    } finally {
      lock.release();
    }
  }

  /** The chunk's mails, fetched into memory before anything else is sent on the connection. */
  private async fetchChunk(
    client: ImapFlow,
    imap: <T>(command: () => Promise<T>) => Promise<T>,
    uidValidity: string,
    chunk: ListedMessage[],
  ): Promise<FetchedMail[]> {
    const { maxMessageBytes } = this.settings;
    const wanted = chunk.filter((message) => (message.size ?? 0) <= maxMessageBytes);
    const fetched: FetchMessageObject[] = wanted.length
      ? await imap(() => client.fetchAll(uidSet(wanted.map((m) => m.uid)), { uid: true, source: true, internalDate: true }, { uid: true }))
      : [];
    const byUid = new Map(fetched.map((message) => [message.uid, message]));
    const mails: FetchedMail[] = [];
    for (const { uid, size = 0 } of chunk) {
      if (size > maxMessageBytes) {
        mails.push({
          uid,
          leftOnServer: {
            rawUri: imapMessageUrl(this.settings.mailbox, uidValidity, uid),
            reason: `the message is ${size} bytes, over the ${maxMessageBytes} byte limit; it was left on the server`,
          },
        });
        continue;
      }
      const message = byUid.get(uid);
      // Gone between listing and fetching (expunged by someone else): nothing left to take.
      if (!message?.source) continue;
      mails.push({ uid, source: message.source, internalDate: dateOf(message.internalDate) });
    }
    return mails;
  }

  private wake(reason: Wake): void {
    this.wakes.add(reason);
    this.wakeUp?.();
  }

  /** New mail is announced message by message; one sweep for a burst is enough. */
  private wakeSoon(): void {
    this.existsTimer ??= setTimeout(() => {
      this.existsTimer = null;
      this.wake('exists');
    }, EXISTS_DEBOUNCE_MS);
  }

  private async nextWake(): Promise<Set<Wake>> {
    if (this.wakes.size === 0) await new Promise<void>((resolve) => (this.wakeUp = resolve));
    this.wakeUp = null;
    const wakes = new Set(this.wakes);
    this.wakes.clear();
    return wakes;
  }

  /** Waits `ms`, or less when stopped. */
  private async pause(ms: number): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    await new Promise<void>((resolve) => {
      timer = setTimeout(resolve, ms);
      this.wakeUp = () => this.stopping && resolve();
    });
    clearTimeout(timer);
    this.wakeUp = null;
  }
}

/** RFC 5092 URL of a message left on the server; it names the mailbox, never the password. */
export function imapMessageUrl(mailbox: ImapMailbox, uidValidity: string, uid: number): string {
  const scheme = mailbox.secure ? 'imaps' : 'imap';
  return `${scheme}://${encodeURIComponent(mailbox.user)}@${mailbox.host}:${mailbox.port}/${encodeURIComponent(mailbox.path)};UIDVALIDITY=${uidValidity}/;UID=${uid}`;
}

function dateOf(value: Date | string | undefined): Date | null {
  if (value === undefined) return null;
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && !error.message.includes(code) ? `${error.message} (${code})` : error.message;
}

function closeQuietly(client: ImapFlow): void {
  try {
    client.close();
  } catch {
    // Already closed: nothing left to release.
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
