import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { MessageBus } from '@plaint/bus';
import { PLAINT_CONFIG, type PlaintConfig } from '@plaint/config';
import { Clock } from '@plaint/domain';
import { Metrics } from '@plaint/observability';
import { EmailBatchIntake } from './email-batch-intake';
import { SqlEmailCursors } from './email-cursors';
import { SqlEmailQuarantine } from './email-quarantine';
import { ImapPoller } from './imap-poller';
import { LeasedMailbox } from './leased-mailbox';
import { SqlMailboxLeases } from './mailbox-leases';
import { DEFAULT_EMAIL_LIMITS } from './parse';
import { RawMessageStore } from '@plaint/persistence';

const CHUNK_SIZE = 100;
const MAX_CHUNK_BYTES = 64 * 1024 * 1024;

/**
 * One poller per configured mailbox (PLAINT_IMAP_URL), started once the application is up and
 * stopped before the bus and the database close, so the batch in flight can finish. However
 * many instances run, each mailbox is polled by the one that holds its lease
 * (PLAINT_IMAP_LEASE_SECONDS); the others stand by to take over.
 */
@Injectable()
export class MailboxPollers implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('IngestEmail');
  private readonly mailboxes: LeasedMailbox[] = [];
  /** This instance in the lease table and the logs: the host (the pod's name) and the process. */
  private readonly holder = `${hostname()}/${process.pid}/${randomBytes(3).toString('hex')}`;

  constructor(
    @Inject(PLAINT_CONFIG) private readonly config: PlaintConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly bus: MessageBus,
    private readonly store: RawMessageStore,
    private readonly clock: Clock,
    private readonly metrics: Metrics,
  ) {}

  onApplicationBootstrap(): void {
    const cursors = new SqlEmailCursors(this.dataSource);
    const intake = new EmailBatchIntake(
      {
        store: this.store,
        cursors,
        quarantine: new SqlEmailQuarantine(this.dataSource),
        bus: this.bus,
        clock: this.clock,
        logger: this.logger,
        onPublished: (count) => this.metrics.messagesIngested.inc({ channel: 'email' }, count),
      },
      {
        referenceSecret: this.config.referenceSecret,
        defaultLanguage: this.config.policy.defaultLanguage,
        companyDomains: this.config.mail.companyDomains,
      },
    );
    const leases = new SqlMailboxLeases(this.dataSource);
    for (const mailbox of this.config.imap.mailboxes) {
      const startPolling = () => {
        const poller = new ImapPoller(
          {
            mailbox,
            sweepMs: this.config.imap.sweepMs,
            chunkSize: CHUNK_SIZE,
            maxChunkBytes: MAX_CHUNK_BYTES,
            maxMessageBytes: DEFAULT_EMAIL_LIMITS.maxBytes,
          },
          cursors,
          intake,
          this.logger,
        );
        poller.start();
        return poller;
      };
      const leased = new LeasedMailbox(
        { mailbox: mailbox.id, holder: this.holder, leaseSeconds: this.config.imap.leaseSeconds },
        leases,
        startPolling,
        this.logger,
        (held) => this.metrics.mailboxLeaseHeld.set({ mailbox: mailbox.id }, held ? 1 : 0),
      );
      this.metrics.mailboxLeaseHeld.set({ mailbox: mailbox.id }, 0);
      this.mailboxes.push(leased);
      leased.start();
      this.logger.log(`reading ${mailbox.id} while ${this.holder} holds its lease (sweep every ${this.config.imap.sweepMs} ms)`);
    }
  }

  async onModuleDestroy(): Promise<void> {
    await Promise.all(this.mailboxes.splice(0).map((mailbox) => mailbox.stop()));
  }
}
