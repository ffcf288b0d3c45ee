import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, In, MoreThanOrEqual, type EntityManager } from 'typeorm';
import type { BusRecord } from '@plaint/bus';
import { PLAINT_CONFIG, type PlaintConfig } from '@plaint/config';
import { COMPLAINT_EVENTS_TOPIC, type ComplaintEventV1, CORRELATION_HEADER, type InboundMessageV1, type StaffIntakeV1 } from '@plaint/contracts';
import {
  BusinessCalendar,
  Clock,
  conversationKey,
  deriveReference,
  detailsFromAnswer,
  findNearDuplicate,
  type IntakeDecision,
  type IntakeMessage,
  type NewComplaint,
  normalizeEmail,
  OPEN_STATES,
  planIntake,
  type ReferencedComplaint,
  referenceSeed,
  type RequiredDetail,
  type SimilarityCandidate,
} from '@plaint/domain';
import {
  bulkInsert,
  ComplaintEntity,
  CustomerIdentityEntity,
  MessageEntity,
  NoticeEntity,
  OutboxEntity,
  type StaffIntakeDetails,
} from '@plaint/persistence';
import { Metrics } from '@plaint/observability';
import { CustomerDirectory } from './customer-directory';
import { complaintReceivedEvent, forwardReceiptEvent } from './complaint-received.event';
import { AnswerStatusRequests } from '../status/answer-status-requests';
import { ChangeComplaint } from '../lifecycle/change-complaint.use-case';
import { ComplaintJournal } from '../lifecycle/complaint-journal';

/** Another transaction stored some of this batch's messages first; the batch is retried. */
export class ConcurrentIntake extends Error {
  override readonly name = 'ConcurrentIntake';
}

export interface IntakeOutcome {
  received: number;
  duplicates: number;
  opened: number;
  appended: number;
  ignored: number;
}

/**
 * Turns a batch of inbound messages into complaints, exactly once: one transaction skips the
 * messages already in the inbox (dedup level 1), attaches the others to open complaints or opens
 * new ones (level 2), writes them to the inbox and the resulting events to the outbox. The bus
 * commits the batch only after it returns.
 */
@Injectable()
export class RecordInboundBatch {
  private readonly logger = new Logger(RecordInboundBatch.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(PLAINT_CONFIG) private readonly config: PlaintConfig,
    private readonly calendar: BusinessCalendar,
    private readonly clock: Clock,
    private readonly customers: CustomerDirectory,
    private readonly metrics: Metrics,
    private readonly statusRequests: AnswerStatusRequests,
    private readonly changes: ChangeComplaint,
    private readonly journal: ComplaintJournal,
  ) {}

  async execute(records: readonly BusRecord<InboundMessageV1>[]): Promise<IntakeOutcome> {
    const outcome = await this.dataSource.transaction((manager) => this.inTransaction(manager, records));
    this.metrics.duplicatesDropped.inc(outcome.duplicates);
    return outcome;
  }

  private async inTransaction(
    manager: EntityManager,
    records: readonly BusRecord<InboundMessageV1>[],
  ): Promise<IntakeOutcome> {
    const now = this.clock.now();
    const fresh = await this.unseen(manager, records);
    const outcome: IntakeOutcome = {
      received: records.length,
      duplicates: records.length - fresh.length,
      opened: 0,
      appended: 0,
      ignored: 0,
    };
    if (fresh.length === 0) return outcome;

    const messages = fresh.map((record) => toIntakeMessage(record.value));
    const { open: openComplaints, participants } = await this.openComplaintsOf(manager, messages);
    const decisions = planIntake(messages, {
      openComplaints,
      participants,
      complaintsByReference: await this.referencedComplaints(manager, messages),
      newComplaintId: () => randomUUID(),
      referenceFor: (message) => deriveReference(this.config.referenceSecret, referenceSeed(message.channel, message.externalId)),
      calendar: this.calendar,
      policy: this.config.policy,
    });
    const opened = decisions.filter((d): d is Extract<IntakeDecision, { kind: 'open' }> => d.kind === 'open');
    if (opened.length > 0) {
      await this.storeComplaints(manager, opened, messages, records, now);
    }
    const statusRequests = decisions.filter((d): d is Extract<IntakeDecision, { kind: 'status' }> => d.kind === 'status');
    const answeredAbout = await this.statusRequests.execute(manager, statusRequests, fresh, now);
    await this.storeMessages(manager, fresh, decisions, answeredAbout, now);
    await this.takeCustomerAnswers(manager, decisions, fresh, now);
    await this.recordBounces(manager, fresh);
    outcome.opened = opened.length;
    outcome.appended = decisions.filter((d) => d.kind === 'append').length;
    outcome.ignored = decisions.filter((d) => d.kind === 'ignore').length;
    return outcome;
  }

