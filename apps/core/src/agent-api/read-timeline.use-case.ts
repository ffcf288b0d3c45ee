import { Inject, Injectable } from '@nestjs/common';
import { PLAINT_CONFIG, type PlaintConfig } from '@plaint/config';
import { BusinessCalendar, Clock } from '@plaint/domain';
import type { ComplaintEntity, ComplaintHistoryEntity, MessageEntity, NoticeEntity } from '@plaint/persistence';
import { AuditTrail } from '../audit/audit-trail';
import { AgentsRepository } from '../auth/agents.repository';
import type { SignedInAgent } from '../auth/current-agent.decorator';
import { lifecycleOf } from '../lifecycle/stored-lifecycle';
import { CoreStore } from '../store/core-store';
import { AgentApiRefused } from './agent-api.errors';
import type { ComplaintTimelineView, CustomerCardView, TimelineActorView, TimelineItemView } from './agent-api.responses';
import { complaintActions } from './complaint-actions';
import { mayWorkOn } from './complaint-access';
import { noteText } from './note-line';
import { complaintSummary } from './read-complaints.use-case';
import { findComplaint } from './work-on-complaint.use-case';

const MAX_OTHER_COMPLAINTS = 50;

/**
 * One complaint as the desk shows it: what the agent may do now, who the customer is on every
 * channel, and one timeline of the customer's messages, the notices and their delivery, the
 * steps, notes and merges. A read of personal data, audited like the complaint's page.
 */
@Injectable()
export class ReadTimeline {
  constructor(
    private readonly store: CoreStore,
    private readonly agents: AgentsRepository,
    private readonly clock: Clock,
    private readonly calendar: BusinessCalendar,
    private readonly audit: AuditTrail,
    @Inject(PLAINT_CONFIG) private readonly config: PlaintConfig,
  ) {}

  async execute(idOrReference: string, agent: SignedInAgent): Promise<ComplaintTimelineView> {
    const store = this.store.reads();
    const row = await findComplaint(store, idOrReference);
    if (!mayWorkOn(agent, row)) throw new AgentApiRefused('forbidden', 'This complaint is assigned to another agent');
    await this.audit.record({ actorId: agent.id, action: 'complaint.read', subject: { kind: 'complaint', id: row.id }, details: { reference: row.reference } });
    const now = this.clock.now();
    const [{ messages, history, notices }, customer] = await Promise.all([store.complaints.findFile(row), this.customerCard(row)]);
    const names = await this.agentNames(history, row.loggedBy);
    const actorOf = (line: Pick<ComplaintHistoryEntity, 'actorKind' | 'actorId'>): TimelineActorView => ({
      kind: line.actorKind,
      id: line.actorId,
      name: line.actorKind === 'agent' ? (names.get(line.actorId ?? '') ?? null) : line.actorKind === 'customer' ? row.fullName : null,
    });
    const items = [arrival(row, actorOf), ...messages.map(messageItem), ...notices.map(noticeItem), ...history.map((line) => historyItem(line, actorOf, names))];
    return {
      complaint: {
        ...complaintSummary(row, now, this.calendar),
        actions: complaintActions(row, lifecycleOf(row), agent, { now, calendar: this.calendar, policy: this.config.policy }),
      },
      customer,
      // A stable sort: what happened at the same instant keeps the order it was read in.
      items: items.sort((a, b) => Date.parse(a.at) - Date.parse(b.at)),
    };
  }

  private async customerCard(row: ComplaintEntity): Promise<CustomerCardView> {
    const store = this.store.reads();
    const [[customer], identities, complaints] = await Promise.all([
      store.customers.findByIds([row.customerId]),
      store.customers.findIdentitiesOf(row.customerId),
      store.complaints.findLatestOfCustomers([row.customerId], MAX_OTHER_COMPLAINTS + 1),
    ]);
    return {
      id: row.customerId,
      name: customer?.fullName ?? row.fullName,
      identities: identities.map((identity) => ({ kind: identity.kind, value: identity.value, verified: identity.verified })),
      otherComplaints: complaints
        .filter((other) => other.id !== row.id)
        .slice(0, MAX_OTHER_COMPLAINTS)
        .map((other) => ({ id: other.id, reference: other.reference, state: other.state })),
    };
  }

