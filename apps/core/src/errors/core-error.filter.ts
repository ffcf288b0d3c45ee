import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { ContractViolation, violationFields } from '@plaint/contracts';
import { ApplicationError, type ErrorKind, type FieldProblem, ServiceUnavailable } from './application-error';

/** The body of every error core answers. */
export interface ErrorBody {
  statusCode: number;
  message: string;
  code: string;
  errors?: FieldProblem[];
}

const STATUS: Readonly<Record<ErrorKind, number>> = {
  invalid: 400,
  unauthorized: 401,
  forbidden: 403,
  'not-found': 404,
  conflict: 409,
  unprocessable: 422,
  unavailable: 503,
};

const CODE_OF_STATUS: Readonly<Record<number, string>> = {
  400: 'invalid',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not-found',
  409: 'conflict',
  413: 'too-large',
  415: 'unsupported-media-type',
  422: 'unprocessable',
  429: 'too-many-requests',
  503: 'unavailable',
};

export const INTERNAL_ERROR_MESSAGE = 'Something went wrong on our side; please try again later';

/**
 * The one place core's errors become HTTP answers, all in one shape ({ statusCode, message,
 * code, errors? }). Each is logged before it is mapped: refusals briefly, and anything that is
 * not a refusal (a bug) with its stack, answered 500.
 */
@Catch()
export class CoreErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('CoreErrors');

  catch(error: unknown, host: ArgumentsHost): void {
    const body = this.bodyFor(error);
    host.switchToHttp().getResponse<Response>().status(body.statusCode).json(body);
  }

  private bodyFor(error: unknown): ErrorBody {
    if (error instanceof ApplicationError) {
      const statusCode = STATUS[error.kind];
      if (statusCode >= 500) this.logger.error(`${error.code}: ${error.message}${causeOf(error)}`);
      else this.logger.debug(`refused (${error.code}): ${error.message}`);
      return { statusCode, message: error.message, code: error.code, ...(error.errors ? { errors: error.errors } : {}) };
    }
    if (error instanceof ContractViolation) {
      // An edge's validation let through what the bus contract refuses: a bug, answered as bad input.
      this.logger.error(`an accepted request did not fit the ${error.topic} contract: ${error.problems.join('; ')}`);
      return { statusCode: 400, message: 'Some fields are not valid', code: 'invalid', errors: violationFields(error) };
    }
    if (error instanceof HttpException) {
      const statusCode = error.getStatus();
      const response = error.getResponse();
      const given = typeof response === 'string' ? { message: response } : (response as { message?: unknown; errors?: FieldProblem[]; code?: unknown });
      const message = typeof given.message === 'string' ? given.message : error.message;
      const code = typeof given.code === 'string' ? given.code : (CODE_OF_STATUS[statusCode] ?? 'error');
      if (statusCode >= 500) this.logger.error(`${statusCode}: ${message}`);
      else this.logger.debug(`refused (${statusCode}): ${message}`);
      return { statusCode, message, code, ...(given.errors ? { errors: given.errors } : {}) };
    }
    this.logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    return { statusCode: 500, message: INTERNAL_ERROR_MESSAGE, code: 'internal' };
  }
}

function causeOf(error: ApplicationError): string {
  return error instanceof ServiceUnavailable ? ` (${error.detail})` : '';
}
