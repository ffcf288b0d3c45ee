import { Injectable } from '@nestjs/common';
import { BusinessCalendar, businessTimeLeft, Clock, nextDeadline } from '@plaint/domain';
import type { ComplaintEntity } from '@plaint/persistence';
import { AuditTrail } from '../audit/audit-trail';
import { noticeView } from './notice-view';
import type { SignedInAgent } from '../auth/current-agent.decorator';
import { lifecycleOf } from '../lifecycle/stored-lifecycle';
import { AgentApiRefused } from './agent-api.errors';
import type { ListComplaintsQuery } from './agent-api.dto';
import type { ComplaintDetailView, ComplaintListView, ComplaintSummaryView, UnverifiedMatchView } from './agent-api.responses';
import { isSupervisor, mayWorkOn } from './complaint-access';
import { CoreStore, type StoreSession } from '../store/core-store';
import type { ComplaintFilter } from '../store/complaint-repository';
import { parseComplaintSearch } from '../store/complaint-search';
import { findComplaint } from './work-on-complaint.use-case';

/** A complaint as the agent list shows it; the time left to its next deadline counted in `calendar`'s business days. */
export function complaintSummary(row: ComplaintEntity, now: Date, calendar: BusinessCalendar): ComplaintSummaryView {
  const next = nextDeadline(lifecycleOf(row), now);
  return {
    id: row.id,
    reference: row.reference,
    state: row.state,
    channel: row.channel,
    language: row.language,
    customerId: row.customerId,
    customer: { name: row.fullName, email: row.email, phone: row.phone },
    essence: row.essence,
    assigneeId: row.assigneeId,
    callbackRequested: row.callbackRequested,
    missingDetails: row.missingDetails,
    receivedAt: row.receivedAt.toISOString(),
    deadlines: {
      acceptBy: row.acceptBy.toISOString(),
      reviewBy: row.reviewBy?.toISOString() ?? null,
      resolveBy: row.resolveBy.toISOString(),
      next: next ? { kind: next.kind, by: next.by.toISOString(), businessTimeLeft: businessTimeLeft(calendar, next.by, now) } : null,
    },
    mergedInto: row.mergedInto,
    forwardedBy: row.forwardedBy,
    attention: row.attention,
  };
}

@Injectable()
export class ListComplaints {
  constructor(
    private readonly store: CoreStore,
    private readonly clock: Clock,
    private readonly audit: AuditTrail,
    private readonly calendar: BusinessCalendar,
  ) {}

  async execute(query: ListComplaintsQuery, agent: SignedInAgent): Promise<ComplaintListView> {
    const limit = query.limit ?? 50;
    const offset = query.offset ?? 0;
    const now = this.clock.now();
    const [rows, total] = await this.store.reads().complaints.search({
      states: query.state?.split(','),
      channel: query.channel,
      language: query.language,
      callbackRequested: query.callback === 'true',
      assigneeId: query.assignee === 'me' ? agent.id : query.assignee === 'none' ? null : query.assignee,
      // Agents see their own complaints and the unassigned queue (complaint-access.ts).
      visibleTo: isSupervisor(agent) ? undefined : agent.id,
      deadlineDueBy: query.deadlineBefore ? new Date(query.deadlineBefore) : undefined,
      earliestDeadline: query.due ? this.dueSpan(query.due, now) : undefined,
      search: parseComplaintSearch(query.q ?? '') ?? undefined,
      sort: query.sort ?? 'deadline',
      limit,
      offset,
    });
    // The list shows names, contacts and texts: a staff read of personal data.
    await this.audit.record({ actorId: agent.id, action: 'complaints.listed', subject: { kind: 'complaint', id: null }, details: { list: 'complaints', count: rows.length } });
    return { total, limit, offset, items: rows.map((row) => complaintSummary(row, now, this.calendar)) };
  }

  /** Overdue: passed by now; today: not passed yet, and over before the company's midnight. */
  private dueSpan(due: NonNullable<ListComplaintsQuery['due']>, now: Date): ComplaintFilter['earliestDeadline'] {
    if (due === 'overdue') return { to: now };
    return { from: now, to: new Date(this.calendar.endOfDay(this.calendar.localDate(now)).getTime() + 1) };
  }
}

