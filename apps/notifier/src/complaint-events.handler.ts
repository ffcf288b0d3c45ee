import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { type BusRecord, OnBatch } from '@plaint/bus';
import { COMPLAINT_EVENTS_TOPIC, type ComplaintEventV1 } from '@plaint/contracts';
import { Metrics } from '@plaint/observability';
import { SendNotices } from './send-notices.use-case';

export const NOTIFIER_GROUP = 'notifier';

@Controller()
export class ComplaintEventsHandler {
  constructor(
    private readonly sendNotices: SendNotices,
    private readonly metrics: Metrics,
  ) {}

  @OnBatch(COMPLAINT_EVENTS_TOPIC, NOTIFIER_GROUP)
  async handle(@Payload() records: readonly BusRecord<ComplaintEventV1>[]): Promise<void> {
    const stop = this.metrics.batchSeconds.startTimer({ group: NOTIFIER_GROUP });
    await this.sendNotices.execute(records);
    stop();
  }
}
