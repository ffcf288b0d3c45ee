import type { BusinessCalendar } from './business-calendar';
import { type ComplaintPolicy, type IntakeMessage, type NewComplaint, openComplaint } from './complaint';

/** What becomes of one new (level-1 deduplicated) message. */
export type IntakeDecision =
  | { kind: 'append'; messageId: string; complaintId: string }
  | { kind: 'open'; messageId: string; complaint: NewComplaint }
  /** Automatic mail and the like: kept, never opens a complaint, never answered. */
  | { kind: 'ignore'; messageId: string; reason: 'automated' };

export interface IntakeContext {
  /** Open complaints by conversation key (see conversationKey), as stored before this batch. */
  openComplaints: ReadonlyMap<string, string>;
  newComplaintId(): string;
  referenceFor(message: IntakeMessage): string;
  calendar: BusinessCalendar;
  policy: ComplaintPolicy;
}

export function conversationKey(channel: string, conversation: string): string {
  return `${channel}\u0000${conversation}`;
}

/**
 * Dedup level 2: a message of a conversation that has an open complaint joins it; any other
 * message opens a complaint. Messages are taken in order, so a conversation whose first message
 * opens a complaint in this batch collects its later messages from the same batch too.
 */
export function planIntake(messages: readonly IntakeMessage[], context: IntakeContext): IntakeDecision[] {
  const open = new Map(context.openComplaints);
  return messages.map((message): IntakeDecision => {
    const key = conversationKey(message.channel, message.conversation);
    const existing = open.get(key);
    if (existing) return { kind: 'append', messageId: message.id, complaintId: existing };
    if (message.automated) return { kind: 'ignore', messageId: message.id, reason: 'automated' };
    const complaint = openComplaint(
      message,
      { id: context.newComplaintId(), reference: context.referenceFor(message) },
      context.calendar,
      context.policy,
    );
    open.set(key, complaint.id);
    return { kind: 'open', messageId: message.id, complaint };
  });
}
