import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { type BusRecord, OnBatch } from '@plaint/bus';
import { INBOUND_TOPIC, type InboundMessageV1 } from '@plaint/contracts';
import { Metrics } from '@plaint/observability';
import { OutboxRelay } from '../outbox/outbox-relay';
import { RecordInboundBatch } from './record-inbound-batch.use-case';

export const CORE_GROUP = 'core';

@Controller()
export class InboundHandler {
  constructor(
    private readonly recordBatch: RecordInboundBatch,
    private readonly relay: OutboxRelay,
    private readonly metrics: Metrics,
  ) {}

  @OnBatch(INBOUND_TOPIC, CORE_GROUP)
  async handle(@Payload() records: readonly BusRecord<InboundMessageV1>[]): Promise<void> {
    const stop = this.metrics.batchSeconds.startTimer({ group: CORE_GROUP });
    const outcome = await this.recordBatch.execute(records);
    stop();
    if (outcome.opened > 0) this.relay.wake();
  }
}
