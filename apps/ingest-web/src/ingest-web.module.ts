import { Module } from '@nestjs/common';
import { PLAINT_CONFIG, type PlaintConfig } from '@plaint/config';
import { Clock } from '@plaint/domain';
import { join } from 'node:path';
import { CallbackRequestRateLimit } from './callback-request-rate-limit';
import { CallbackRequestsController } from './callback-requests.controller';
import { IdempotencyStore } from './idempotency-store';
import { MemoryIdempotencyStore } from './memory-idempotency-store';
import { PublicConfigController } from './public-config.controller';
import { RedisIdempotencyStore } from './redis-idempotency-store';
import { SubmitCallbackRequest } from './submit-callback-request.use-case';

/** The customer page's files: beside src/ in the source tree and in the build. */
export const PUBLIC_DIR = join(__dirname, '..', 'public');

/** The web channel: the customer page, the "call me back" form. */
@Module({
  controllers: [CallbackRequestsController, PublicConfigController],
  providers: [
    SubmitCallbackRequest,
    CallbackRequestRateLimit,
    {
      provide: IdempotencyStore,
      inject: [PLAINT_CONFIG, Clock],
      useFactory: (config: PlaintConfig, clock: Clock): IdempotencyStore =>
        config.redisUrl ? new RedisIdempotencyStore(config.redisUrl) : new MemoryIdempotencyStore(clock),
    },
  ],
})
export class IngestWebModule {}
