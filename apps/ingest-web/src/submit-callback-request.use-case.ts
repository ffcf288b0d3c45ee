import { Inject, Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import { MessageBus } from '@plaint/bus';
import { PLAINT_CONFIG, type PlaintConfig } from '@plaint/config';
import { cleanName, cleanText, CORRELATION_HEADER, INBOUND_TOPIC, type InboundMessageV1 } from '@plaint/contracts';
import { Clock, customerKey, deriveReference, normalizePhone, referenceSeed } from '@plaint/domain';
import { Metrics } from '@plaint/observability';
import type { CallbackRequestDto } from './callback-request.dto';

export type FieldProblems = { field: string; problems: string[] }[];

export class InvalidCallbackRequest extends Error {
  constructor(readonly fields: FieldProblems) {
    super('Some fields are not valid');
  }
}

export interface SubmittedCallbackRequest {
  reference: string;
  status: 'received';
}

/**
 * A "call me back" form becomes an inbound message on the bus. The reference comes from the
 * same derivation core uses, so the customer sees it at once; the idempotency key (or, without
 * one, a fresh id) is the message's external id, so a repeated submission is one complaint.
 */
@Injectable()
export class SubmitCallbackRequest {
  constructor(
    private readonly bus: MessageBus,
    private readonly clock: Clock,
    private readonly metrics: Metrics,
    @Inject(PLAINT_CONFIG) private readonly config: PlaintConfig,
  ) {}

  async execute(form: CallbackRequestDto, idempotencyKey: string | undefined, correlationId: string): Promise<SubmittedCallbackRequest> {
    const problems: FieldProblems = [];
    const phone = form.phone?.trim() ? normalizePhone(form.phone) : null;
    if (form.phone?.trim() && !phone) problems.push({ field: 'phone', problems: ['phone is not a valid phone number'] });
    if (!form.phone?.trim() && !form.email?.trim()) {
      problems.push({ field: 'contact', problems: ['give a phone number or an e-mail address'] });
    }
    if (problems.length > 0) throw new InvalidCallbackRequest(problems);

    const id = uuidv7();
    const externalId = idempotencyKey ? `key:${idempotencyKey}` : `form:${id}`;
    const sender: InboundMessageV1['sender'] = { name: cleanName(form.fullName) };
    if (form.email) sender.email = form.email.trim();
    if (phone) sender.phone = phone;
    const message: InboundMessageV1 = {
      id,
      channel: 'web_form',
      externalId,
      conversation: externalId,
      sender,
      text: cleanText(form.message),
      attachments: [],
      receivedAt: this.clock.now().toISOString(),
      automated: false,
      callbackRequested: true,
    };
    if (form.language) message.locale = form.language;
    if (sender.email) message.replyTo = sender.email;
    const employeeName = cleanName(form.employeeName ?? '');
    if (employeeName) message.employeeName = employeeName;

    await this.bus.publish(INBOUND_TOPIC, [
      { key: customerKey('web_form', sender, externalId), value: message, headers: { [CORRELATION_HEADER]: correlationId } },
    ]);
    this.metrics.messagesIngested.inc({ channel: 'web_form' });
    return {
      reference: deriveReference(this.config.referenceSecret, referenceSeed('web_form', externalId)),
      status: 'received',
    };
  }
}