@Injectable()
export class ReadComplaint {
  constructor(
    private readonly store: CoreStore,
    private readonly clock: Clock,
    private readonly audit: AuditTrail,
    private readonly calendar: BusinessCalendar,
  ) {}

  async execute(idOrReference: string, agent: SignedInAgent): Promise<ComplaintDetailView> {
    const store = this.store.reads();
    const row = await findComplaint(store, idOrReference);
    if (!mayWorkOn(agent, row)) throw new AgentApiRefused('forbidden', 'This complaint is assigned to another agent');
    await this.audit.record({ actorId: agent.id, action: 'complaint.read', subject: { kind: 'complaint', id: row.id }, details: { reference: row.reference } });
    const { messages, history, notices, callbackAttempts: attempts, alerts, mergedComplaints } = await store.complaints.findFile(row);
    const suggested = await sameContactElsewhere(store, row);
    const lifecycle = row.lifecycle;
    return {
      ...complaintSummary(row, this.clock.now(), this.calendar),
      employeeName: row.employeeName,
      loggedBy: row.loggedBy,
      staffIntake: row.staffIntake,
      relatedReference: row.relatedReference,
      rootCause: row.rootCause,
      outcome: lifecycle?.outcome ?? null,
      extension: lifecycle?.extension ?? null,
      requested: lifecycle?.requested ?? null,
      mergedComplaints,
      // For the agent only: never linked, never told the customer (docs/customer-isolation.md).
      unverifiedMatches: suggested,
      messages: messages.map((m) => ({ id: m.id, channel: m.channel, status: m.status, text: m.text, automated: m.automated, receivedAt: m.receivedAt.toISOString() })),
      history: [
        // Arrival is recorded on the complaint itself, not as a history line.
        {
          at: row.receivedAt.toISOString(),
          actor: row.loggedBy ? { kind: 'agent', id: row.loggedBy } : { kind: 'customer', id: row.customerId },
          from: 'received',
          to: 'received',
          why: row.loggedBy ? `registered by staff from ${row.channel}` : `received on ${row.channel}`,
          step: 'complaint.received',
          details: { acceptBy: row.acceptBy.toISOString() },
        },
        ...history.map((h) => ({
          at: h.at.toISOString(),
          actor: { kind: h.actorKind, id: h.actorId },
          from: h.fromState,
          to: h.toState,
          why: h.why,
          step: h.step,
          details: h.details,
        })),
      ],
      notices: notices.map(noticeView),
      callbackAttempts: attempts.map((a) => ({ at: a.at.toISOString(), agentId: a.agentId, result: a.result, agreed: a.agreed })),
      slaAlerts: alerts.map((a) => ({ deadline: a.deadline, kind: a.kind, dueAt: a.dueAt.toISOString(), audience: a.audience, createdAt: a.createdAt.toISOString() })),
    };
  }
}

const MAX_SUGGESTIONS = 20;

/**
 * Complaints of other customer records that share one of this customer's contacts. A contact
 * typed into a chat or a form proves nothing, so these are never linked automatically; an agent
 * may judge them, and link the records with a customer merge.
 */
async function sameContactElsewhere(store: StoreSession, row: ComplaintEntity): Promise<UnverifiedMatchView[]> {
  const shared = await store.customers.findSharedElsewhere(row.customerId, MAX_SUGGESTIONS);
  const complaints = await store.complaints.findLatestOfCustomers(shared.map((identity) => identity.customerId), MAX_SUGGESTIONS);
  return complaints.map((complaint) => {
    const contact = shared.find((identity) => identity.customerId === complaint.customerId);
    return {
      reference: complaint.reference,
      customerId: complaint.customerId,
      state: complaint.state,
      channel: complaint.channel,
      receivedAt: complaint.receivedAt.toISOString(),
      sharedContact: { kind: contact?.kind ?? '', value: contact?.value ?? '' },
      verified: false,
    };
  });
}
