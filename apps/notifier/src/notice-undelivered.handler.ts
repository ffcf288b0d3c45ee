import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { type BusRecord, OnBatch } from '@plaint/bus';
import { NOTICE_UNDELIVERED_TOPIC, type NoticeUndeliveredV1 } from '@plaint/contracts';
import { Metrics } from '@plaint/observability';
import { NOTIFIER_GROUP } from './complaint-events.handler';
import { RecordUndeliveredNotices } from './record-undelivered-notices.use-case';

@Controller()
export class NoticeUndeliveredHandler {
  constructor(
    private readonly recordUndelivered: RecordUndeliveredNotices,
    private readonly metrics: Metrics,
  ) {}

  @OnBatch(NOTICE_UNDELIVERED_TOPIC, NOTIFIER_GROUP)
  async handle(@Payload() records: readonly BusRecord<NoticeUndeliveredV1>[]): Promise<void> {
    const stop = this.metrics.batchSeconds.startTimer({ group: NOTIFIER_GROUP });
    await this.recordUndelivered.execute(records);
    stop();
  }
}
