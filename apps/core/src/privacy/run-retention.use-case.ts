import { Inject, Injectable, Logger } from '@nestjs/common';
import { PLAINT_CONFIG, type PlaintConfig } from '@plaint/config';
import { Clock, retentionCutoff } from '@plaint/domain';
import { AuditTrail } from '../audit/audit-trail';
import { CoreStore } from '../store/core-store';
import { BLOB_URI, PersonalDataEraser } from './erase-personal-data';

/** Loose records erased per run; the next run takes the rest. */
const LOOSE_PER_RUN = 5000;

/** What one retention run erased. */
export interface RetentionOutcome {
  complaints: number;
  customers: number;
  /** Messages that opened no complaint (status requests, automatic mail) and notices without one. */
  looseRecords: number;
  quarantinedMails: number;
  files: number;
}

/**
 * Retention: the personal data of complaints that reached a final state (closed, rejected,
 * withdrawn, merged) longer than PLAINT_RETENTION_DAYS ago is erased, a batch per transaction.
 * Idempotent: an erased complaint is marked and never selected again. Safe with several core
 * instances: on Postgres each batch locks its rows and skips rows another instance holds.
 */
@Injectable()
export class RunRetention {
  private readonly logger = new Logger(RunRetention.name);

  constructor(
    private readonly store: CoreStore,
    @Inject(PLAINT_CONFIG) private readonly config: PlaintConfig,
    private readonly clock: Clock,
    private readonly eraser: PersonalDataEraser,
    private readonly audit: AuditTrail,
  ) {}

  async execute(): Promise<RetentionOutcome> {
    const outcome: RetentionOutcome = { complaints: 0, customers: 0, looseRecords: 0, quarantinedMails: 0, files: 0 };
    const days = this.config.retention.days;
    if (days === null) return outcome;
    const now = this.clock.now();
    const cutoff = retentionCutoff(now, days);
    const batchSize = this.config.retention.batchSize;

    for (;;) {
      const erasure = await this.store.transaction(async (session) => {
        const ids = await session.personalData.lockDueForErasure(cutoff, batchSize);
        return { ...(await this.eraser.eraseComplaints(session, ids, now)), selected: ids.length };
      });
      outcome.complaints += erasure.complaints;
      outcome.customers += erasure.customers;
      outcome.files += await this.eraser.deleteUnreferencedBlobs(erasure.blobUris);
      if (erasure.selected < batchSize) break;
    }
    await this.eraseLooseRecords(cutoff, outcome);

    const erasedAnything = outcome.complaints + outcome.looseRecords + outcome.quarantinedMails > 0;
    this.logger.log(
      `retention: erased personal data of ${outcome.complaints} complaint(s), ${outcome.customers} customer record(s), ` +
        `${outcome.looseRecords} loose message(s)/notice(s), ${outcome.quarantinedMails} quarantined mail(s); ${outcome.files} file(s) deleted`,
    );
    if (erasedAnything) {
      await this.audit.record({
        actorId: null,
        action: 'retention.run',
        subject: { kind: 'retention', id: null },
        details: { retentionDays: days, cutoff: cutoff.toISOString(), ...outcome },
      });
    }
    return outcome;
  }

  /**
   * Records that belong to no complaint: messages that only asked for the status or were
   * automatic, their answers, mails that could not be read, chats that never became a complaint.
   * They are erased by age alone.
   */
  private async eraseLooseRecords(cutoff: Date, outcome: RetentionOutcome): Promise<void> {
    const { personalData } = this.store.reads();
    const loose = await personalData.findLooseMessages(cutoff, LOOSE_PER_RUN);
    await personalData.blankMessages(loose.map((message) => message.id));
    outcome.looseRecords += loose.length + (await personalData.eraseLooseNotices(cutoff));

    const quarantined = await personalData.deleteQuarantinedBefore(cutoff, LOOSE_PER_RUN);
    outcome.quarantinedMails += quarantined.length;
    const uris = loose.flatMap((message) => message.raw.match(BLOB_URI) ?? []);
    outcome.files += await this.eraser.deleteUnreferencedBlobs([...uris, ...quarantined]);

    // A chat that was started but never became a complaint.
    const chats = await personalData.findChatsWithoutComplaint(cutoff);
    for (const chat of chats) await personalData.eraseChatConversation(chat);
    outcome.looseRecords += chats.length;
  }
}
