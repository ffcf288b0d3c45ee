import type { BusRecord } from '@plaint/bus';
import { CORRELATION_HEADER, type InboundMessageV1, type StaffIntakeV1 } from '@plaint/contracts';
import type { IntakeMessage, NewComplaint } from '@plaint/domain';
import { ComplaintEntity, MessageEntity, type StaffIntakeDetails } from '@plaint/persistence';

/** A bus message as the intake rules read it. */
export function toIntakeMessage(message: InboundMessageV1): IntakeMessage {
  return {
    id: message.id,
    channel: message.channel,
    externalId: message.externalId,
    conversation: message.conversation,
    sender: { ...message.sender },
    text: message.text,
    receivedAt: new Date(message.receivedAt),
    locale: message.locale,
    replyTo: message.replyTo,
    automated: message.automated,
    employeeName: message.employeeName,
    callbackRequested: message.callbackRequested,
    threadReference: message.email?.threadReference,
    subject: message.email?.subject,
    mentionedReferences: message.email?.mentionedReferences,
    forwardedBy: message.email?.forwardedBy,
    emailThread: message.email?.messageId ? { messageId: message.email.messageId, references: message.email.references } : undefined,
    customerPageComplaintId: message.customerPage?.complaintId,
  };
}

/** The inbox row of a bus message, attached to nothing yet. */
export function toInboxRow(record: BusRecord<InboundMessageV1>, now: Date): MessageEntity {
  const message = record.value;
  return Object.assign(new MessageEntity(), {
    id: message.id,
    channel: message.channel,
    externalId: message.externalId,
    conversation: message.conversation,
    status: 'attached',
    complaintId: null,
    text: message.text,
    automated: message.automated,
    receivedAt: new Date(message.receivedAt),
    raw: JSON.stringify(message),
    correlationId: record.headers[CORRELATION_HEADER] ?? null,
    createdAt: now,
  });
}

/** The row of a complaint intake opens. */
export function toComplaintRow(complaint: NewComplaint, customerId: string, staff: StaffIntakeV1 | undefined, now: Date): ComplaintEntity {
  return Object.assign(new ComplaintEntity(), {
    id: complaint.id,
    reference: complaint.reference,
    customerId,
    state: complaint.state,
    channel: complaint.channel,
    conversation: complaint.conversation,
    replyTo: complaint.replyTo ?? null,
    language: complaint.language,
    fullName: complaint.fullName ?? null,
    email: complaint.email ?? null,
    phone: complaint.phone ?? null,
    employeeName: complaint.employeeName ?? null,
    essence: complaint.essence,
    callbackRequested: complaint.callbackRequested,
    missingDetails: complaint.missingDetails,
    relatedReference: complaint.relatedReference ?? null,
    forwardedBy: complaint.forwardedBy ?? null,
    attention: complaint.attention ?? null,
    emailThread: complaint.emailThread ?? null,
    receivedAt: complaint.receivedAt,
    acceptBy: complaint.acceptBy,
    reviewBy: null,
    resolveBy: complaint.resolveBy,
    acceptedAt: null,
    reviewedAt: null,
    resolvedAt: null,
    rootCause: null,
    lifecycle: null,
    assigneeId: null,
    mergedInto: null,
    loggedBy: staff?.agentId ?? null,
    staffIntake: staff ? staffIntakeOf(staff) : null,
    noticeChannel: null,
    revision: 0,
    createdAt: now,
    updatedAt: now,
  });
}

function staffIntakeOf(staff: StaffIntakeV1): StaffIntakeDetails {
  const details: StaffIntakeDetails = {};
  if (staff.store) details.store = staff.store;
  if (staff.entryDate) details.entryDate = staff.entryDate;
  if (staff.scan) details.scan = { uri: staff.scan.uri, contentType: staff.scan.contentType, size: staff.scan.size, sha256: staff.scan.sha256 };
  if (staff.consultationKind) details.consultationKind = staff.consultationKind;
  return details;
}
