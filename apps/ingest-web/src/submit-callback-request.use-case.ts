import { Inject, Injectable } from '@nestjs/common';
import { createHash, createHmac } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import { MessageBus } from '@plaint/bus';
import { PLAINT_CONFIG, type PlaintConfig } from '@plaint/config';
import { cleanName, cleanText, CORRELATION_HEADER, INBOUND_TOPIC, type InboundMessageV1 } from '@plaint/contracts';
import { BusinessCalendar, callbackPromise, Clock, customerKey, deriveReference, normalizePhone, referenceSeed } from '@plaint/domain';
import { Metrics } from '@plaint/observability';
import type { CallbackRequestAccepted, CallbackRequestDto } from './callback-request.dto';
import { IdempotencyStore } from './idempotency-store';

export type FieldProblems = { field: string; problems: string[] }[];

export class InvalidCallbackRequest extends Error {
  constructor(readonly fields: FieldProblems) {
    super('Some fields are not valid');
  }
}

/** The client's Idempotency-Key was used before for a different request: nothing is stored. */
export class IdempotencyKeyReused extends Error {
  constructor() {
    super('This Idempotency-Key was already used for a different request');
  }
}

/**
 * A "call me back" form becomes an inbound message on the bus. The reference comes from the
 * same derivation core uses, so the customer sees it at once; the idempotency key (or, without
 * one, a fresh id) is the message's external id, so a repeated submission is one complaint.
 * A key belongs to the client that sent it (two clients' keys never meet) and to the body it
 * was first sent with: the same key with another body is refused, not silently dropped.
 */
@Injectable()
export class SubmitCallbackRequest {
  constructor(
    private readonly bus: MessageBus,
    private readonly clock: Clock,
    private readonly calendar: BusinessCalendar,
    private readonly metrics: Metrics,
    private readonly idempotency: IdempotencyStore,
    @Inject(PLAINT_CONFIG) private readonly config: PlaintConfig,
  ) {}

  async execute(
    form: CallbackRequestDto,
    idempotencyKey: string | undefined,
    client: string,
    correlationId: string,
  ): Promise<CallbackRequestAccepted> {
    const problems: FieldProblems = [];
    const phone = form.phone?.trim() ? normalizePhone(form.phone) : null;
    if (form.phone?.trim() && !phone) problems.push({ field: 'phone', problems: ['phone is not a valid phone number'] });
    if (!form.phone?.trim() && !form.email?.trim()) {
      problems.push({ field: 'contact', problems: ['give a phone number or an e-mail address'] });
    }
    if (problems.length > 0) throw new InvalidCallbackRequest(problems);

    const id = uuidv7();
    const externalId = idempotencyKey ? `key:${this.clientScope(client)}:${idempotencyKey}` : `form:${id}`;
    const sender: InboundMessageV1['sender'] = { name: cleanName(form.fullName) };
    if (form.email?.trim()) sender.email = form.email.trim();
    if (phone) sender.phone = phone;
    const receivedAt = this.clock.now();
    const message: InboundMessageV1 = {
      id,
      channel: 'web_form',
      externalId,
      conversation: externalId,
      sender,
      text: cleanText(form.message),
      attachments: [],
      receivedAt: receivedAt.toISOString(),
      automated: false,
      callbackRequested: true,
    };
    if (form.language) message.locale = form.language;
    if (sender.email) message.replyTo = sender.email;
    const employeeName = cleanName(form.employeeName ?? '');
    if (employeeName) message.employeeName = employeeName;

    const claim = idempotencyKey ? await this.claim(externalId, message) : undefined;
    try {
      await this.bus.publish(INBOUND_TOPIC, [
        { key: customerKey('web_form', sender, externalId), value: message, headers: { [CORRELATION_HEADER]: correlationId } },
      ]);
    } catch (error) {
      // Nothing was stored: a retry, even with a corrected body, is a first attempt again.
      if (claim) await claim.release().catch(() => undefined);
      throw error;
    }
    this.metrics.messagesIngested.inc({ channel: 'web_form' });
    // Core opens the complaint from the same instant with the same calendar: the same deadline.
    const promise = callbackPromise({ receivedAt, phone }, this.calendar, this.config.policy);
    return {
      reference: deriveReference(this.config.referenceSecret, referenceSeed('web_form', externalId)),
      status: 'received',
      acceptBy: promise.acceptBy.toISOString(),
      callBy: promise.callBy?.toISOString() ?? null,
    };
  }

  /**
   * Records the key with a hash of what the customer sent. The same body again goes on to the
   * bus (core stores a message once per external id, and a first attempt may have failed);
   * another body is refused. Returns how to let go of the key when this attempt fails.
   */
  private async claim(externalId: string, message: InboundMessageV1): Promise<{ release(): Promise<void> } | undefined> {
    const { sender, text, employeeName, locale } = message;
    const bodyHash = createHash('sha256')
      .update(JSON.stringify([sender.name, sender.email ?? null, sender.phone ?? null, text, employeeName ?? null, locale ?? null]))
      .digest('base64url');
    const key = `plaint:idempotency:web_form:${externalId}`;
    const earlier = await this.idempotency.remember(key, bodyHash, this.config.input.idempotencyTtlSeconds);
    if (earlier !== null && earlier !== bodyHash) throw new IdempotencyKeyReused();
    return earlier === null ? { release: () => this.idempotency.forget(key, bodyHash) } : undefined;
  }

  /** Who sent a key, keyed so that the bus and Redis never hold the client's address itself. */
  private clientScope(client: string): string {
    return createHmac('sha256', this.config.referenceSecret).update(`idempotency-client:${client}`).digest('base64url').slice(0, 16);
  }
}
