import { randomUUID } from 'node:crypto';
import type { ComplaintEventV1 } from '@plaint/contracts';
import type { NewComplaint } from '@plaint/domain';
import { deskView } from '../lifecycle/desk-view';
import { answerThread, eventCustomer } from '../lifecycle/event-addressing';

/** The event core publishes when it opens a complaint; the notifier acknowledges it in writing. */
export function complaintReceivedEvent(complaint: NewComplaint, now: Date): ComplaintEventV1 {
  const customer = eventCustomer({ name: complaint.fullName, email: complaint.email, phone: complaint.phone });
  const event: ComplaintEventV1 = {
    eventId: randomUUID(),
    type: 'complaint.received',
    complaintId: complaint.id,
    reference: complaint.reference,
    occurredAt: now.toISOString(),
    channel: complaint.channel as ComplaintEventV1['channel'],
    language: complaint.language,
    customer,
    deadlines: { acceptBy: complaint.acceptBy.toISOString(), resolveBy: complaint.resolveBy.toISOString() },
    customerWroteAt: complaint.receivedAt.toISOString(),
    desk: deskView(complaint, complaint.essence),
  };
  // The policy has the company ask for missing required details itself: the acknowledgement does.
  if (complaint.missingDetails.length > 0) event.step = { requested: [...complaint.missingDetails] };
  if (complaint.replyTo) event.replyTo = complaint.replyTo;
  if (complaint.emailThread) event.emailThread = answerThread(complaint.emailThread);
  return event;
}

/**
 * The receipt to the employee who forwarded a customer's mail: the reference, and whether the
 * customer was acknowledged (or, with no readable original sender, that an agent must look). It
 * answers the employee's own mail, in their thread.
 */
export function forwardReceiptEvent(
  complaint: NewComplaint & { forwardedBy: string },
  forward: { messageId: string; references: string[] } | undefined,
  now: Date,
): ComplaintEventV1 {
  const event: ComplaintEventV1 = {
    eventId: randomUUID(),
    type: 'complaint.forward-received',
    complaintId: complaint.id,
    reference: complaint.reference,
    occurredAt: now.toISOString(),
    channel: 'email',
    language: complaint.language,
    customer: { email: complaint.forwardedBy },
    deadlines: {},
    step: { customerAcknowledged: complaint.attention === undefined },
    replyTo: complaint.forwardedBy,
    desk: deskView(complaint, complaint.essence),
  };
  if (forward) event.emailThread = answerThread(forward);
  return event;
}
