import {
  type ArgumentsHost,
  BadRequestException,
  Catch,
  ConflictException,
  type ExceptionFilter,
  type HttpException,
  NotFoundException,
  UnauthorizedException,
} from '@nestjs/common';
import type { Response } from 'express';
import { AgentError, type AgentProblem } from './agent-error';

/** Bad username, bad password, unknown user, inactive agent: one answer, so it tells nothing. */
export const BAD_CREDENTIALS_MESSAGE = 'The username or password is not correct';

/** The one place the agent use cases' refusals become HTTP answers. */
export function httpExceptionFor(problem: AgentProblem): HttpException {
  switch (problem.code) {
    case 'invalid':
      return new BadRequestException({ message: 'Some fields are not valid', errors: problem.fields });
    case 'username_taken':
      return new ConflictException(`The username "${problem.username}" is taken`);
    case 'not_found':
      return new NotFoundException('No such agent');
    case 'last_admin':
      return new ConflictException('This would leave no active admin');
    case 'bad_credentials':
      return new UnauthorizedException(BAD_CREDENTIALS_MESSAGE);
  }
}

@Catch(AgentError)
export class AgentErrorFilter implements ExceptionFilter<AgentError> {
  catch(error: AgentError, host: ArgumentsHost): void {
    const exception = httpExceptionFor(error.problem);
    host.switchToHttp().getResponse<Response>().status(exception.getStatus()).json(exception.getResponse());
  }
}