  /**
   * Dedup level 1: the records whose (channel, external id) the inbox does not hold yet, each
   * once, in batch order. A redelivered record, a client's resend and a duplicate within the
   * batch all drop out here.
   */
  private async unseen(
    manager: EntityManager,
    records: readonly BusRecord<InboundMessageV1>[],
  ): Promise<BusRecord<InboundMessageV1>[]> {
    const key = (channel: string, externalId: string) => `${channel}\u0000${externalId}`;
    const stored = await manager.find(MessageEntity, {
      select: { channel: true, externalId: true },
      where: {
        channel: In([...new Set(records.map((r) => r.value.channel))]),
        externalId: In(records.map((r) => r.value.externalId)),
      },
    });
    const seen = new Set(stored.map((row) => key(row.channel, row.externalId)));
    return records.filter((record) => {
      const id = key(record.value.channel, record.value.externalId);
      if (seen.has(id)) return false;
      seen.add(id);
      return true;
    });
  }

  /**
   * Writes the inbox rows, already attached to their complaints. Should another transaction
   * have stored one of these messages since `unseen` looked (two consumers briefly owning one
   * partition during a rebalance), the insert skips it; the whole batch is then rolled back and
   * retried by the bus, and the retry finds the message stored and leaves it alone.
   */
  private async storeMessages(
    manager: EntityManager,
    records: BusRecord<InboundMessageV1>[],
    decisions: IntakeDecision[],
    answeredAbout: ReadonlyMap<string, string | undefined>,
    now: Date,
  ): Promise<void> {
    const decisionOf = new Map(decisions.map((decision) => [decision.messageId, decision]));
    const rows = records.map((record) => {
      const decision = decisionOf.get(record.value.id);
      const row = this.inboxRow(record, now);
      if (decision?.kind === 'ignore') row.status = 'ignored';
      else if (decision?.kind === 'status') {
        row.status = 'status_query';
        row.complaintId = answeredAbout.get(decision.messageId) ?? null;
      } else if (decision) row.complaintId = decision.kind === 'open' ? decision.complaint.id : decision.complaintId;
      return row;
    });
    await bulkInsert(manager, MessageEntity, rows, { ignoreConflicts: true });
    const written = await manager.count(MessageEntity, { where: { id: In(rows.map((row) => row.id)) } });
    if (written !== rows.length) {
      throw new ConcurrentIntake(`${rows.length - written} of ${rows.length} messages were stored concurrently`);
    }
  }

  private inboxRow(record: BusRecord<InboundMessageV1>, now: Date): MessageEntity {
    const message = record.value;
    return Object.assign(new MessageEntity(), {
      id: message.id,
      channel: message.channel,
      externalId: message.externalId,
      conversation: message.conversation,
      status: 'attached',
      complaintId: null,
      text: message.text,
      automated: message.automated,
      receivedAt: new Date(message.receivedAt),
      raw: JSON.stringify(message),
      correlationId: record.headers[CORRELATION_HEADER] ?? null,
      createdAt: now,
    });
  }

