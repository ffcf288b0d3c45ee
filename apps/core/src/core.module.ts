import { Module } from '@nestjs/common';
import { ThrottlerModule } from '@nestjs/throttler';
import { PLAINT_CONFIG, type PlaintConfig } from '@plaint/config';
import { BusinessCalendar, Clock } from '@plaint/domain';
import { businessCalendarFor } from './business-calendar.provider';
import { CustomerDirectory } from './intake/customer-directory';
import { InboundHandler } from './intake/inbound.handler';
import { RecordInboundBatch } from './intake/record-inbound-batch.use-case';
import { OutboxRelay } from './outbox/outbox-relay';
import { LookUpStatus } from './status/look-up-status.use-case';
import { StatusController } from './status/status.controller';

/** Core: complaints from messages exactly once, the outbox relay, the customer status API. */
@Module({
  imports: [
    ThrottlerModule.forRootAsync({
      inject: [PLAINT_CONFIG],
      useFactory: (config: PlaintConfig) => ({
        throttlers: [{ name: 'status', ttl: 60_000, limit: config.statusLookupsPerMinute }],
      }),
    }),
  ],
  controllers: [InboundHandler, StatusController],
  providers: [
    { provide: BusinessCalendar, inject: [PLAINT_CONFIG, Clock], useFactory: businessCalendarFor },
    CustomerDirectory,
    RecordInboundBatch,
    OutboxRelay,
    LookUpStatus,
  ],
  exports: [OutboxRelay, RecordInboundBatch],
})
export class CoreModule {}
