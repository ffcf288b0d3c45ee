import { Inject, Injectable } from '@nestjs/common';
import { rm } from 'node:fs/promises';
import { isAbsolute, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PLAINT_CONFIG, type PlaintConfig } from '@plaint/config';
import { ERASED, redactHistoryDetails, redactHistoryWhy } from '@plaint/domain';
import type { StaffIntakeDetails, StoredLifecycle } from '@plaint/persistence';
import { CoreStore, type StoreSession } from '../store/core-store';

/** Why a notice that was still waiting was not sent. */
export const NOT_SENT_AFTER_ERASURE = 'not sent: the personal data was erased';

/** A stored file's uri as messages, scans and the quarantine name them. */
export const BLOB_URI = /file:[^"\s\\]+/g;

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
    private readonly store: CoreStore,
    @Inject(PLAINT_CONFIG) private readonly config: PlaintConfig,
  ) {}

  /**
   * Erases the given complaints that are not erased yet, inside the caller's transaction. The
   * caller holds their rows locked, so two erasers never work on the same complaint.
   */
  async eraseComplaints(session: StoreSession, complaintIds: readonly string[], now: Date): Promise<Erasure> {
    const { personalData } = session;
    const erasure: Erasure = { complaints: 0, customers: 0, blobUris: [] };
    const complaints = await personalData.findUnerased(complaintIds);
    if (complaints.length === 0) return erasure;
    const ids = complaints.map((c) => c.id);
    const uris = new Set<string>();

    for (const raw of await personalData.eraseMessagesOf(ids)) for (const uri of raw.match(BLOB_URI) ?? []) uris.add(uri);
    await personalData.eraseNoticesOf(ids, NOT_SENT_AFTER_ERASURE);
    await personalData.eraseCallbackNotesOf(ids);
    for (const line of await personalData.historyOf(ids)) {
      const why = redactHistoryWhy(line.why);
      const details = redactHistoryDetails(line.details);
      if (why !== line.why || JSON.stringify(details) !== JSON.stringify(line.details)) await personalData.rewriteHistoryLine({ id: line.id, why, details });
    }

    for (const complaint of complaints) {
      const scan = complaint.staffIntake?.scan;
      if (scan) uris.add(scan.uri);
      await personalData.markComplaintErased(complaint.id, {
        fullName: null,
        email: null,
        phone: null,
        replyTo: null,
        employeeName: null,
        essence: '',
        emailThread: null,
        lifecycle: complaint.lifecycle ? redactLifecycle(complaint.lifecycle) : null,
        staffIntake: complaint.staffIntake ? redactStaffIntake(complaint.staffIntake) : null,
        personalDataErasedAt: now,
      });
      // Unpublished events go too: the notices they would become are not sent any more (the
      // notifier also refuses events of an erased complaint).
      await personalData.deleteEventsOf(complaint);
    }
    erasure.complaints = complaints.length;

    // A chat conversation goes once none of its complaints keeps personal data.
    for (const conversation of new Set(complaints.filter((c) => c.channel === 'chat').map((c) => c.conversation))) {
      if (!(await personalData.chatKeepsData(conversation))) await personalData.eraseChatConversation(conversation);
    }
    erasure.customers = await this.eraseCustomersWithoutData(session, [...new Set(complaints.map((c) => c.customerId))]);
    erasure.blobUris = [...uris];
    return erasure;
  }

  /** A customer record whose complaints are all erased loses its name and identities. */
  async eraseCustomersWithoutData({ personalData }: StoreSession, customerIds: readonly string[]): Promise<number> {
    let erased = 0;
    for (const customerId of customerIds) {
      if (await personalData.customerKeepsData(customerId)) continue;
      await personalData.eraseCustomer(customerId);
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
    const { personalData } = this.store.reads();
    let deleted = 0;
    for (const uri of new Set(uris)) {
      if (await personalData.isFileReferenced(uri)) continue;
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

/** Where and how staff took the complaint stays (the report's channel facts); the scan of what the customer wrote goes. */
function redactStaffIntake(intake: StaffIntakeDetails): StaffIntakeDetails {
  return { store: intake.store, entryDate: intake.entryDate, consultationKind: intake.consultationKind };
}

/** The lifecycle record keeps its dates, states and root cause; what people wrote goes. */
function redactLifecycle(lifecycle: StoredLifecycle): StoredLifecycle {
  return {
    ...lifecycle,
    providedDetails: {},
    requested: lifecycle.requested ? { what: lifecycle.requested.what.map(() => ERASED), from: ERASED } : undefined,
    extension: lifecycle.extension ? { ...lifecycle.extension, reason: ERASED } : undefined,
    reviewResult: lifecycle.reviewResult === undefined ? undefined : ERASED,
    outcome: lifecycle.outcome ? { ...lifecycle.outcome, text: ERASED } : undefined,
    rejectionReason: lifecycle.rejectionReason === undefined ? undefined : ERASED,
  };
}