  /**
   * The open complaints of each conversation, newest first, and who takes part in those of
   * e-mail threads. A conversation whose complaint was merged into another goes on in the
   * surviving complaint, while that one is open.
   */
  private async openComplaintsOf(
    manager: EntityManager,
    messages: IntakeMessage[],
  ): Promise<{ open: Map<string, string[]>; participants: Map<string, Set<string>> }> {
    const rows = await manager.find(ComplaintEntity, {
      select: { id: true, channel: true, conversation: true, createdAt: true, state: true, mergedInto: true },
      where: {
        channel: In([...new Set(messages.map((m) => m.channel))]),
        conversation: In([...new Set(messages.map((m) => m.conversation))]),
        state: In([...OPEN_STATES, 'merged']),
      },
      order: { createdAt: 'DESC' },
    });
    const survivors = new Map<string, string>();
    const mergedInto = [...new Set(rows.flatMap((row) => (row.state === 'merged' && row.mergedInto ? [row.mergedInto] : [])))];
    if (mergedInto.length > 0) {
      const targets = await manager.find(ComplaintEntity, {
        select: { id: true, reference: true },
        where: { reference: In(mergedInto), state: In([...OPEN_STATES]) },
      });
      for (const target of targets) survivors.set(target.reference, target.id);
    }
    const open = new Map<string, string[]>();
    const ofEmail = new Set<string>();
    for (const row of rows) {
      const id = row.state === 'merged' ? survivors.get(row.mergedInto ?? '') : row.id;
      if (!id) continue;
      const key = conversationKey(row.channel, row.conversation);
      const ids = open.get(key) ?? [];
      if (!ids.includes(id)) ids.push(id);
      open.set(key, ids);
      if (row.channel === 'email') ofEmail.add(id);
    }
    return { open, participants: await this.participantsOf(manager, [...ofEmail]) };
  }

  /**
   * The e-mail addresses taking part in each complaint: its customer's verified addresses and the
   * address its notices go to by e-mail (whoever answers from there has read them). A contact
   * typed into a chat, whose notices go to the chat, proves nothing.
   */
  private async participantsOf(manager: EntityManager, complaintIds: string[]): Promise<Map<string, Set<string>>> {
    const found = new Map<string, Set<string>>();
    if (complaintIds.length === 0) return found;
    const complaints = await manager.find(ComplaintEntity, {
      select: { id: true, channel: true, email: true, customerId: true, noticeChannel: true },
      where: { id: In(complaintIds) },
    });
    const identities = await manager.find(CustomerIdentityEntity, {
      select: { customerId: true, value: true },
      where: { customerId: In([...new Set(complaints.map((c) => c.customerId))]), kind: 'email', verified: true },
    });
    for (const complaint of complaints) {
      const addresses = new Set(identities.filter((i) => i.customerId === complaint.customerId).map((i) => i.value));
      const noticesByEmail = complaint.channel !== 'chat' || complaint.noticeChannel === 'email';
      if (noticesByEmail && complaint.email) addresses.add(normalizeEmail(complaint.email));
      found.set(complaint.id, addresses);
    }
    return found;
  }

  /**
   * A delivery report saying one of our notices could not be delivered marks that notice failed,
   * with the server's diagnostic, so an agent sees on the complaint that the customer was not
   * reached. Temporary reports (4.x.x) change nothing: the mail server is still trying.
   */
  private async recordBounces(manager: EntityManager, records: BusRecord<InboundMessageV1>[]): Promise<void> {
    for (const record of records) {
      const report = record.value.email?.deliveryReport;
      if (!report?.permanent || !report.originalMessageId) continue;
      const reason = `not delivered: ${report.diagnostic ?? 'permanent failure'}`.slice(0, 500);
      await manager.update(NoticeEntity, { messageId: report.originalMessageId.replace(/^<|>$/g, '') }, { status: 'failed', statusReason: reason });
    }
  }

  /** The complaints that messages name by reference, with the addresses taking part in them. */
  private async referencedComplaints(manager: EntityManager, messages: IntakeMessage[]): Promise<Map<string, ReferencedComplaint>> {
    const references = [
      ...new Set(messages.flatMap((m) => [...(m.threadReference ? [m.threadReference] : []), ...(m.mentionedReferences ?? [])])),
    ];
    const found = new Map<string, ReferencedComplaint>();
    if (references.length === 0) return found;
    const complaints = await manager.find(ComplaintEntity, {
      select: { id: true, reference: true, state: true },
      where: { reference: In(references) },
    });
    const participants = await this.participantsOf(manager, complaints.map((c) => c.id));
    for (const complaint of complaints) {
      found.set(complaint.reference, {
        id: complaint.id,
        open: (OPEN_STATES as readonly string[]).includes(complaint.state),
        participants: participants.get(complaint.id) ?? new Set(),
      });
    }
    return found;
  }

