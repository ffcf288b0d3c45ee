import type { BusinessCalendar } from './business-calendar';
import { type ComplaintPolicy, type IntakeMessage, type NewComplaint, openComplaint } from './complaint';
import { isSignInRequest, SIGN_IN_PLATFORMS } from './customer-sign-in';
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
  | { kind: 'status'; messageId: string; reference?: string; complaintId?: string }
  /**
   * A messenger user asks for a sign-in link to their page (`/signin`): answered in that chat
   * with a link, never a complaint.
   */
  | { kind: 'sign-in'; messageId: string };

/** A complaint a message names by its reference, as far as threading needs to know it. */
export interface ReferencedComplaint {
  id: string;
  open: boolean;
  /** Normalised e-mail addresses of the complaint's customer. */
  participants: ReadonlySet<string>;
}

export interface IntakeContext {
  /**
   * Open complaints by conversation key (see conversationKey), as stored before this batch, newest
   * first: an e-mail thread may hold complaints of several customers (a stranger who answered
   * into someone's thread got one of their own).
   */
  openComplaints: ReadonlyMap<string, readonly string[]>;
  /**
   * Normalised e-mail addresses that take part in each open complaint of those conversations, by
   * complaint id: the customer's verified addresses and the address the complaint was written from.
   */
  participants: ReadonlyMap<string, ReadonlySet<string>>;
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
 * Outlook reply without In-Reply-To), or when it names the complaint's reference. A mail joins
 * only a complaint its sender takes part in, whichever way it points there: a Message-ID, an
 * In-Reply-To or a reference anyone can copy, so a mail from anyone else opens a new complaint
 * that points to the other one for an agent, and the sender is never told of it. Other channels
 * join by the conversation the channel itself assigned (the chat session, the Telegram chat).
 * Messages are taken in order, so a conversation whose first message opens a complaint in this
 * batch collects its later messages from the same batch too. Automatic messages never open one.
 */
export function planIntake(messages: readonly IntakeMessage[], context: IntakeContext): IntakeDecision[] {
  const open = new Map([...context.openComplaints].map(([key, ids]) => [key, [...ids]]));
  const participants = new Map(context.participants);
  for (const referenced of context.complaintsByReference.values()) participants.set(referenced.id, referenced.participants);
  return messages.map((message): IntakeDecision => {
    // Written on the customer's own page to one of their complaints: it belongs there, whatever it
    // says (the page shows the status itself, so a word like "status" is a question to an agent).
    if (message.customerPageComplaintId) return { kind: 'append', messageId: message.id, complaintId: message.customerPageComplaintId };
    const key = conversationKey(message.channel, message.conversation);
    // A forward's sender is only what the forwarded text names (anyone can write it, and the From
    // of a company address can be forged from outside): it takes part in nothing, so a forward
    // joins no complaint, by its thread or by a reference it quotes.
    const sender = message.forwardedBy ? undefined : senderAddress(message);
    const takesPart = (complaintId: string) =>
      message.channel !== 'email' || (sender !== undefined && (participants.get(complaintId)?.has(sender) ?? false));
    if (!message.automated && message.sender.platformId && SIGN_IN_PLATFORMS.includes(message.channel) && isSignInRequest(message.text)) {
      return { kind: 'sign-in', messageId: message.id };
    }
    const ofConversation = open.get(key)?.find(takesPart);
    const statusRequest = message.automated
      ? undefined
      : message.subject !== undefined
        ? parseEmailStatusRequest(message.subject, message.text, message.mentionedReferences)
        : parseStatusRequest(message.text);
    if (statusRequest) {
      return { kind: 'status', messageId: message.id, reference: statusRequest.reference, complaintId: ofConversation };
    }
    const joined = ofConversation ?? threadedComplaint(message, context, sender);
    if (joined) {
      if (!ofConversation) open.set(key, [joined, ...(open.get(key) ?? [])]);
      return { kind: 'append', messageId: message.id, complaintId: joined };
    }
    if (message.automated) return { kind: 'ignore', messageId: message.id, reason: 'automated' };
    const complaint = openComplaint(
      message,
      { id: context.newComplaintId(), reference: context.referenceFor(message) },
      context.calendar,
      context.policy,
    );
    const related = [...(message.threadReference ? [message.threadReference] : []), ...(message.mentionedReferences ?? [])].find(
      (reference) => context.complaintsByReference.has(reference),
    );
    if (related) complaint.relatedReference = related;
    open.set(key, [complaint.id, ...(open.get(key) ?? [])]);
    const writer = senderAddress(message);
    participants.set(complaint.id, new Set(writer ? [writer] : []));
    return { kind: 'open', messageId: message.id, complaint };
  });
}

function senderAddress(message: IntakeMessage): string | undefined {
  return message.sender.email?.trim().toLowerCase() || undefined;
}

function threadedComplaint(message: IntakeMessage, context: IntakeContext, sender: string | undefined): string | undefined {
  if (!sender) return undefined;
  const references = [...(message.threadReference ? [message.threadReference] : []), ...(message.mentionedReferences ?? [])];
  for (const reference of references) {
    const named = context.complaintsByReference.get(reference);
    if (named?.open && named.participants.has(sender)) return named.id;
  }
  return undefined;
}
