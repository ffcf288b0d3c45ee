import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { BusRecord } from '@plaint/bus';
import { CORRELATION_HEADER, type ComplaintEventV1, type InboundMessageV1 } from '@plaint/contracts';
import { detectLanguage, type Language, nextDeadline, normalizeEmail } from '@plaint/domain';
import { PLAINT_CONFIG, type PlaintConfig } from '@plaint/config';
import type { ComplaintEntity } from '@plaint/persistence';
import type { OutgoingEvent } from '../store/outbox';
import type { StoreSession } from '../store/core-store';
import { CustomerDirectory } from '../intake/customer-directory';
import { answerThread, eventCustomer } from '../lifecycle/event-addressing';
import { lifecycleOf } from '../lifecycle/stored-lifecycle';

export interface StatusRequestDecision {
  messageId: string;
  reference?: string;
  complaintId?: string;
}

/**
 * Answers "status" on the channel it was asked on, with the complaint's state and the next
 * date. A reference counts only when the asker is that complaint's customer (same conversation
 * or a verified identity: a contact typed into a chat or form proves nothing), so a stranger learns nothing; they get the same "not found" answer
 * as for a reference that does not exist. Without a reference, a chat gets only its own
 * conversation's complaint (its contact details are unproven); other channels also the
 * customer's latest.
 */
@Injectable()
export class AnswerStatusRequests {
  constructor(
    private readonly customers: CustomerDirectory,
    @Inject(PLAINT_CONFIG) private readonly config: PlaintConfig,
  ) {}

  /** Returns, for each request, the complaint it was answered about (or undefined). */
  async execute(
    store: StoreSession,
    requests: readonly StatusRequestDecision[],
    records: readonly BusRecord<InboundMessageV1>[],
    now: Date,
  ): Promise<Map<string, string | undefined>> {
    const answered = new Map<string, string | undefined>();
    if (requests.length === 0) return answered;
    const byId = new Map(records.map((record) => [record.value.id, record]));
    const events: OutgoingEvent[] = [];
    for (const request of requests) {
      const record = byId.get(request.messageId);
      if (!record) continue;
      const complaint = await this.complaintFor(store, request, record.value);
      answered.set(request.messageId, complaint?.id);
      const event = statusEvent(record.value, complaint, now, this.config.policy.defaultLanguage);
      events.push({ key: complaint?.id ?? record.value.id, event, correlationId: record.headers[CORRELATION_HEADER] });
    }
    await store.outbox.enqueue(events, now);
    return answered;
  }

  private async complaintFor(
    store: StoreSession,
    request: StatusRequestDecision,
    message: InboundMessageV1,
  ): Promise<ComplaintEntity | undefined> {
    const [customerId] = await this.customers.find(store, [{ channel: message.channel, conversation: message.conversation, forwardedBy: message.email?.forwardedBy, sender: message.sender }]);
    const isTheirs = (complaint: ComplaintEntity) =>
      (customerId !== undefined && complaint.customerId === customerId) ||
      // An e-mail conversation is whatever the mail's headers claim (a Message-ID anyone can
      // copy): in it, only the complaint's participants count, as when a mail joins a complaint.
      (message.channel === 'email'
        ? writesFromNoticeAddress(complaint, message)
        : complaint.channel === message.channel && complaint.conversation === message.conversation);
    if (request.reference) {
      const named = await store.complaints.findByReference(request.reference);
      return named && isTheirs(named) ? named : undefined;
    }
    if (request.complaintId) return (await store.complaints.findById(request.complaintId)) ?? undefined;
    const latest = (await store.complaints.findLatestInConversation(message.channel, message.conversation, 20)).find(isTheirs);
    if (latest) return latest;
    // A chat visitor's e-mail or phone is only typed in, and the answer comes back to the chat,
    // not to that contact: without a reference, a stranger would learn someone's complaint.
    if (!customerId || message.channel === 'chat') return undefined;
    // The customer's most recent complaint still being handled, else their most recent one.
    return (await store.complaints.findLatestOfCustomer(customerId)) ?? undefined;
  }
}

/**
 * Whether a mail comes from the address a complaint's notices go to by e-mail (not a chat's typed
 * address, whose notices go to the chat): whoever writes from there has read them.
 */
function writesFromNoticeAddress(complaint: ComplaintEntity, message: InboundMessageV1): boolean {
  const noticesByEmail = complaint.channel !== 'chat' || complaint.noticeChannel === 'email';
  return noticesByEmail && !!complaint.email && !!message.sender.email && normalizeEmail(complaint.email) === normalizeEmail(message.sender.email);
}

/** The answer goes where the question came from, in the asker's language. */
function statusEvent(message: InboundMessageV1, complaint: ComplaintEntity | undefined, now: Date, defaultLanguage: Language): ComplaintEventV1 {
  // Answers by e-mail go to the asker's own address, never to one on file for the complaint.
  const email = message.sender.email ?? (message.channel === 'email' ? undefined : complaint?.email);
  const customer = eventCustomer({ name: message.sender.name ?? complaint?.fullName, email, phone: message.sender.phone });
  const event: ComplaintEventV1 = {
    eventId: randomUUID(),
    type: complaint ? 'complaint.status' : 'complaint.status-unknown',
    complaintId: complaint?.id ?? '',
    reference: complaint?.reference ?? '',
    occurredAt: now.toISOString(),
    channel: message.channel,
    language: message.locale ?? (complaint?.language as Language | undefined) ?? detectLanguage(message.text, defaultLanguage),
    customer,
    deadlines: {},
    customerWroteAt: message.receivedAt,
  };
  if (message.replyTo) event.replyTo = message.replyTo;
  if (message.email?.messageId) event.emailThread = answerThread({ messageId: message.email.messageId, references: message.email.references });
  if (complaint) {
    const lifecycle = lifecycleOf(complaint);
    const next = nextDeadline(lifecycle, now);
    event.step = { state: complaint.state };
    if (next) event.deadlines.next = next.by.toISOString();
    if (complaint.state === 'waiting_for_customer' && lifecycle.requested) event.step.requested = [...lifecycle.requested.what];
    if (complaint.state === 'merged' && complaint.mergedInto) event.step.survivingReference = complaint.mergedInto;
  }
  return event;
}