  private async storeComplaints(
    manager: EntityManager,
    opened: Extract<IntakeDecision, { kind: 'open' }>[],
    messages: IntakeMessage[],
    records: readonly BusRecord<InboundMessageV1>[],
    now: Date,
  ): Promise<void> {
    const byId = new Map(messages.map((m) => [m.id, m]));
    const recordOf = new Map(records.map((r) => [r.value.id, r]));
    const complaints = opened.map((d) => d.complaint);
    await this.avoidReferenceCollisions(manager, complaints);
    const { ids: customerIds, created: newCustomers } = await this.customers.resolve(
      manager,
      opened.map((d) => {
        const message = byId.get(d.messageId);
        if (!message) throw new Error(`decision for unknown message ${d.messageId}`);
        return { channel: message.channel, conversation: message.conversation, forwardedBy: message.forwardedBy, sender: message.sender };
      }),
      now,
    );
    const rows = complaints.map((complaint, i) =>
      toComplaintRow(complaint, customerIds[i] ?? '', recordOf.get(opened[i]?.messageId ?? '')?.value.staff, now),
    );
    const linked = await this.nearDuplicates(manager, rows, newCustomers);
    for (const [row, target] of linked) {
      row.state = 'merged';
      row.mergedInto = target.reference;
      row.lifecycle = { pausedBusinessDays: 0, providedDetails: {}, merge: { into: target.reference, previousState: 'received', automatic: true } };
    }
    await bulkInsert(manager, ComplaintEntity, rows);

    const correlation = new Map(records.map((r) => [r.value.id, r.headers[CORRELATION_HEADER]]));
    // Arrival needs no history line: the complaint row records it (received_at, channel, and
    // logged_by for staff intake), and readers show it as the first step.
    await bulkInsert(
      manager,
      OutboxEntity,
      opened
        .filter((_, i) => !linked.has(rows[i] as ComplaintEntity))
        .flatMap((decision) => {
          const headers: Record<string, string> = {};
          const correlationId = correlation.get(decision.messageId);
          if (correlationId) headers[CORRELATION_HEADER] = correlationId;
          return this.openingEvents(decision.complaint, byId.get(decision.messageId), now).map((event) =>
            Object.assign(new OutboxEntity(), {
              topic: COMPLAINT_EVENTS_TOPIC,
              key: decision.complaint.id,
              payload: JSON.stringify(event),
              headers,
              createdAt: now,
              publishedAt: null,
            }),
          );
        }),
    );
    // Dedup level 3: the customer hears that we go on with the complaint they already have.
    for (const [row, target] of linked) {
      await this.journal.write(
        manager,
        row,
        [
          {
            actor: { kind: 'system' },
            from: 'received',
            to: 'merged',
            why: `near-identical to ${target.reference} (${Math.round(target.similarity * 100)}% similar), linked automatically`,
            step: { type: 'complaint.merged', deadlines: {}, step: { survivingReference: target.reference, automatic: true } },
          },
        ],
        now,
        correlation.get(opened[rows.indexOf(row)]?.messageId ?? ''),
      );
    }

    for (const complaint of complaints) this.metrics.complaintsOpened.inc({ channel: complaint.channel });
    this.logger.debug(`opened ${complaints.length} complaint(s), ${linked.size} linked to one the customer already has`);
  }

  /**
   * What a new complaint's arrival sends: the customer's acknowledgement; for a customer's mail
   * an employee forwarded, also a receipt to the employee, and when the forward names no sender
   * the receipt only (an agent must find the customer first: nobody is acknowledged).
   */
  private openingEvents(complaint: NewComplaint, message: IntakeMessage | undefined, now: Date): ComplaintEventV1[] {
    const events: ComplaintEventV1[] = [];
    if (complaint.attention === undefined) events.push(complaintReceivedEvent(complaint, now));
    const { forwardedBy } = complaint;
    if (forwardedBy) events.push(forwardReceiptEvent({ ...complaint, forwardedBy }, message?.emailThread, now));
    return events;
  }

