import { Module } from '@nestjs/common';
import { join } from 'node:path';
import { CallbackRequestRateLimit } from './callback-request-rate-limit';
import { CallbackRequestsController } from './callback-requests.controller';
import { PublicConfigController } from './public-config.controller';
import { SubmitCallbackRequest } from './submit-callback-request.use-case';

/** The customer page's files: beside src/ in the source tree and in the build. */
export const PUBLIC_DIR = join(__dirname, '..', 'public');

/** The web channel: the customer page, the "call me back" form. */
@Module({
  controllers: [CallbackRequestsController, PublicConfigController],
  providers: [SubmitCallbackRequest, CallbackRequestRateLimit],
})
export class IngestWebModule {}
