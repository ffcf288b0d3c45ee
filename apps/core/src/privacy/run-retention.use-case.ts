import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, In, IsNull, LessThan, Not } from 'typeorm';
import { PLAINT_CONFIG, type PlaintConfig } from '@plaint/config';
import { Clock, FINAL_STATES, retentionCutoff } from '@plaint/domain';
import { ChatConversationEntity, ComplaintEntity, MessageEntity, NoticeEntity, QuarantinedEmailEntity } from '@plaint/persistence';
import { AuditTrail } from '../audit/audit-trail';
import { eraseChatConversation, PersonalDataEraser } from './erase-personal-data';

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
    @InjectDataSource() private readonly dataSource: DataSource,
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
      const erasure = await this.dataSource.transaction(async (manager) => {
        const ids = await this.lockDueComplaints(manager, cutoff, batchSize);
        return { ...(await this.eraser.eraseComplaints(manager, ids, now)), selected: ids.length };
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
   * The next batch of complaints due for erasure, locked for this transaction. The last change
   * of a complaint in a final state is its closure. Postgres skips rows another instance holds;
   * SQLite has one writer at a time anyway.
   */
  private async lockDueComplaints(manager: EntityManager, cutoff: Date, batchSize: number): Promise<string[]> {
    const qb = manager
      .getRepository(ComplaintEntity)
      .createQueryBuilder('c')
      .select('c.id', 'id')
      .where('c.state IN (:...final)', { final: FINAL_STATES })
      .andWhere('c.personalDataErasedAt IS NULL')
      .andWhere('c.updatedAt < :cutoff', { cutoff })
      .orderBy('c.updatedAt', 'ASC')
      .limit(batchSize);
    if (this.dataSource.options.type === 'postgres') qb.setLock('pessimistic_write').setOnLocked('skip_locked');
    const rows = await qb.getRawMany<{ id: string }>();
    return rows.map((row) => row.id);
  }

  /**
   * Records that belong to no complaint: messages that only asked for the status or were
   * automatic, their answers, mails that could not be read, chats that never became a complaint.
   * They are erased by age alone.
   */
  private async eraseLooseRecords(cutoff: Date, outcome: RetentionOutcome): Promise<void> {
    const messages = this.dataSource.getRepository(MessageEntity);
    const loose = await messages.find({ select: { id: true, raw: true }, where: { complaintId: IsNull(), receivedAt: LessThan(cutoff), raw: Not('{}') }, take: LOOSE_PER_RUN });
    const uris = loose.flatMap((message) => message.raw.match(/file:[^"\s\\]+/g) ?? []);
    for (let i = 0; i < loose.length; i += 500) {
      await messages.update({ id: In(loose.slice(i, i + 500).map((m) => m.id)) }, { text: '', raw: '{}' });
    }
    const notices = await this.dataSource
      .getRepository(NoticeEntity)
      .update({ complaintId: IsNull(), createdAt: LessThan(cutoff), text: Not('') }, { text: '', recipient: null, alternatives: null, statusReason: null, emailThread: null });
    outcome.looseRecords += loose.length + (notices.affected ?? 0);
    // A notice written from an event that was on its way while its complaint was erased.
    const late = await this.dataSource
      .getRepository(NoticeEntity)
      .createQueryBuilder()
      .update()
      .set({ text: '', recipient: null, emailThread: null })
      .where("text <> ''")
      .andWhere('complaint_id IN (SELECT id FROM complaints WHERE personal_data_erased_at IS NOT NULL)')
      .execute();
    outcome.looseRecords += late.affected ?? 0;

    const quarantine = this.dataSource.getRepository(QuarantinedEmailEntity);
    const quarantined = await quarantine.find({ where: { createdAt: LessThan(cutoff) }, take: LOOSE_PER_RUN });
    if (quarantined.length > 0) await quarantine.delete({ id: In(quarantined.map((q) => q.id)) });
    outcome.quarantinedMails += quarantined.length;
    outcome.files += await this.eraser.deleteUnreferencedBlobs([...uris, ...quarantined.map((q) => q.rawUri)]);

    // A chat that was started but never became a complaint.
    const chats = await this.dataSource
      .getRepository(ChatConversationEntity)
      .createQueryBuilder('chat')
      .select('chat.id', 'id')
      .where('chat.createdAt < :cutoff', { cutoff })
      .andWhere("chat.fullName <> ''")
      .andWhere("NOT EXISTS (SELECT 1 FROM complaints c WHERE c.channel = 'chat' AND c.conversation = chat.id)")
      .getRawMany<{ id: string }>();
    for (const chat of chats) await eraseChatConversation(this.dataSource.manager, chat.id);
    outcome.looseRecords += chats.length;
  }
}
