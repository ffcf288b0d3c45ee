import { cleanName } from '@plaint/contracts';
import type { BusinessCalendar } from './business-calendar';
import type { DeadlinePolicy } from './deadline-policy';
import { detectLanguage, type Language } from './language';

/** The lifecycle's states (docs/architecture.md); the transitions between them are in lifecycle/transitions.ts. */
export const COMPLAINT_STATES = [
  'received',
  'accepted',
  'in_review',
  'waiting_for_customer',
  'resolved',
  'closed',
  'rejected',
  'withdrawn',
  'merged',
] as const;
export type ComplaintState = (typeof COMPLAINT_STATES)[number];

/** What the policy requires from the customer (docs/policy.md, "What the customer must give"). */
export type RequiredDetail = 'fullName' | 'contact' | 'essence';

/** What opening a complaint needs of the policy: its time limits and the notices' fallback language. */
export interface ComplaintPolicy extends Pick<DeadlinePolicy, 'acceptWithinBusinessDays' | 'resolveWithinBusinessDays'> {
  /** Language of notices when neither the channel nor the text tells. */
  defaultLanguage: Language;
}

/** A channel message, as far as the complaint rules need it. */
export interface IntakeMessage {
  id: string;
  channel: string;
  externalId: string;
  conversation: string;
  sender: { name?: string; email?: string; phone?: string; platformId?: string };
  text: string;
  receivedAt: Date;
  locale?: Language;
  replyTo?: string;
  automated: boolean;
  employeeName?: string;
  callbackRequested?: boolean;
  /** A complaint this message verifiably answers (from one of our own Message-IDs). */
  threadReference?: string;
  /** References the sender wrote; they count only when the sender takes part in that complaint. */
  mentionedReferences?: readonly string[];
  /** E-mail threading of the opening message, so written answers thread under it. */
  emailThread?: { messageId: string; references: string[] };
  /** E-mail only: the subject, which may carry a status request and is part of a first mail's complaint. */
  subject?: string;
  /** E-mail only: the employee who forwarded the customer's mail to us; the sender is the original one. */
  forwardedBy?: string;
  /**
   * The customer's own page only: the complaint the signed-in customer wrote to, which core
   * checked is theirs before it published the message.
   */
  customerPageComplaintId?: string;
}

/** Why a complaint needs an agent's eye before anything is sent on it. */
export type ComplaintAttention = 'forward-without-sender';

export interface NewComplaint {
  id: string;
  reference: string;
  state: 'received';
  channel: string;
  conversation: string;
  replyTo?: string;
  language: Language;
  fullName?: string;
  email?: string;
  phone?: string;
  employeeName?: string;
  essence: string;
  callbackRequested: boolean;
  missingDetails: RequiredDetail[];
  receivedAt: Date;
  acceptBy: Date;
  resolveBy: Date;
  /** A complaint the customer named but could not be attached to (not theirs): for an agent. */
  relatedReference?: string;
  emailThread?: { messageId: string; references: string[] };
  /** The employee who forwarded the customer's mail. */
  forwardedBy?: string;
  attention?: ComplaintAttention;
}

export function missingDetailsOf(message: IntakeMessage): RequiredDetail[] {
  const missing: RequiredDetail[] = [];
  if (!cleanName(message.sender.name ?? '')) missing.push('fullName');
  if (!message.sender.email && !message.sender.phone && !message.sender.platformId && !message.replyTo) {
    missing.push('contact');
  }
  if (!essenceOf(message)) missing.push('essence');
  return missing;
}

// Reply and forward marks mail clients put before a subject, in the languages customers write in.
const SUBJECT_PREFIX = /^\s*(?:(?:re|fwd?|aw|sv|wg|ответ|отв|пересл|cavab|yönləndir(?:ilmiş)?)(?:\s*\[\d+\])?\s*:\s*)+/iu;

/** A mail subject without the Re:/Fwd:/Ответ:/Cavab: marks before it. */
export function subjectWithoutPrefixes(subject: string): string {
  return subject.replace(SUBJECT_PREFIX, '').replace(/\s+/gu, ' ').trim();
}

/**
 * What the customer wrote to open the complaint. A mail's subject is part of it: it is often the
 * whole complaint ("Sifariş 3 gündür gecikir") when the body holds only a photo or a signature.
 * It comes first, once, unless the body already says it.
 */
export function essenceOf(message: Pick<IntakeMessage, 'text' | 'subject'>): string {
  const body = message.text.trim();
  const subject = message.subject === undefined ? '' : subjectWithoutPrefixes(message.subject);
  if (!subject) return body;
  if (!body) return subject;
  return saysAlready(body, subject) ? body : `${subject}\n\n${body}`;
}

/** Whether `text` contains the words of `phrase` in a row (any case and punctuation). */
function saysAlready(text: string, phrase: string): boolean {
  const words = (value: string) => value.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  const haystack = words(text);
  const needle = words(phrase);
  if (needle.length === 0) return true;
  for (let i = 0; i + needle.length <= haystack.length; i++) {
    if (needle.every((word, j) => haystack[i + j] === word)) return true;
  }
  return false;
}

/** When a complaint that arrived at `receivedAt` must be accepted (registered and acknowledged). */
export function acceptanceDeadline(
  receivedAt: Date,
  calendar: BusinessCalendar,
  policy: Pick<DeadlinePolicy, 'acceptWithinBusinessDays'>,
): Date {
  return calendar.deadline(receivedAt, policy.acceptWithinBusinessDays);
}

/** Opens a complaint from the message that starts it. */
export function openComplaint(
  message: IntakeMessage,
  identity: { id: string; reference: string },
  calendar: BusinessCalendar,
  policy: ComplaintPolicy,
): NewComplaint {
  return {
    id: identity.id,
    reference: identity.reference,
    state: 'received',
    channel: message.channel,
    conversation: message.conversation,
    replyTo: message.replyTo,
    language: message.locale ?? detectLanguage(essenceOf(message), policy.defaultLanguage),
    // Names are shown to agents and in notices: no direction controls that could disguise them.
    fullName: cleanName(message.sender.name ?? '') || undefined,
    email: message.sender.email,
    phone: message.sender.phone,
    employeeName: cleanName(message.employeeName ?? '') || undefined,
    essence: essenceOf(message),
    callbackRequested: message.callbackRequested ?? false,
    missingDetails: missingDetailsOf(message),
    receivedAt: message.receivedAt,
    acceptBy: acceptanceDeadline(message.receivedAt, calendar, policy),
    resolveBy: calendar.deadline(message.receivedAt, policy.resolveWithinBusinessDays),
    // A forwarded mail's thread is the employee's, which the customer never saw.
    emailThread: message.forwardedBy ? undefined : message.emailThread,
    ...(message.forwardedBy ? forwardOf(message, message.forwardedBy) : {}),
  };
}

function forwardOf(message: IntakeMessage, forwardedBy: string): Pick<NewComplaint, 'forwardedBy' | 'attention'> {
  return message.sender.email ? { forwardedBy } : { forwardedBy, attention: 'forward-without-sender' };
}
