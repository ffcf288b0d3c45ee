import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, In, Not, IsNull } from 'typeorm';
import { type BusRecord, MessageBus } from '@plaint/bus';
import { PLAINT_CONFIG, type PlaintConfig } from '@plaint/config';
import { CHAT_DELIVERY_TOPIC, type ComplaintEventV1, CORRELATION_HEADER } from '@plaint/contracts';
import { Clock } from '@plaint/domain';
import { Metrics, recordStep, TRACEPARENT } from '@plaint/observability';
import { ComplaintEntity, NoticeEntity } from '@plaint/persistence';
import { agentWords, chatLineOf, isAgentLineInChat } from './delivery/chat-line';
import { DeliverNotices } from './delivery/deliver-notices';
import { addressNotice } from './delivery/notice-route';
import { NoticeTemplates } from './notice-templates';
import { renderNotice } from './render-notice';

/** Why an event of a complaint whose personal data was erased got no notice. */
const NOT_SENT_AFTER_ERASURE = 'not sent: the personal data was erased';

/** Why a notice waits with no route at all. */
const NO_WRITTEN_CHANNEL = 'the customer gave no written channel; the reference was shown on screen';

/**
 * Turns complaint events into written notices, once per event: the notice row is keyed by the
 * event id, so a redelivered event finds its notice and only retries what is not yet sent.
 */
@Injectable()
export class SendNotices {
  private readonly logger = new Logger(SendNotices.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly bus: MessageBus,
    private readonly templates: NoticeTemplates,
    private readonly clock: Clock,
    private readonly metrics: Metrics,
    private readonly delivery: DeliverNotices,
    @Inject(PLAINT_CONFIG) private readonly config: PlaintConfig,
  ) {}

  async execute(records: readonly BusRecord<ComplaintEventV1>[]): Promise<void> {
    const notices = this.dataSource.getRepository(NoticeEntity);
    const now = this.clock.now();
    const erased = await this.erasedComplaints(records);
    const rows = records.map((record) => {
      const notice = erased.has(record.value.complaintId) ? this.notSent(record.value, now) : this.noticeFor(record.value, now);
      // Its sending happens later, in a delivery loop: the notice keeps where its trace stands.
      notice.traceParent = recordStep('notice created', { 'plaint.event.type': notice.eventType, 'plaint.notice.channel': notice.channel, 'plaint.notice.route': notice.route ?? 'none' }, record.headers[TRACEPARENT]) ?? null;
      return notice;
    });
    await notices.createQueryBuilder().insert().values(rows).orIgnore().execute();
    const pending = await notices.find({
      where: { eventId: In(rows.map((row) => row.eventId)), status: 'pending', attempts: 0 },
    });
    if (pending.length === 0) return;

    const correlation = new Map(records.map((r) => [r.value.eventId, r.headers[CORRELATION_HEADER]]));
    const events = new Map(records.map((r) => [r.value.eventId, r.value]));
    const chat = pending.filter((notice) => notice.channel === 'chat' && notice.recipient);
    if (chat.length > 0) {
      await this.bus.publish(
        CHAT_DELIVERY_TOPIC,
        chat.map((notice) => ({
          key: notice.recipient ?? '',
          value: chatLineOf(notice, events.get(notice.eventId)),
          headers: headersWith(correlation.get(notice.eventId)),
        })),
      );
      await notices.update({ id: In(chat.map((n) => n.id)) }, { status: 'sent', sentAt: this.clock.now(), attempts: 1 });
      for (const notice of chat) this.metrics.noticesSent.inc({ channel: notice.channel, status: 'sent' });
    }

    // The other notices go to their route's delivery loop; with no transport for their route
    // here, or no route at all, they stay pending with the reason, so nothing is lost: they are
    // sent once one is configured.
    const routed = pending.filter((notice) => notice.route !== null);
    for (const notice of pending.filter((n) => !chat.includes(n))) {
      const reason = notice.route === null ? NO_WRITTEN_CHANNEL : this.delivery.waitingReason(notice.route);
      if (reason === undefined) continue;
      await notices.update({ id: notice.id }, { statusReason: reason, attempts: 1 });
      this.metrics.noticesSent.inc({ channel: notice.channel, status: 'pending' });
    }
    this.delivery.wake(routed.flatMap((notice) => (notice.route ? [notice.route] : [])));
    this.logger.debug(`notices: ${chat.length} delivered to chat, ${pending.length - chat.length} to their routes`);
  }

  /**
   * Complaints whose personal data was erased while their events were on the way: those events
   * are not turned into notices, which would bring the name and contact back.
   */
  private async erasedComplaints(records: readonly BusRecord<ComplaintEventV1>[]): Promise<Set<string>> {
    const ids = [...new Set(records.map((record) => record.value.complaintId).filter(Boolean))];
    if (ids.length === 0) return new Set();
    const rows = await this.dataSource
      .getRepository(ComplaintEntity)
      .find({ select: { id: true }, where: { id: In(ids), personalDataErasedAt: Not(IsNull()) } });
    return new Set(rows.map((row) => row.id));
  }

  /** The record that an event of an erased complaint came and was not sent. */
  private notSent(event: ComplaintEventV1, now: Date): NoticeEntity {
    return Object.assign(this.noticeFor(event, now), { recipient: null, route: null, alternatives: null, text: '', emailThread: null, status: 'failed', statusReason: NOT_SENT_AFTER_ERASURE });
  }

  private noticeFor(event: ComplaintEventV1, now: Date): NoticeEntity {
    return Object.assign(new NoticeEntity(), {
      id: randomUUID(),
      eventId: event.eventId,
      // A status answer that matched no complaint names none.
      complaintId: event.complaintId || null,
      reference: event.reference,
      eventType: event.type,
      channel: event.channel,
      ...destinationOf(event),
      language: event.language,
      text: isAgentLineInChat(event) ? agentWords(event) : renderNotice(event, this.templates, this.config.policy.timeZone),
      status: 'pending',
      statusReason: null,
      attempts: 0,
      createdAt: now,
      sentAt: null,
      nextAttemptAt: null,
      messageId: null,
      emailThread: event.emailThread ? { inReplyTo: event.emailThread.inReplyTo, references: event.emailThread.references } : null,
      receipt: null,
      receiptAt: null,
      customerWroteAt: event.customerWroteAt ? new Date(event.customerWroteAt) : null,
      expiresAt: null,
      traceParent: null,
    });
  }
}

/** The notice's recipient and route (none for the live chat), and the routes to fall back to. */
function destinationOf(event: ComplaintEventV1): Pick<NoticeEntity, 'recipient' | 'route' | 'alternatives'> {
  const address = addressNotice(event);
  if (address.kind === 'chat') return { recipient: address.conversationId, route: null, alternatives: null };
  if (address.kind === 'none') return { recipient: null, route: null, alternatives: null };
  return { recipient: address.primary.recipient, route: address.primary.route, alternatives: address.alternatives };
}

function headersWith(correlationId: string | undefined): Record<string, string> {
  return correlationId ? { [CORRELATION_HEADER]: correlationId } : {};
}
