import { Injectable, Logger } from '@nestjs/common';
import type { BusRecord } from '@plaint/bus';
import { CORRELATION_HEADER, type ComplaintEventV1, type InboundMessageV1 } from '@plaint/contracts';
import type { IntakeDecision, IntakeMessage, NewComplaint } from '@plaint/domain';
import { Metrics, TRACEPARENT } from '@plaint/observability';
import type { ComplaintEntity } from '@plaint/persistence';
import { ComplaintJournal } from '../lifecycle/complaint-journal';
import type { StoreSession } from '../store/core-store';
import type { OutgoingEvent } from '../store/outbox';
import { complaintReceivedEvent, forwardReceiptEvent } from './complaint-received.event';
import { ComplaintReferences } from './complaint-references';
import { CustomerDirectory } from './customer-directory';
import { toComplaintRow } from './inbound-rows';
import { NearDuplicates } from './near-duplicates';

export type OpenDecision = Extract<IntakeDecision, { kind: 'open' }>;

/**
 * Stores the complaints a batch opens: free references, their customers, the link of a
 * near-duplicate to the complaint the customer already has, and what each arrival sends.
 */
@Injectable()
export class OpenComplaints {
  private readonly logger = new Logger(OpenComplaints.name);

  constructor(
    private readonly references: ComplaintReferences,
    private readonly customers: CustomerDirectory,
    private readonly nearDuplicates: NearDuplicates,
    private readonly journal: ComplaintJournal,
    private readonly metrics: Metrics,
  ) {}

  async execute(
    store: StoreSession,
    opened: readonly OpenDecision[],
    messageOf: ReadonlyMap<string, { message: IntakeMessage; record: BusRecord<InboundMessageV1> }>,
    now: Date,
  ): Promise<void> {
    if (opened.length === 0) return;
    const inbound = opened.map((decision) => {
      const found = messageOf.get(decision.messageId);
      if (!found) throw new Error(`decision for unknown message ${decision.messageId}`);
      return { decision, ...found, correlationId: found.record.headers[CORRELATION_HEADER], traceParent: found.record.headers[TRACEPARENT] };
    });
    const complaints = opened.map((d) => d.complaint);
    await this.references.makeUnique(store, complaints);
    const { ids: customerIds, created: newCustomers } = await this.customers.resolve(
      store,
      inbound.map(({ message }) => ({ channel: message.channel, conversation: message.conversation, forwardedBy: message.forwardedBy, sender: message.sender })),
      now,
    );
    const rows = inbound.map(({ decision, record }, i) => toComplaintRow(decision.complaint, customerIds[i] ?? '', record.value.staff, now));
    const linked = await this.nearDuplicates.find(store, rows, newCustomers);
    for (const [row, target] of linked) {
      row.state = 'merged';
      row.mergedInto = target.reference;
      row.lifecycle = { pausedBusinessDays: 0, providedDetails: {}, merge: { into: target.reference, previousState: 'received', automatic: true } };
    }
    await store.complaints.insert(rows);

    // Arrival needs no history line: the complaint row records it (received_at, channel, and
    // logged_by for staff intake), and readers show it as the first step.
    const events: OutgoingEvent[] = inbound.flatMap(({ decision, message, correlationId, traceParent }, i) =>
      linked.has(rows[i] as ComplaintEntity)
        ? []
        : openingEvents(decision.complaint, message, now).map((event) => ({ key: decision.complaint.id, event, correlationId, traceParent })),
    );
    await store.outbox.enqueue(events, now);
    // Dedup level 3: the customer hears that we go on with the complaint they already have.
    for (const [i, row] of rows.entries()) {
      const target = linked.get(row);
      if (!target) continue;
      const why = `near-identical to ${target.reference} (${Math.round(target.similarity * 100)}% similar), linked automatically`;
      const step = { type: 'complaint.merged' as const, deadlines: {}, step: { survivingReference: target.reference, automatic: true } };
      await this.journal.write(store, row, [{ actor: { kind: 'system' }, from: 'received', to: 'merged', why, step }], now, inbound[i]?.correlationId);
    }

    for (const complaint of complaints) this.metrics.complaintsOpened.inc({ channel: complaint.channel });
    this.logger.debug(`opened ${complaints.length} complaint(s), ${linked.size} linked to one the customer already has`);
  }
}

/**
 * What a new complaint's arrival sends: the customer's acknowledgement; for a customer's mail
 * an employee forwarded, also a receipt to the employee, and when the forward names no sender
 * the receipt only (an agent must find the customer first: nobody is acknowledged).
 */
function openingEvents(complaint: NewComplaint, message: IntakeMessage, now: Date): ComplaintEventV1[] {
  const events: ComplaintEventV1[] = [];
  if (complaint.attention === undefined) events.push(complaintReceivedEvent(complaint, now));
  const { forwardedBy } = complaint;
  if (forwardedBy) events.push(forwardReceiptEvent({ ...complaint, forwardedBy }, message.emailThread, now));
  return events;
}
