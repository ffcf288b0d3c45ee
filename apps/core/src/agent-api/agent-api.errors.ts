import { ApplicationError, type FieldProblem } from '../errors/application-error';

/** A refusal of the agent API that is not the lifecycle's: access, unknown records, bad input. */
export class AgentApiRefused extends ApplicationError {
  constructor(kind: 'forbidden' | 'not-found' | 'invalid' | 'conflict', message: string, errors?: FieldProblem[]) {
    super(kind, kind, message, errors);
  }
}
