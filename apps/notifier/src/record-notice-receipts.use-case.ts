import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { BusRecord } from '@plaint/bus';
import type { NoticeReceiptV1 } from '@plaint/contracts';
import { NoticeEntity } from '@plaint/persistence';
import { DeliverNotices } from './delivery/deliver-notices';

/** A later receipt never takes back an earlier one: read beats delivered. */
const RANK = { delivered: 1, read: 2 } as const;

/**
 * What a platform reported about a notice it had accepted: delivered and read are shown to
 * agents; failed takes the notice to the customer's next route, or marks it failed with the
 * platform's reason. A repeated or late receipt changes nothing it should not.
 */
@Injectable()
export class RecordNoticeReceipts {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly delivery: DeliverNotices,
  ) {}

  async execute(records: readonly BusRecord<NoticeReceiptV1>[]): Promise<void> {
    const notices = this.dataSource.getRepository(NoticeEntity);
    for (const { value: receipt } of records) {
      const notice = await notices.findOneBy({ route: receipt.route, messageId: receipt.messageId });
      if (!notice || notice.status !== 'sent') continue;
      if (receipt.state === 'failed') {
        const reason = `${receipt.route}: ${receipt.reason ?? 'the platform reported the message as not delivered'}`;
        await this.delivery.fallback.giveUp(notice, reason, notice.attempts);
        continue;
      }
      if (notice.receipt && RANK[notice.receipt] >= RANK[receipt.state]) continue;
      await notices.update({ id: notice.id, status: 'sent' }, { receipt: receipt.state, receiptAt: new Date(receipt.occurredAt) });
    }
  }
}
