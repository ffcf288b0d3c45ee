import type { BusRecord } from '@plaint/bus';
import type { InboundMessageV1 } from '@plaint/contracts';
import { type IntakeDecision, isOpenState } from '@plaint/domain';
import type { ComplaintEntity } from '@plaint/persistence';
import { deskView } from '../lifecycle/desk-view';
import type { OutgoingEvent } from '../store/outbox';
import { agentEvent, assigneeOrQueue } from './agent-events';

/**
 * Staff hear of each customer's message that joined an open complaint: its assignee, or the
 * queue when nobody has it. Automatic mail (out-of-office and the like) is not news. Built from
 * the complaints intake already read and the message text at hand: no query of its own.
 */
export function customerMessageNews(
  appended: readonly Extract<IntakeDecision, { kind: 'append' }>[],
  complaints: ReadonlyMap<string, ComplaintEntity>,
  records: ReadonlyMap<string, BusRecord<InboundMessageV1>>,
  now: Date,
): OutgoingEvent[] {
  return appended.flatMap((decision) => {
    const complaint = complaints.get(decision.complaintId);
    const message = records.get(decision.messageId)?.value;
    if (!complaint || !message || message.automated || !isOpenState(complaint.state)) return [];
    const content = { type: 'customer.message' as const, audience: assigneeOrQueue(complaint.assigneeId), complaint: deskView(complaint, message.text) };
    return [agentEvent(content, now, complaint.id)];
  });
}
