import { BadRequestException, Body, Controller, Headers, HttpCode, Post, ServiceUnavailableException, UseGuards } from '@nestjs/common';
import { correlationIdFrom } from '@plaint/observability';
import { CallbackRequestDto } from './callback-request.dto';
import { CallbackRequestRateLimit } from './callback-request-rate-limit';
import { InvalidCallbackRequest, SubmitCallbackRequest, type SubmittedCallbackRequest } from './submit-callback-request.use-case';

const IDEMPOTENCY_KEY = /^[A-Za-z0-9_.:-]{8,200}$/;

@Controller('api/v1/callback-requests')
export class CallbackRequestsController {
  constructor(private readonly submit: SubmitCallbackRequest) {}

  @Post()
  @HttpCode(202)
  @UseGuards(CallbackRequestRateLimit)
  async create(
    @Body() form: CallbackRequestDto,
    @Headers('idempotency-key') idempotencyKey?: string,
    @Headers('x-correlation-id') correlationId?: string,
  ): Promise<SubmittedCallbackRequest> {
    if (idempotencyKey !== undefined && !IDEMPOTENCY_KEY.test(idempotencyKey)) {
      throw new BadRequestException({
        message: 'Some fields are not valid',
        errors: [{ field: 'Idempotency-Key', problems: ['must be 8 to 200 letters, digits or . _ : -'] }],
      });
    }
    try {
      return await this.submit.execute(form, idempotencyKey, correlationIdFrom(correlationId));
    } catch (error) {
      if (error instanceof InvalidCallbackRequest) {
        throw new BadRequestException({ message: error.message, errors: error.fields });
      }
      // Nothing was stored: the message never reached the bus. The client retries with its key.
      throw new ServiceUnavailableException('The request could not be recorded now; please try again');
    }
  }
}
