import { type ArgumentsHost, Catch, type ExceptionFilter, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { ContractViolation, violationFields } from '@plaint/contracts';

/**
 * A payload an edge built and the bus contract then refused: the edge's validation let through
 * something the contract does not, which is a bug. It is logged with the fields (never their
 * values) and answered 400 like any refused input; nothing was published, so nothing is stored.
 */
@Catch(ContractViolation)
export class ContractViolationFilter implements ExceptionFilter<ContractViolation> {
  private readonly logger = new Logger('ContractViolation');

  catch(violation: ContractViolation, host: ArgumentsHost): void {
    this.logger.error(`an accepted request did not fit the ${violation.topic} contract: ${violation.problems.join('; ')}`);
    host
      .switchToHttp()
      .getResponse<Response>()
      .status(400)
      .json({ message: 'Some fields are not valid', errors: violationFields(violation) });
  }
}