  /**
   * Dedup level 3: a new complaint whose text is near-identical to an open complaint of the same
   * customer (known by a verified identity) from the last days is linked to that one: one stored
   * before, or one opened earlier in this same batch (a message sent twice in quick succession
   * often arrives in one batch). Customers first seen in this batch have nothing stored to look up.
   */
  private async nearDuplicates(
    manager: EntityManager,
    rows: ComplaintEntity[],
    newCustomers: ReadonlySet<string>,
  ): Promise<Map<ComplaintEntity, { reference: string; similarity: number }>> {
    const linked = new Map<ComplaintEntity, { reference: string; similarity: number }>();
    const { nearDuplicateThreshold: threshold, nearDuplicateWindowDays: windowDays } = this.config.policy;
    if (threshold >= 1) return linked;
    const eligible = rows.filter((row) => row.essence.trim() && !row.loggedBy);
    if (eligible.length === 0) return linked;
    const windowMs = windowDays * 86_400_000;
    const known = eligible.filter((row) => !newCustomers.has(row.customerId));
    const oldest = Math.min(...eligible.map((row) => row.receivedAt.getTime())) - windowMs;
    const candidates = known.length
      ? await manager.find(ComplaintEntity, {
          select: { reference: true, customerId: true, essence: true, receivedAt: true },
          where: {
            customerId: In([...new Set(known.map((row) => row.customerId))]),
            state: In([...OPEN_STATES]),
            receivedAt: MoreThanOrEqual(new Date(oldest)),
          },
        })
      : [];
    const byCustomer = new Map<string, SimilarityCandidate[]>();
    const add = (customerId: string, candidate: SimilarityCandidate) => {
      const theirs = byCustomer.get(customerId) ?? [];
      theirs.push(candidate);
      byCustomer.set(customerId, theirs);
    };
    for (const c of candidates) add(c.customerId, { id: c.reference, text: c.essence, receivedAt: c.receivedAt });
    for (const row of eligible) {
      const theirs = byCustomer.get(row.customerId) ?? [];
      const match = findNearDuplicate(row.essence, theirs, { threshold, since: new Date(row.receivedAt.getTime() - windowMs) });
      if (match) linked.set(row, { reference: match.id, similarity: match.similarity });
      // A complaint this batch opens is a candidate for the batch's later messages.
      else add(row.customerId, { id: row.reference, text: row.essence, receivedAt: row.receivedAt });
    }
    return linked;
  }

  /**
   * A customer's message to a complaint that lacks required details, or that waits for them, is
   * their answer: it fills in what was missing (and, while waiting, restarts the clock), in this
   * same transaction.
   */
  private async takeCustomerAnswers(
    manager: EntityManager,
    decisions: IntakeDecision[],
    records: BusRecord<InboundMessageV1>[],
    now: Date,
  ): Promise<void> {
    const appended = decisions.filter((d): d is Extract<IntakeDecision, { kind: 'append' }> => d.kind === 'append');
    if (appended.length === 0) return;
    const candidates = await manager.find(ComplaintEntity, {
      where: { id: In([...new Set(appended.map((d) => d.complaintId))]), state: In(['received', 'waiting_for_customer']) },
    });
    const complaintOf = new Map(candidates.filter((row) => row.state === 'waiting_for_customer' || row.missingDetails.length > 0).map((row) => [row.id, row]));
    if (complaintOf.size === 0) return;
    const recordOf = new Map(records.map((r) => [r.value.id, r]));
    const answers = appended.filter((d) => complaintOf.has(d.complaintId) && recordOf.get(d.messageId)?.value.automated === false);
    // Only the complaint's own customer, known by a verified identity, can complete it: a name or
    // an address anyone else writes into the thread is not theirs.
    const askers = await this.customers.find(
      manager,
      answers.map((d) => {
        const message = recordOf.get(d.messageId)?.value;
        return {
          channel: message?.channel ?? '',
          conversation: message?.conversation ?? '',
          forwardedBy: message?.email?.forwardedBy,
          sender: message?.sender ?? {},
        };
      }),
    );
    for (const [i, decision] of answers.entries()) {
      const row = complaintOf.get(decision.complaintId);
      const record = recordOf.get(decision.messageId);
      if (!row || !record || askers[i] !== row.customerId) continue;
      const details = detailsFromAnswer(record.value, row.missingDetails as RequiredDetail[]);
      const correlationId = record.headers[CORRELATION_HEADER];
      if (row.state === 'waiting_for_customer') {
        await this.changes.apply(manager, row, { type: 'customerAnswered', details }, { kind: 'customer', id: row.customerId }, now, correlationId);
      } else if (row.state === 'received' && Object.keys(details).length > 0) {
        await this.changes.completeDetails(manager, row, details, now, correlationId);
      }
    }
  }

