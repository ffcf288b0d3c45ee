import type { BusinessCalendar } from './business-calendar';
import { type ComplaintPolicy, type IntakeMessage, type NewComplaint, openComplaint } from './complaint';
import { parseEmailStatusRequest, parseStatusRequest } from './status-request';

/** What becomes of one new (level-1 deduplicated) message. */
export type IntakeDecision =
  | { kind: 'append'; messageId: string; complaintId: string }
  | { kind: 'open'; messageId: string; complaint: NewComplaint }
  /** Automatic mail and the like: kept, never opens a complaint, never answered. */
  | { kind: 'ignore'; messageId: string; reason: 'automated' }
  /**
   * A status request ("status", "статус", `/status`, with or without a reference): answered,
   * never a complaint. `complaintId` is the open complaint of the same conversation, if any.
   */
  | { kind: 'status'; messageId: string; reference?: string; complaintId?: string };

/** A complaint a message names by its reference, as far as threading needs to know it. */
export interface ReferencedComplaint {
  id: string;
  open: boolean;
  /** Normalised e-mail addresses of the complaint's customer. */
  participants: ReadonlySet<string>;
}

export interface IntakeContext {
  /** Open complaints by conversation key (see conversationKey), as stored before this batch. */
  openComplaints: ReadonlyMap<string, string>;
  /** The complaints the batch's messages name (thread or mentioned references), by reference. */
  complaintsByReference: ReadonlyMap<string, ReferencedComplaint>;
  newComplaintId(): string;
  referenceFor(message: IntakeMessage): string;
  calendar: BusinessCalendar;
  policy: ComplaintPolicy;
}

export function conversationKey(channel: string, conversation: string): string {
  return `${channel}\u0000${conversation}`;
}

/**
 * Dedup level 2: a message joins an open complaint when it belongs to the same conversation,
 * when it verifiably answers one of our notices about it (a reply whose subject changed, an
 * Outlook reply without In-Reply-To), or when it names the complaint's reference and its sender
 * is the complaint's customer. A reference named by anyone else opens a new complaint that
 * points to the other one for an agent: a stranger cannot write into someone's complaint.
 * Messages are taken in order, so a conversation whose first message opens a complaint in this
 * batch collects its later messages from the same batch too. Automatic messages never open one.
 */
export function planIntake(messages: readonly IntakeMessage[], context: IntakeContext): IntakeDecision[] {
  const open = new Map(context.openComplaints);
  return messages.map((message): IntakeDecision => {
    const key = conversationKey(message.channel, message.conversation);
    const statusRequest = message.automated
      ? undefined
      : message.subject !== undefined
        ? parseEmailStatusRequest(message.subject, message.text, message.mentionedReferences)
        : parseStatusRequest(message.text);
    if (statusRequest) {
      return { kind: 'status', messageId: message.id, reference: statusRequest.reference, complaintId: open.get(key) };
    }
    const joined = open.get(key) ?? threadedComplaint(message, context);
    if (joined) {
      open.set(key, joined);
      return { kind: 'append', messageId: message.id, complaintId: joined };
    }
    if (message.automated) return { kind: 'ignore', messageId: message.id, reason: 'automated' };
    const complaint = openComplaint(
      message,
      { id: context.newComplaintId(), reference: context.referenceFor(message) },
      context.calendar,
      context.policy,
    );
    const related = message.mentionedReferences?.find((reference) => context.complaintsByReference.has(reference));
    if (related) complaint.relatedReference = related;
    open.set(key, complaint.id);
    return { kind: 'open', messageId: message.id, complaint };
  });
}

function threadedComplaint(message: IntakeMessage, context: IntakeContext): string | undefined {
  if (message.threadReference) {
    const answered = context.complaintsByReference.get(message.threadReference);
    if (answered?.open) return answered.id;
  }
  const sender = message.sender.email?.trim().toLowerCase();
  if (!sender) return undefined;
  for (const reference of message.mentionedReferences ?? []) {
    const named = context.complaintsByReference.get(reference);
    if (named?.open && named.participants.has(sender)) return named.id;
  }
  return undefined;
}
