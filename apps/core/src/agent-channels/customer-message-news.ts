import type { BusRecord } from '@plaint/bus';
import type { InboundMessageV1 } from '@plaint/contracts';
import { type IntakeDecision, isOpenState } from '@plaint/domain';
import type { ComplaintEntity } from '@plaint/persistence';
import { deskView } from '../lifecycle/desk-view';
import type { OutgoingEvent } from '../store/outbox';
import { agentEvent } from './agent-events';

/**
 * Staff hear of each customer's message that joined an open complaint: the assignee is told, and
 * the care team's Telegram group (when the installation has one) posts it in the complaint's
 * topic. A complaint nobody has yet was told to the whole queue when it arrived; its later
 * messages are not told to everyone again, one by one. With neither an assignee nor a group,
 * none is written: one event per chat line costs the chat's latency (docs/performance.md), and
 * only the desk's live updates would read it; those hear of it in process instead
 * (`quietMessages`, apps/core/src/desk-live/quiet-messages.ts). Automatic mail (out-of-office and the like) is
 * not news. Built from the complaints intake already read and the message text at hand: no query
 * of its own.
 */
export function customerMessageNews(
  appended: readonly Extract<IntakeDecision, { kind: 'append' }>[],
  complaints: ReadonlyMap<string, ComplaintEntity>,
  records: ReadonlyMap<string, BusRecord<InboundMessageV1>>,
  now: Date,
  staffGroup: boolean,
): OutgoingEvent[] {
  return appended.flatMap((decision) => {
    const complaint = complaints.get(decision.complaintId);
    const message = records.get(decision.messageId)?.value;
    if (!complaint || !message || message.automated || !isOpenState(complaint.state)) return [];
    if (!complaint.assigneeId && !staffGroup) return [];
    const audience = complaint.assigneeId ? { agentIds: [complaint.assigneeId] } : {};
    return [agentEvent({ type: 'customer.message' as const, audience, complaint: deskView(complaint, message.text) }, now, complaint.id)];
  });
}

/** The open, unassigned complaints that got a customer's message and, without a staff group, no event. */
export function quietMessages(
  appended: readonly Extract<IntakeDecision, { kind: 'append' }>[],
  complaints: ReadonlyMap<string, ComplaintEntity>,
  records: ReadonlyMap<string, BusRecord<InboundMessageV1>>,
  staffGroup: boolean,
): ComplaintEntity[] {
  if (staffGroup) return [];
  const quiet = new Map<string, ComplaintEntity>();
  for (const decision of appended) {
    const complaint = complaints.get(decision.complaintId);
    const message = records.get(decision.messageId)?.value;
    if (complaint && message && !message.automated && !complaint.assigneeId && isOpenState(complaint.state)) quiet.set(complaint.id, complaint);
  }
  return [...quiet.values()];
}
