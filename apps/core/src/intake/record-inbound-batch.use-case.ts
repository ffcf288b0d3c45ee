import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, In, type EntityManager } from 'typeorm';
import type { BusRecord } from '@plaint/bus';
import { PLAINT_CONFIG, type PlaintConfig } from '@plaint/config';
import { COMPLAINT_EVENTS_TOPIC, CORRELATION_HEADER, type InboundMessageV1 } from '@plaint/contracts';
import {
  BusinessCalendar,
  Clock,
  conversationKey,
  deriveReference,
  type IntakeDecision,
  type IntakeMessage,
  type NewComplaint,
  OPEN_STATES,
  planIntake,
  referenceSeed,
} from '@plaint/domain';
import { ComplaintEntity, MessageEntity, OutboxEntity } from '@plaint/persistence';
import { Metrics } from '@plaint/observability';
import { CustomerDirectory } from './customer-directory';
import { complaintReceivedEvent } from './complaint-received.event';

export interface IntakeOutcome {
  received: number;
  duplicates: number;
  opened: number;
  appended: number;
  ignored: number;
}

/**
 * Turns a batch of inbound messages into complaints, exactly once: one transaction records the
 * messages (dedup level 1), attaches them to open complaints or opens new ones (level 2), and
 * writes the resulting events to the outbox. The bus commits the batch only after it returns.
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
    const rows = records.map((record) => this.inboxRow(record, now));
    await manager.createQueryBuilder().insert().into(MessageEntity).values(rows).orIgnore().execute();

    // Only rows this transaction inserted are still "new": a redelivered or resent message either
    // conflicted on (channel, external_id) or was attached by an earlier, committed batch.
    const fresh = await manager.find(MessageEntity, {
      select: { id: true },
      where: { id: In(rows.map((row) => row.id)), status: 'new' },
    });
    const freshIds = new Set(fresh.map((row) => row.id));
    const messages = records
      .filter((record) => freshIds.has(record.value.id))
      .map((record) => toIntakeMessage(record.value));
    const outcome: IntakeOutcome = {
      received: records.length,
      duplicates: records.length - messages.length,
      opened: 0,
      appended: 0,
      ignored: 0,
    };
    if (messages.length === 0) return outcome;

    const decisions = planIntake(messages, {
      openComplaints: await this.openComplaintsOf(manager, messages),
      newComplaintId: () => randomUUID(),
      referenceFor: (message) => deriveReference(this.config.referenceSecret, referenceSeed(message.channel, message.externalId)),
      calendar: this.calendar,
      policy: this.config.policy,
    });

    const opened = decisions.filter((d): d is Extract<IntakeDecision, { kind: 'open' }> => d.kind === 'open');
    if (opened.length > 0) {
      await this.storeComplaints(manager, opened, messages, records, now);
    }
    await this.attachMessages(manager, decisions);
    outcome.opened = opened.length;
    outcome.appended = decisions.filter((d) => d.kind === 'append').length;
    outcome.ignored = decisions.filter((d) => d.kind === 'ignore').length;
    return outcome;
  }

  private inboxRow(record: BusRecord<InboundMessageV1>, now: Date): MessageEntity {
    const message = record.value;
    return Object.assign(new MessageEntity(), {
      id: message.id,
      channel: message.channel,
      externalId: message.externalId,
      conversation: message.conversation,
      status: 'new',
      complaintId: null,
      text: message.text,
      automated: message.automated,
      receivedAt: new Date(message.receivedAt),
      raw: JSON.stringify(message),
      correlationId: record.headers[CORRELATION_HEADER] ?? null,
      createdAt: now,
    });
  }

  private async openComplaintsOf(manager: EntityManager, messages: IntakeMessage[]): Promise<Map<string, string>> {
    const conversations = [...new Set(messages.map((m) => m.conversation))];
    const rows = await manager.find(ComplaintEntity, {
      select: { id: true, channel: true, conversation: true, createdAt: true },
      where: { conversation: In(conversations), state: In([...OPEN_STATES]) },
      order: { createdAt: 'ASC' },
    });
    const open = new Map<string, string>();
    for (const row of rows) open.set(conversationKey(row.channel, row.conversation), row.id);
    return open;
  }

  private async storeComplaints(
    manager: EntityManager,
    opened: Extract<IntakeDecision, { kind: 'open' }>[],
    messages: IntakeMessage[],
    records: readonly BusRecord<InboundMessageV1>[],
    now: Date,
  ): Promise<void> {
    const byId = new Map(messages.map((m) => [m.id, m]));
    const complaints = opened.map((d) => d.complaint);
    await this.avoidReferenceCollisions(manager, complaints);
    const customerIds = await this.customers.resolve(
      manager,
      opened.map((d) => {
        const message = byId.get(d.messageId);
        if (!message) throw new Error(`decision for unknown message ${d.messageId}`);
        return { channel: message.channel, sender: message.sender };
      }),
      now,
    );
    await manager
      .createQueryBuilder()
      .insert()
      .into(ComplaintEntity)
      .values(complaints.map((complaint, i) => toComplaintRow(complaint, customerIds[i] ?? '', now)))
      .execute();

    const correlation = new Map(records.map((r) => [r.value.id, r.headers[CORRELATION_HEADER]]));
    await manager
      .createQueryBuilder()
      .insert()
      .into(OutboxEntity)
      .values(
        opened.map((decision) => {
          const headers: Record<string, string> = {};
          const correlationId = correlation.get(decision.messageId);
          if (correlationId) headers[CORRELATION_HEADER] = correlationId;
          return {
            topic: COMPLAINT_EVENTS_TOPIC,
            key: decision.complaint.id,
            payload: JSON.stringify(complaintReceivedEvent(decision.complaint, now)),
            headers,
            createdAt: now,
            publishedAt: null,
          };
        }),
      )
      .execute();
    for (const complaint of complaints) this.metrics.complaintsOpened.inc({ channel: complaint.channel });
    this.logger.debug(`opened ${complaints.length} complaint(s)`);
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

  private async attachMessages(manager: EntityManager, decisions: IntakeDecision[]): Promise<void> {
    const byComplaint = new Map<string, string[]>();
    const ignored: string[] = [];
    for (const decision of decisions) {
      if (decision.kind === 'ignore') {
        ignored.push(decision.messageId);
        continue;
      }
      const complaintId = decision.kind === 'open' ? decision.complaint.id : decision.complaintId;
      byComplaint.set(complaintId, [...(byComplaint.get(complaintId) ?? []), decision.messageId]);
    }
    for (const [complaintId, ids] of byComplaint) {
      await manager.update(MessageEntity, { id: In(ids) }, { status: 'attached', complaintId });
    }
    if (ignored.length > 0) await manager.update(MessageEntity, { id: In(ignored) }, { status: 'ignored' });
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
  };
}

function toComplaintRow(complaint: NewComplaint, customerId: string, now: Date): ComplaintEntity {
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
    receivedAt: complaint.receivedAt,
    acceptBy: complaint.acceptBy,
    createdAt: now,
    updatedAt: now,
  });
}
