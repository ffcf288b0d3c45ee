import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull, LessThanOrEqual } from 'typeorm';
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
    for (const { value } of records) await this.record(value);
  }

  /**
   * Records one receipt; false when no notice on that route has that message id (yet: a
   * gateway's receipt can overtake the delivery loop's record of the send).
   */
  async record(receipt: NoticeReceiptV1): Promise<boolean> {
    if (receipt.upTo !== undefined) return this.recordWatermark(receipt);
    if (!receipt.messageId) return true;
    const notices = this.dataSource.getRepository(NoticeEntity);
    const notice = await notices.findOneBy({ route: receipt.route, messageId: receipt.messageId });
    if (!notice) return false;
    if (notice.status !== 'sent') return true;
    if (receipt.state === 'failed') {
      const reason = `${receipt.route}: ${receipt.reason ?? 'the platform reported the message as not delivered'}`;
      await this.delivery.fallback.giveUp(notice, reason, notice.attempts);
      return true;
    }
    if (notice.receipt && RANK[notice.receipt] >= RANK[receipt.state]) return true;
    await notices.update({ id: notice.id, status: 'sent' }, { receipt: receipt.state, receiptAt: new Date(receipt.occurredAt) });
    return true;
  }

  /** Every notice sent to the recipient up to the watermark takes the receipt, unless it is past it. */
  private async recordWatermark(receipt: NoticeReceiptV1): Promise<boolean> {
    if (receipt.state === 'failed' || !receipt.recipient || !receipt.upTo) return true;
    const reached = { route: receipt.route, recipient: receipt.recipient, status: 'sent' as const, sentAt: LessThanOrEqual(new Date(receipt.upTo)) };
    const behind = receipt.state === 'read' ? [{ ...reached, receipt: IsNull() }, { ...reached, receipt: 'delivered' as const }] : [{ ...reached, receipt: IsNull() }];
    await this.dataSource.getRepository(NoticeEntity).update(behind, { receipt: receipt.state, receiptAt: new Date(receipt.occurredAt) });
    return true;
  }
}
