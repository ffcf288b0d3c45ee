import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, In } from 'typeorm';
import type { BusRecord } from '@plaint/bus';
import { CUSTOMER_SIGN_IN_NOTICE, type CustomerSignInLinkV1 } from '@plaint/contracts';
import { Clock } from '@plaint/domain';
import { NoticeEntity } from '@plaint/persistence';
import { DeliverNotices } from '../delivery/deliver-notices';
import { NoticeTemplates } from '../notice-templates';
import { signInNoticeText } from './sign-in-link-text';

/**
 * A sign-in link to the customer's page becomes a notice, once per link (the notice row is keyed
 * by the link's id), on the one route the customer's contact gives: no other route is tried,
 * since the link must reach that contact or no one. It is sent by the same delivery loop as every
 * notice, and not at all once the link has expired.
 */
@Injectable()
export class RecordSignInLinks {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly templates: NoticeTemplates,
    private readonly delivery: DeliverNotices,
    private readonly clock: Clock,
  ) {}

  async execute(records: readonly BusRecord<CustomerSignInLinkV1>[]): Promise<void> {
    if (records.length === 0) return;
    const notices = this.dataSource.getRepository(NoticeEntity);
    const now = this.clock.now();
    const rows = records.map(({ value: link }) =>
      Object.assign(new NoticeEntity(), {
        id: randomUUID(),
        eventId: link.linkId,
        complaintId: null,
        reference: '',
        eventType: CUSTOMER_SIGN_IN_NOTICE,
        channel: 'customer_page',
        recipient: link.recipient,
        route: link.route,
        alternatives: [],
        language: link.language,
        text: signInNoticeText(link, this.templates),
        status: 'pending',
        statusReason: this.delivery.waitingReason(link.route) ?? null,
        attempts: 0,
        createdAt: now,
        sentAt: null,
        nextAttemptAt: null,
        messageId: null,
        emailThread: null,
        receipt: null,
        receiptAt: null,
        customerWroteAt: link.customerWroteAt ? new Date(link.customerWroteAt) : null,
        expiresAt: new Date(link.expiresAt),
      }),
    );
    await notices.createQueryBuilder().insert().values(rows).orIgnore().execute();
    const fresh = await notices.find({ select: { route: true }, where: { eventId: In(rows.map((row) => row.eventId)), status: 'pending' } });
    this.delivery.wake(fresh.flatMap((notice) => (notice.route ? [notice.route] : [])));
  }
}
