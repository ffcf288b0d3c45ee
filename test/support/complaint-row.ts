import { randomUUID } from 'node:crypto';
import { ComplaintEntity } from '../../libs/persistence/src';

/**
 * A stored complaint as tests put it into a database: received on Monday 2 November 2026 at
 * noon in Baku, with that day's deadlines, nothing else set; `values` says what the test is about.
 */
export function complaintRow(reference: string, values: Partial<ComplaintEntity> = {}): ComplaintEntity {
  const receivedAt = values.receivedAt ?? new Date('2026-11-02T08:00:00Z');
  return Object.assign(new ComplaintEntity(), {
    id: randomUUID(),
    reference,
    customerId: randomUUID(),
    state: 'received',
    channel: 'web_form',
    conversation: `conversation-${reference}`,
    replyTo: null,
    language: 'az',
    fullName: null,
    email: null,
    phone: null,
    employeeName: null,
    essence: 'The washing machine was not delivered.',
    callbackRequested: false,
    missingDetails: [],
    receivedAt,
    acceptBy: new Date('2026-11-05T19:59:59.999Z'),
    relatedReference: null,
    emailThread: null,
    reviewBy: null,
    resolveBy: new Date('2026-11-16T19:59:59.999Z'),
    acceptedAt: null,
    reviewedAt: null,
    resolvedAt: null,
    rootCause: null,
    lifecycle: null,
    assigneeId: null,
    mergedInto: null,
    loggedBy: null,
    staffIntake: null,
    noticeChannel: null,
    revision: 0,
    createdAt: receivedAt,
    updatedAt: receivedAt,
    ...values,
  });
}
