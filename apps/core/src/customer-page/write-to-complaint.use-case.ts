import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { MessageBus } from '@plaint/bus';
import { ContractViolation, CORRELATION_HEADER, INBOUND_TOPIC, type InboundMessageV1, type Language } from '@plaint/contracts';
import { Clock, customerKey } from '@plaint/domain';
import { Metrics } from '@plaint/observability';
import { ApplicationError, ServiceUnavailable } from '../errors/application-error';
import { CoreStore } from '../store/core-store';
import type { SignedInCustomer } from './customer-session.guard';
import { canWriteTo, complaintOfContact } from './read-my-complaints.use-case';

export interface PageMessage {
  text: string;
  clientMessageId: string;
  language?: Language;
}

/**
 * A signed-in customer writes to one of their complaints: an answer to a request for details, or
 * a question. It travels the path of every customer message, the bus and then core's intake, so
 * it is stored once (a resend with the same client id is the same message), joins the complaint,
 * and an answer restarts the clock as it would from any channel. The message says which complaint
 * it is for; it carries the contact the customer proved, the one thing known about them.
 */
@Injectable()
export class WriteToComplaint {
  constructor(
    private readonly store: CoreStore,
    private readonly bus: MessageBus,
    private readonly clock: Clock,
    private readonly metrics: Metrics,
  ) {}

  async execute(customer: SignedInCustomer, reference: string, message: PageMessage, correlationId: string): Promise<{ messageId: string }> {
    const complaint = await complaintOfContact(this.store.reads(), customer.contact, reference);
    if (!canWriteTo(complaint)) {
      throw new ApplicationError('conflict', 'complaint-finished', 'This complaint is no longer being handled; to tell us of something new, write a new complaint');
    }
    const externalId = `${complaint.id}:${message.clientMessageId}`;
    const messageId = messageIdOf(externalId);
    const sender: InboundMessageV1['sender'] = {};
    if (customer.contact.kind === 'email') sender.email = customer.contact.value;
    if (customer.contact.kind === 'phone') sender.phone = customer.contact.value;
    const conversation = `complaint:${complaint.id}`;
    const inbound: InboundMessageV1 = {
      id: messageId,
      channel: 'customer_page',
      externalId,
      conversation,
      sender,
      text: message.text.trim(),
      attachments: [],
      receivedAt: this.clock.now().toISOString(),
      automated: false,
      customerPage: { complaintId: complaint.id, sessionId: customer.sessionId },
    };
    if (message.language) inbound.locale = message.language;
    try {
      await this.bus.publish(INBOUND_TOPIC, [
        { key: customerKey('customer_page', sender, conversation), value: inbound, headers: { [CORRELATION_HEADER]: correlationId } },
      ]);
    } catch (error) {
      if (error instanceof ContractViolation) throw error;
      // Nothing was stored: the page sends it again with the same client id.
      throw new ServiceUnavailable('Your message could not be sent now; please try again', `customer page message not accepted by the bus: ${(error as Error).message}`);
    }
    this.metrics.messagesIngested.inc({ channel: 'customer_page' });
    return { messageId };
  }
}

/** The message's id, the same for a resend: a UUID (version 8, RFC 9562) made of the hash of its external id. */
function messageIdOf(externalId: string): string {
  const hex = createHash('sha256').update(externalId).digest('hex');
  const variant = ((parseInt(hex.charAt(16), 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