  /** References are derived, so two messages could in theory meet on one; redraw until free. */
  private async avoidReferenceCollisions(manager: EntityManager, complaints: NewComplaint[]): Promise<void> {
    for (let attempt = 1; attempt <= 5; attempt += 1) {
      const taken = await manager.find(ComplaintEntity, {
        select: { reference: true },
        where: { reference: In(complaints.map((c) => c.reference)) },
      });
      const seen = new Set(taken.map((row) => row.reference));
      let clashes = 0;
      for (const complaint of complaints) {
        if (seen.has(complaint.reference)) {
          complaint.reference = deriveReference(this.config.referenceSecret, `${complaint.id}`, attempt);
          clashes += 1;
        }
        seen.add(complaint.reference);
      }
      if (clashes === 0) return;
      this.logger.warn(`reference collision redrawn (${clashes})`);
    }
    throw new Error('could not draw free complaint references');
  }
}

function toIntakeMessage(message: InboundMessageV1): IntakeMessage {
  return {
    id: message.id,
    channel: message.channel,
    externalId: message.externalId,
    conversation: message.conversation,
    sender: { ...message.sender },
    text: message.text,
    receivedAt: new Date(message.receivedAt),
    locale: message.locale,
    replyTo: message.replyTo,
    automated: message.automated,
    employeeName: message.employeeName,
    callbackRequested: message.callbackRequested,
    threadReference: message.email?.threadReference,
    subject: message.email?.subject,
    mentionedReferences: message.email?.mentionedReferences,
    forwardedBy: message.email?.forwardedBy,
    emailThread: message.email?.messageId
      ? { messageId: message.email.messageId, references: message.email.references }
      : undefined,
  };
}

function toComplaintRow(complaint: NewComplaint, customerId: string, staff: StaffIntakeV1 | undefined, now: Date): ComplaintEntity {
  return Object.assign(new ComplaintEntity(), {
    id: complaint.id,
    reference: complaint.reference,
    customerId,
    state: complaint.state,
    channel: complaint.channel,
    conversation: complaint.conversation,
    replyTo: complaint.replyTo ?? null,
    language: complaint.language,
    fullName: complaint.fullName ?? null,
    email: complaint.email ?? null,
    phone: complaint.phone ?? null,
    employeeName: complaint.employeeName ?? null,
    essence: complaint.essence,
    callbackRequested: complaint.callbackRequested,
    missingDetails: complaint.missingDetails,
    relatedReference: complaint.relatedReference ?? null,
    forwardedBy: complaint.forwardedBy ?? null,
    attention: complaint.attention ?? null,
    emailThread: complaint.emailThread ?? null,
    receivedAt: complaint.receivedAt,
    acceptBy: complaint.acceptBy,
    reviewBy: null,
    resolveBy: complaint.resolveBy,
    acceptedAt: null,
    resolvedAt: null,
    rootCause: null,
    lifecycle: null,
    assigneeId: null,
    mergedInto: null,
    loggedBy: staff?.agentId ?? null,
    staffIntake: staff ? staffIntakeOf(staff) : null,
    noticeChannel: null,
    revision: 0,
    createdAt: now,
    updatedAt: now,
  });
}

function staffIntakeOf(staff: StaffIntakeV1): StaffIntakeDetails {
  const details: StaffIntakeDetails = {};
  if (staff.store) details.store = staff.store;
  if (staff.entryDate) details.entryDate = staff.entryDate;
  if (staff.scan) details.scan = { uri: staff.scan.uri, contentType: staff.scan.contentType, size: staff.scan.size, sha256: staff.scan.sha256 };
  return details;
}
