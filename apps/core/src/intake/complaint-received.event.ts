import { randomUUID } from 'node:crypto';
import type { ComplaintEventV1 } from '@plaint/contracts';
import type { NewComplaint } from '@plaint/domain';
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
  };
  // The policy has the company ask for missing required details itself: the acknowledgement does.
  if (complaint.missingDetails.length > 0) event.step = { requested: [...complaint.missingDetails] };
  if (complaint.replyTo) event.replyTo = complaint.replyTo;
  if (complaint.emailThread) event.emailThread = answerThread(complaint.emailThread);
  return event;
}