  /** The names of the agents in the history, and of the one who registered the complaint (phone, complaint book). */
  private async agentNames(history: readonly ComplaintHistoryEntity[], loggedBy: string | null): Promise<Map<string, string>> {
    const ids = history.flatMap((line) => [
      ...(line.actorKind === 'agent' && line.actorId ? [line.actorId] : []),
      ...(ASSIGNMENT.exec(line.why)?.[2] ? [ASSIGNMENT.exec(line.why)![2]!] : []),
    ]);
    if (loggedBy) ids.push(loggedBy);
    return new Map((await this.agents.findByIds(ids)).map((agent) => [agent.id, agent.displayName]));
  }
}

type ActorOf = (line: Pick<ComplaintHistoryEntity, 'actorKind' | 'actorId'>) => TimelineActorView;

/** Arrival is recorded on the complaint itself, not as a history line (as on the complaint's page). */
function arrival(row: ComplaintEntity, actorOf: ActorOf): TimelineItemView {
  return {
    kind: 'step',
    at: row.receivedAt.toISOString(),
    actor: row.loggedBy ? actorOf({ actorKind: 'agent', actorId: row.loggedBy }) : actorOf({ actorKind: 'customer', actorId: row.customerId }),
    from: 'received',
    to: 'received',
    why: row.loggedBy ? `registered by staff from ${row.channel}` : `received on ${row.channel}`,
    step: 'complaint.received',
  };
}

function messageItem(message: MessageEntity): TimelineItemView {
  return {
    kind: 'message',
    at: message.receivedAt.toISOString(),
    channel: message.channel,
    text: message.text,
    automated: message.automated,
    attachments: attachmentCount(message.raw),
  };
}

/** The message as it came off the bus lists its attachments; an unreadable one counts none. */
function attachmentCount(raw: string): number {
  try {
    const parsed: unknown = JSON.parse(raw);
    const attachments = typeof parsed === 'object' && parsed !== null ? (parsed as { attachments?: unknown }).attachments : undefined;
    return Array.isArray(attachments) ? attachments.length : 0;
  } catch {
    return 0;
  }
}

function noticeItem(notice: NoticeEntity): TimelineItemView {
  return {
    kind: 'notice',
    at: notice.createdAt.toISOString(),
    eventType: notice.eventType,
    text: notice.text,
    route: notice.route,
    status: notice.status,
    reason: notice.statusReason,
    receipt: notice.receipt,
  };
}

/** The history records who got a complaint by id ("assigned to <id>", "taken by <id>"). */
const ASSIGNMENT = /^(assigned to|taken by) ([0-9a-f-]{36})$/;

/** An assignment names the agent as the desk shows people, by name, where the account still exists. */
function readable(why: string, names: ReadonlyMap<string, string>): string {
  const match = ASSIGNMENT.exec(why);
  const name = match?.[2] ? names.get(match[2]) : undefined;
  return match && name ? `${match[1]} ${name}` : why;
}

function historyItem(line: ComplaintHistoryEntity, actorOf: ActorOf, names: ReadonlyMap<string, string>): TimelineItemView {
  const at = line.at.toISOString();
  const actor = actorOf(line);
  const note = noteText(line.why);
  if (note !== null) return { kind: 'note', at, actor, text: note };
  if (line.toState !== line.fromState && (line.toState === 'merged' || line.fromState === 'merged')) return { kind: 'merge', at, actor, text: line.why };
  return { kind: 'step', at, actor, from: line.fromState, to: line.toState, why: readable(line.why, names), step: line.step };
}
