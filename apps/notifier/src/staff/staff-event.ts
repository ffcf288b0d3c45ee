import { createHash, randomUUID } from 'node:crypto';
import type { AgentAudienceV1, AgentEventType, AgentEventV1, ComplaintEventType, ComplaintEventV1, DeskViewV1 } from '@plaint/contracts';
import type { StaffNotificationEntity } from '@plaint/persistence';
import { FORUM_TOPIC_NAME_MAX } from '@plaint/telegram';
import { type AgentContact, resolveRecipients } from './staff-audience';
import { renderStaffText, type StaffLanguage, staffLanguage } from './staff-texts';

/** What staff are told of one event, from either topic (or from the notifier itself: notice.failed). */
export interface StaffEvent {
  eventId: string;
  kind: string;
  audience: AgentAudienceV1;
  complaint: DeskViewV1 | undefined;
  text: string | undefined;
  actor: string | undefined;
  /** Posted in the complaint's topic of the care team's Telegram group too. */
  inTopic: boolean;
}

/** Agent events that are also posted in the complaint's topic: what the team follows there. */
const IN_TOPIC: readonly AgentEventType[] = ['customer.message', 'complaint.note', 'complaint.step', 'sla.breach', 'notice.failed'];

/** Customer-facing steps that are no step of a complaint's own (an employee's receipt, an unknown status request). */
const NOT_A_STEP: readonly ComplaintEventType[] = ['complaint.forward-received', 'complaint.status-unknown'];

export function fromAgentEvent(event: AgentEventV1): StaffEvent {
  return {
    eventId: event.eventId,
    kind: event.type,
    audience: event.audience,
    complaint: event.complaint,
    text: event.text,
    actor: event.actor,
    inTopic: IN_TOPIC.includes(event.type),
  };
}

/**
 * A customer-facing step, as staff see it: a new complaint goes to the queue (or to the agent
 * it is already assigned to); every step is posted in the complaint's topic. Null for events
 * that carry no staff view.
 */
export function fromComplaintEvent(event: ComplaintEventV1): StaffEvent | null {
  if (!event.desk || NOT_A_STEP.includes(event.type)) return null;
  const received = event.type === 'complaint.received';
  const assignee = event.desk.assigneeId;
  return {
    eventId: event.eventId,
    kind: event.type,
    audience: received ? (assignee ? { agentIds: [assignee] } : { queue: true }) : {},
    complaint: event.desk,
    text: event.step?.message ?? event.step?.outcome ?? event.step?.reason,
    actor: undefined,
    inTopic: true,
  };
}

export interface StaffRowOptions {
  staffBot: string | undefined;
  /** The care team's group; no topic posts without one. */
  groupId: string | undefined;
  timeZone: string;
  defaultLanguage: StaffLanguage;
  now: Date;
}

type StaffRow = Omit<StaffNotificationEntity, 'sentAt' | 'messageId' | 'nextAttemptAt' | 'statusReason'> &
  Partial<Pick<StaffNotificationEntity, 'sentAt' | 'messageId' | 'nextAttemptAt' | 'statusReason'>>;

/**
 * The rows of one event: one per (agent or sender, route), and one for the complaint's topic.
 * The dedup key is the event, who and the route, so a redelivered event adds nothing.
 */
export function staffRows(event: StaffEvent, agents: readonly AgentContact[], options: StaffRowOptions): StaffRow[] {
  const base = {
    complaintId: event.complaint?.complaintId ?? null,
    reference: event.complaint?.reference ?? null,
    status: 'pending' as const,
    attempts: 0,
    createdAt: options.now,
  };
  // complaint.received tells the agents as queue.new: a new complaint waiting for someone.
  const kind = event.kind === 'complaint.received' ? 'queue.new' : event.kind;
  const rows: StaffRow[] = resolveRecipients(event.audience, agents, options.staffBot).map((to) => {
    const language = staffLanguage(to.language, options.defaultLanguage);
    const { subject, text } = renderStaffText({ ...event, kind }, to.route, language, options.timeZone);
    const who = to.agentId ?? `to-${createHash('sha256').update(to.recipient).digest('hex').slice(0, 24)}`;
    return { ...base, id: randomUUID(), dedupKey: `${event.eventId}:${who}:${to.route}`, route: to.route, recipient: to.recipient, agentId: to.agentId, kind, subject, text, inReplyTo: to.inReplyTo };
  });
  if (event.inTopic && event.complaint && options.groupId && options.staffBot) {
    const { text } = renderStaffText(event, 'staff-group', options.defaultLanguage, options.timeZone);
    rows.push({
      ...base,
      id: randomUUID(),
      dedupKey: `${event.eventId}:group:staff-group`,
      route: 'staff-group',
      recipient: `${options.staffBot}:${options.groupId}`,
      agentId: null,
      kind: event.kind,
      // The topic's name, should this post be the one that opens it.
      subject: topicName(event.complaint),
      text,
      inReplyTo: null,
    });
  }
  return rows;
}

/** "<reference> · <customer name>", cut to Telegram's limit on topic names. */
export function topicName(complaint: DeskViewV1): string {
  const name = complaint.customerName ? `${complaint.reference} · ${complaint.customerName}` : complaint.reference;
  return [...name].slice(0, FORUM_TOPIC_NAME_MAX).join('');
}
