import {
  BadRequestException,
  Body,
  Controller,
  Headers,
  HttpCode,
  Ip,
  Logger,
  Post,
  ServiceUnavailableException,
  UnprocessableEntityException,
  UseGuards,
} from '@nestjs/common';
import { ApiAcceptedResponse } from '@nestjs/swagger';
import { ContractViolation } from '@plaint/contracts';
import { correlationIdFrom, inSpan, SpanKind } from '@plaint/observability';
import { CallbackRequestAccepted, CallbackRequestDto } from './callback-request.dto';
import { CallbackRequestRateLimit } from './callback-request-rate-limit';
import { IdempotencyKeyReused, InvalidCallbackRequest, SubmitCallbackRequest } from './submit-callback-request.use-case';

const IDEMPOTENCY_KEY = /^[A-Za-z0-9_.:-]{8,200}$/;

@Controller('api/v1/callback-requests')
export class CallbackRequestsController {
  private readonly logger = new Logger(CallbackRequestsController.name);

  constructor(private readonly submit: SubmitCallbackRequest) {}

  @Post()
  @HttpCode(202)
  @ApiAcceptedResponse({ type: CallbackRequestAccepted })
  @UseGuards(CallbackRequestRateLimit)
  async create(
    @Body() form: CallbackRequestDto,
    // The client as Express resolves it behind the trusted proxies: whose idempotency keys these are.
    @Ip() client: string | undefined,
    @Headers('idempotency-key') idempotencyKey?: string,
    @Headers('x-correlation-id') correlationId?: string,
  ): Promise<CallbackRequestAccepted> {
    if (idempotencyKey !== undefined && !IDEMPOTENCY_KEY.test(idempotencyKey)) {
      throw new BadRequestException({
        message: 'Some fields are not valid',
        errors: [{ field: 'Idempotency-Key', problems: ['must be 8 to 200 letters, digits or . _ : -'] }],
      });
    }
    try {
      return await inSpan(
        'web form posted',
        { 'plaint.channel': 'web_form' },
        () => this.submit.execute(form, idempotencyKey, client ?? 'unknown', correlationIdFrom(correlationId)),
        { kind: SpanKind.SERVER },
      );
    } catch (error) {
      if (error instanceof InvalidCallbackRequest) {
        throw new BadRequestException({ message: error.message, errors: error.fields });
      }
      if (error instanceof IdempotencyKeyReused) {
        throw new UnprocessableEntityException({
          message: error.message,
          errors: [{ field: 'Idempotency-Key', problems: ['was already used with a different body; send a new key for a new request'] }],
        });
      }
      // A bug, not an outage: answered 400 (and logged) by the ContractViolation filter.
      if (error instanceof ContractViolation) throw error;
      // Nothing was stored: the message never reached the bus. The client retries with its key.
      this.logger.error(`callback request not recorded (bus or idempotency store unavailable): ${(error as Error).message}`);
      throw new ServiceUnavailableException('The request could not be recorded now; please try again');
    }
  }
}
