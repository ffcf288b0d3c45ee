import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { type BusRecord, OnBatch } from '@plaint/bus';
import {
  COMPLAINT_EVENTS_TOPIC,
  type ComplaintEventV1,
  CUSTOMER_SIGN_IN_TOPIC,
  type CustomerSignInLinkV1,
  NOTICE_RECEIPTS_TOPIC,
  NOTICE_UNDELIVERED_TOPIC,
  type NoticeReceiptV1,
  type NoticeUndeliveredV1,
} from '@plaint/contracts';
import { Metrics } from '@plaint/observability';
import { RecordNoticeReceipts } from './record-notice-receipts.use-case';
import { RecordUndeliveredNotices } from './record-undelivered-notices.use-case';
import { SendNotices } from './send-notices.use-case';
import { RecordSignInLinks } from './sign-in/record-sign-in-links.use-case';

export const NOTIFIER_GROUP = 'notifier';

/**
 * What the notifier takes from the bus: complaint events to notify of, sign-in links to send, and
 * what became of notices sent.
 */
@Controller()
export class ComplaintEventsHandler {
  constructor(
    private readonly sendNotices: SendNotices,
    private readonly recordUndelivered: RecordUndeliveredNotices,
    private readonly recordReceipts: RecordNoticeReceipts,
    private readonly recordSignInLinks: RecordSignInLinks,
    private readonly metrics: Metrics,
  ) {}

  @OnBatch(COMPLAINT_EVENTS_TOPIC, NOTIFIER_GROUP)
  handle(@Payload() records: readonly BusRecord<ComplaintEventV1>[]): Promise<void> {
    return this.timed(() => this.sendNotices.execute(records));
  }

  @OnBatch(CUSTOMER_SIGN_IN_TOPIC, NOTIFIER_GROUP)
  handleSignInLinks(@Payload() records: readonly BusRecord<CustomerSignInLinkV1>[]): Promise<void> {
    return this.timed(() => this.recordSignInLinks.execute(records));
  }

  @OnBatch(NOTICE_UNDELIVERED_TOPIC, NOTIFIER_GROUP)
  handleUndelivered(@Payload() records: readonly BusRecord<NoticeUndeliveredV1>[]): Promise<void> {
    return this.timed(() => this.recordUndelivered.execute(records));
  }

  @OnBatch(NOTICE_RECEIPTS_TOPIC, NOTIFIER_GROUP)
  handleReceipts(@Payload() records: readonly BusRecord<NoticeReceiptV1>[]): Promise<void> {
    return this.timed(() => this.recordReceipts.execute(records));
  }

  private async timed(work: () => Promise<void>): Promise<void> {
    const stop = this.metrics.batchSeconds.startTimer({ group: NOTIFIER_GROUP });
    await work();
    stop();
  }
}
