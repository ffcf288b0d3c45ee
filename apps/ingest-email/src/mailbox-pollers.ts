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
import { DEFAULT_EMAIL_LIMITS } from './parse';
import { RawMessageStore } from '@plaint/persistence';

const CHUNK_SIZE = 100;
const MAX_CHUNK_BYTES = 64 * 1024 * 1024;

/**
 * One poller per configured mailbox (PLAINT_IMAP_URL), started once the application is up and
 * stopped before the bus and the database close, so the batch in flight can finish.
 */
@Injectable()
export class MailboxPollers implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('IngestEmail');
  private readonly pollers: ImapPoller[] = [];

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
    for (const mailbox of this.config.imap.mailboxes) {
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
      this.pollers.push(poller);
      poller.start();
      this.logger.log(`reading ${mailbox.id} (sweep every ${this.config.imap.sweepMs} ms)`);
    }
  }

  async onModuleDestroy(): Promise<void> {
    await Promise.all(this.pollers.splice(0).map((poller) => poller.stop()));
  }
}
