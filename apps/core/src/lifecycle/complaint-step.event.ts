import { randomUUID } from 'node:crypto';
import type { ComplaintEventType, ComplaintEventV1 } from '@plaint/contracts';
import type { DomainEvent } from '@plaint/domain';
import type { ComplaintEntity } from '@plaint/persistence';
import { deskView } from './desk-view';
import { answerThread, eventCustomer } from './event-addressing';

/** What the customer is told with a step, as a history line keeps it (for the status page). */
export type StepDetails = Record<string, string>;

export interface CustomerStep {
  type: ComplaintEventType;
  deadlines: ComplaintEventV1['deadlines'];
  step?: NonNullable<ComplaintEventV1['step']>;
}

/**
 * The customer-facing step a lifecycle event is, if any. Internal events (an answer arriving,
 * a withdrawal, an unmerge) and an oral outcome whose written confirmation the customer
 * declined are not told in writing.
 */
export function customerStepOf(event: DomainEvent): CustomerStep | undefined {
  switch (event.type) {
    case 'accepted':
      return { type: 'complaint.accepted', deadlines: { reviewBy: iso(event.reviewBy), resolveBy: iso(event.resolveBy) } };
    case 'details-requested':
      return { type: 'complaint.details-requested', deadlines: {}, step: { requested: [...event.what] } };
    case 'review-started':
      return { type: 'complaint.review-started', deadlines: { reviewBy: iso(event.reviewBy) } };
    case 'reviewed':
      return { type: 'complaint.reviewed', deadlines: { resolveBy: iso(event.resolveBy) }, step: { result: event.result } };
    case 'extended':
      return {
        type: 'complaint.extended',
        deadlines: { resolveBy: iso(event.newDate), previousResolveBy: iso(event.previousDate) },
        step: { reason: event.reason },
      };
    case 'resolved':
      if (!event.writtenNotice) return undefined;
      return { type: 'complaint.resolved', deadlines: {}, step: { outcome: event.outcome, oral: event.delivery === 'oral' } };
    case 'closed':
      return { type: 'complaint.closed', deadlines: {} };
    case 'rejected':
      return { type: 'complaint.rejected', deadlines: {}, step: { reason: event.reason } };
    case 'merged':
      return { type: 'complaint.merged', deadlines: {}, step: { survivingReference: event.survivingReference } };
    case 'customer-answered':
    case 'withdrawn':
    case 'unmerged':
      return undefined;
  }
}

/**
 * The event for the notifier: the step, addressed to where the complaint came from, with what
 * the customer last wrote and when (staff see the text; a platform may limit free text after a
 * while). A complaint without a written message of the customer's (one an agent registered, a photo
 * alone) shows its own text.
 */
export function complaintEvent(
  complaint: ComplaintEntity,
  step: CustomerStep,
  now: Date,
  lastWritten?: { at: Date; text: string },
): ComplaintEventV1 {
  const customer = eventCustomer({ name: complaint.fullName, email: complaint.email, phone: complaint.phone });
  const event: ComplaintEventV1 = {
    eventId: randomUUID(),
    type: step.type,
    complaintId: complaint.id,
    reference: complaint.reference,
    occurredAt: now.toISOString(),
    channel: complaint.channel as ComplaintEventV1['channel'],
    language: complaint.language as ComplaintEventV1['language'],
    customer,
    deadlines: step.deadlines,
    desk: deskView(complaint, lastWritten?.text || complaint.essence),
  };
  if (step.step) event.step = step.step;
  if (lastWritten) event.customerWroteAt = lastWritten.at.toISOString();
  if (complaint.noticeChannel === 'email' && complaint.email) {
    // The customer asked for notices by e-mail rather than on the channel they came from.
    event.channel = 'email';
    event.replyTo = complaint.email;
    return event;
  }
  if (complaint.replyTo) event.replyTo = complaint.replyTo;
  if (complaint.emailThread) event.emailThread = answerThread(complaint.emailThread);
  return event;
}

/** The history line's copy of what the customer was told: flat strings, lists comma-joined. */
export function stepDetails(step: CustomerStep): StepDetails {
  const details: StepDetails = {};
  for (const [key, value] of Object.entries(step.deadlines)) if (typeof value === 'string') details[key] = value;
  for (const [key, value] of Object.entries(step.step ?? {})) {
    if (typeof value === 'string') details[key] = value;
    else if (Array.isArray(value)) details[key] = value.join(', ');
    else if (typeof value === 'boolean') details[key] = String(value);
  }
  return details;
}

function iso(date: Date): string {
  return date.toISOString();
}
