import {
  type ArgumentsHost,
  BadRequestException,
  Catch,
  ConflictException,
  type ExceptionFilter,
  ForbiddenException,
  type HttpException,
  NotFoundException,
  UnprocessableEntityException,
} from '@nestjs/common';
import type { Response } from 'express';
import { ComplaintNotFound, LifecycleRefused } from '../lifecycle/change-complaint.use-case';

/** A refusal of the agent API that is not the lifecycle's: access, unknown records, bad input. */
export class AgentApiRefused extends Error {
  override readonly name = 'AgentApiRefused';
  constructor(
    readonly code: 'forbidden' | 'not-found' | 'invalid' | 'conflict',
    message: string,
  ) {
    super(message);
  }
}

/** The one place where refusals of complaint work become HTTP answers. */
export function httpExceptionFor(error: LifecycleRefused | ComplaintNotFound | AgentApiRefused): HttpException {
  if (error instanceof ComplaintNotFound) return new NotFoundException('No such complaint');
  if (error instanceof AgentApiRefused) {
    switch (error.code) {
      case 'forbidden':
        return new ForbiddenException(error.message);
      case 'not-found':
        return new NotFoundException(error.message);
      case 'invalid':
        return new BadRequestException(error.message);
      case 'conflict':
        return new ConflictException(error.message);
    }
  }
  const refusal = error.error;
  switch (refusal.code) {
    case 'invalid-transition':
      return new ConflictException({ code: refusal.code, message: `"${refusal.command}" is not possible while the complaint is ${refusal.state}` });
    case 'reason-required':
      return new UnprocessableEntityException({ code: refusal.code, message: `a reason is required to ${refusal.command}` });
    case 'nothing-requested':
      return new UnprocessableEntityException({ code: refusal.code, message: 'say what details are requested' });
    case 'outcome-required':
      return new UnprocessableEntityException({ code: refusal.code, message: 'the outcome is required in writing' });
    case 'root-cause-required':
      return new UnprocessableEntityException({ code: refusal.code, message: 'tag the root cause of the complaint' });
    case 'oral-without-agreement':
      return new UnprocessableEntityException({ code: refusal.code, message: 'an oral outcome needs the customer’s recorded agreement' });
    case 'clock-paused':
      return new ConflictException({ code: refusal.code, message: 'the clock stands still while waiting for the customer; extend after their answer' });
    case 'deadline-passed':
      return new ConflictException({ code: refusal.code, message: `the resolution deadline ${refusal.resolveBy.toISOString()} has passed; an extension must come before it` });
    case 'date-not-after-deadline':
      return new UnprocessableEntityException({ code: refusal.code, message: `the new date must be after the current deadline ${refusal.resolveBy.toISOString()}` });
    case 'reference-required':
      return new UnprocessableEntityException({ code: refusal.code, message: 'the reference of the surviving complaint is required' });
    case 'merge-into-self':
      return new UnprocessableEntityException({ code: refusal.code, message: 'a complaint cannot be merged into itself' });
    case 'merge-target-unknown':
      return new UnprocessableEntityException({ code: refusal.code, message: `no complaint ${refusal.reference}` });
    case 'merge-target-merged':
      return new ConflictException({ code: refusal.code, message: `${refusal.reference} is itself merged; merge into the complaint that goes on` });
    case 'merge-target-finished':
      return new ConflictException({ code: refusal.code, message: `${refusal.reference} is no longer being handled; only an open complaint can take a duplicate` });
    case 'merge-target-other-customer':
      return new ConflictException({
        code: refusal.code,
        message: `${refusal.reference} belongs to another customer record; merge the customer records first if they are the same person`,
      });
  }
}

@Catch(LifecycleRefused, ComplaintNotFound, AgentApiRefused)
export class AgentApiErrorFilter implements ExceptionFilter<LifecycleRefused | ComplaintNotFound | AgentApiRefused> {
  catch(error: LifecycleRefused | ComplaintNotFound | AgentApiRefused, host: ArgumentsHost): void {
    const exception = httpExceptionFor(error);
    host.switchToHttp().getResponse<Response>().status(exception.getStatus()).json(exception.getResponse());
  }
}
