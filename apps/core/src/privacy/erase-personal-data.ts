import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { rm } from 'node:fs/promises';
import { isAbsolute, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DataSource, type EntityManager, In, IsNull, Not } from 'typeorm';
import { PLAINT_CONFIG, type PlaintConfig } from '@plaint/config';
import { ERASED, redactHistoryDetails, redactHistoryWhy } from '@plaint/domain';
import {
  CallbackAttemptEntity,
  ChatConversationEntity,
  ChatLineEntity,
  ComplaintEntity,
  ComplaintHistoryEntity,
  CustomerEntity,
  CustomerIdentityEntity,
  MessageEntity,
  NoticeEntity,
  OutboxEntity,
  QuarantinedEmailEntity,
  type StoredLifecycle,
} from '@plaint/persistence';

/** Why a notice that was still waiting was not sent. */
export const NOT_SENT_AFTER_ERASURE = 'not sent: the personal data was erased';

/** A stored file's uri as messages, scans and the quarantine name them. */
const BLOB_URI = /file:[^"\s\\]+/g;

/** What one erasure did, for the log, the audit trail and the caller. */
export interface Erasure {
  complaints: number;
  customers: number;
  /** Stored files (raw e-mails, attachments, scans) no longer referenced, to be deleted after commit. */
  blobUris: string[];
}

/**
 * Erases the personal data of complaints, keeping the record: reference, state, channel, dates,
 * deadlines, root cause and every history step stay, so the compliance report and the status
 * page still work. Names, contacts, message texts and raw messages, notice texts and recipients,
 * what staff wrote, call-back notes, the chat transcript and published outbox payloads go. Used
 * by retention and by a customer's erasure request alike.
 */
@Injectable()
export class PersonalDataEraser {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(PLAINT_CONFIG) private readonly config: PlaintConfig,
  ) {}

  /**
   * Erases the given complaints that are not erased yet, inside the caller's transaction. The
   * caller holds their rows locked, so two erasers never work on the same complaint.
   */
  async eraseComplaints(manager: EntityManager, complaintIds: readonly string[], now: Date): Promise<Erasure> {
    const erasure: Erasure = { complaints: 0, customers: 0, blobUris: [] };
    if (complaintIds.length === 0) return erasure;
    const complaints = await manager.find(ComplaintEntity, { where: { id: In([...complaintIds]), personalDataErasedAt: IsNull() } });
    if (complaints.length === 0) return erasure;
    const ids = complaints.map((c) => c.id);
    const uris = new Set<string>();

    const messages = await manager.find(MessageEntity, { select: { id: true, raw: true }, where: { complaintId: In(ids) } });
    for (const message of messages) for (const uri of message.raw.match(BLOB_URI) ?? []) uris.add(uri);
    if (messages.length > 0) await manager.update(MessageEntity, { complaintId: In(ids) }, { text: '', raw: '{}' });

    // A notice still waiting is not sent any more; a failed one's reason may quote the address.
    await manager.update(NoticeEntity, { complaintId: In(ids), status: 'pending' }, { status: 'failed', statusReason: NOT_SENT_AFTER_ERASURE, nextAttemptAt: null });
    await manager.update(NoticeEntity, { complaintId: In(ids) }, { text: '', recipient: null, alternatives: null, emailThread: null });
    await manager.update(NoticeEntity, { complaintId: In(ids), statusReason: Not(NOT_SENT_AFTER_ERASURE) }, { statusReason: null });
    await manager.update(CallbackAttemptEntity, { complaintId: In(ids) }, { agreed: null });
    for (const line of await manager.find(ComplaintHistoryEntity, { where: { complaintId: In(ids) } })) {
      const why = redactHistoryWhy(line.why);
      const details = redactHistoryDetails(line.details);
      if (why !== line.why || JSON.stringify(details) !== JSON.stringify(line.details)) {
        await manager.update(ComplaintHistoryEntity, { id: line.id }, { why, details });
      }
    }

    for (const complaint of complaints) {
      const scan = complaint.staffIntake?.scan;
      if (scan) uris.add(scan.uri);
      await manager.update(
        ComplaintEntity,
        { id: complaint.id },
        {
          fullName: null,
          email: null,
          phone: null,
          replyTo: null,
          employeeName: null,
          essence: '',
          emailThread: null,
          lifecycle: complaint.lifecycle ? redactLifecycle(complaint.lifecycle) : null,
          staffIntake: complaint.staffIntake ? { store: complaint.staffIntake.store, entryDate: complaint.staffIntake.entryDate } : null,
          personalDataErasedAt: now,
        },
      );
      // Events carry names, contacts and texts. Unpublished ones go too: the notices they would
      // become are not sent any more (the notifier also refuses events of an erased complaint).
      await manager
        .createQueryBuilder()
        .delete()
        .from(OutboxEntity)
        .where('(payload LIKE :reference OR payload LIKE :id)', { reference: `%${complaint.reference}%`, id: `%${complaint.id}%` })
        .execute();
    }
    erasure.complaints = complaints.length;

    await this.eraseChatConversations(manager, complaints);
    erasure.customers = await this.eraseCustomersWithoutData(manager, [...new Set(complaints.map((c) => c.customerId))]);
    erasure.blobUris = [...uris];
    return erasure;
  }

  /** A chat conversation goes once none of its complaints keeps personal data. */
  private async eraseChatConversations(manager: EntityManager, complaints: ComplaintEntity[]): Promise<void> {
    const conversations = [...new Set(complaints.filter((c) => c.channel === 'chat').map((c) => c.conversation))];
    for (const conversation of conversations) {
      const kept = await manager.count(ComplaintEntity, { where: { channel: 'chat', conversation, personalDataErasedAt: IsNull() } });
      if (kept > 0) continue;
      await eraseChatConversation(manager, conversation);
    }
  }

  /** A customer record whose complaints are all erased loses its name and identities. */
  async eraseCustomersWithoutData(manager: EntityManager, customerIds: string[]): Promise<number> {
    let erased = 0;
    for (const customerId of customerIds) {
      const kept = await manager.count(ComplaintEntity, { where: { customerId, personalDataErasedAt: IsNull() } });
      if (kept > 0) continue;
      await manager.update(CustomerEntity, { id: customerId }, { fullName: null });
      await manager.delete(CustomerIdentityEntity, { customerId });
      erased += 1;
    }
    return erased;
  }

  /**
   * Deletes stored files that no message, complaint or quarantined mail refers to any more.
   * Runs after the erasure committed: a file is never gone while a row still points at it.
   * Files are content-addressed, so one attachment can be shared by several messages.
   */
  async deleteUnreferencedBlobs(uris: readonly string[]): Promise<number> {
    let deleted = 0;
    for (const uri of new Set(uris)) {
      const pattern = `%${uri}%`;
      const [byMessage, byComplaint, byQuarantine] = await Promise.all([
        this.dataSource.getRepository(MessageEntity).createQueryBuilder('m').where('m.raw LIKE :pattern', { pattern }).getExists(),
        this.dataSource.getRepository(ComplaintEntity).createQueryBuilder('c').where('c.staffIntake LIKE :pattern', { pattern }).getExists(),
        this.dataSource.getRepository(QuarantinedEmailEntity).existsBy({ rawUri: uri }),
      ]);
      if (byMessage || byComplaint || byQuarantine) continue;
      const paths = this.pathsOf(uri);
      for (const path of paths) await rm(path, { force: true });
      if (paths.length > 0) deleted += 1;
    }
    return deleted;
  }

  /** The files behind a uri, only ever inside the blob directory. */
  private pathsOf(uri: string): string[] {
    const root = this.config.blobDir;
    const hashed = /^file:([0-9a-f]{64})(\.bin)?$/.exec(uri);
    if (hashed?.[1]) {
      const sha = hashed[1];
      return [join(root, sha.slice(0, 2), sha.slice(2, 4), `${sha}.${hashed[2] ? 'bin' : 'eml'}`)];
    }
    if (uri.startsWith('file://')) {
      let path: string;
      try {
        path = fileURLToPath(uri);
      } catch {
        return [];
      }
      const inside = relative(root, path);
      if (!inside || inside.startsWith('..') || isAbsolute(inside)) return [];
      // A scan keeps its description beside it.
      return [path, `${path}.json`];
    }
    return [];
  }
}

/** The conversation's starting details and every line of its transcript. */
export async function eraseChatConversation(manager: EntityManager, conversationId: string): Promise<void> {
  await manager.update(ChatConversationEntity, { id: conversationId }, { fullName: '', email: null, phone: null });
  await manager.update(ChatLineEntity, { conversationId, text: Not('') }, { text: '' });
}

/** The lifecycle record keeps its dates, states and root cause; what people wrote goes. */
function redactLifecycle(lifecycle: StoredLifecycle): StoredLifecycle {
  return {
    ...lifecycle,
    providedDetails: {},
    requested: lifecycle.requested ? { what: lifecycle.requested.what.map(() => ERASED), from: ERASED } : undefined,
    extension: lifecycle.extension ? { ...lifecycle.extension, reason: ERASED } : undefined,
    outcome: lifecycle.outcome ? { ...lifecycle.outcome, text: ERASED } : undefined,
    rejectionReason: lifecycle.rejectionReason === undefined ? undefined : ERASED,
  };
}
