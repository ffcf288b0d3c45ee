import { ApplicationError, type ErrorKind } from '../errors/application-error';
import type { FieldProblems } from './agent-account-rules';

/** What the agent use cases refuse; the edge (HTTP filter, command line) words each one. */
export type AgentProblem =
  | { code: 'invalid'; fields: FieldProblems }
  | { code: 'username_taken'; username: string }
  | { code: 'not_found' }
  | { code: 'last_admin' }
  | { code: 'self_deactivation' }
  | { code: 'bad_credentials' };

/** Bad username, bad password, unknown user, inactive agent: one answer, so it tells nothing. */
export const BAD_CREDENTIALS_MESSAGE = 'The username or password is not correct';

export class AgentError extends ApplicationError {
  constructor(readonly problem: AgentProblem) {
    const [kind, message] = describe(problem);
    super(kind, problem.code, message, problem.code === 'invalid' ? problem.fields : undefined);
  }
}

function describe(problem: AgentProblem): [ErrorKind, string] {
  switch (problem.code) {
    case 'invalid':
      return ['invalid', 'Some fields are not valid'];
    case 'username_taken':
      return ['conflict', `The username "${problem.username}" is taken`];
    case 'not_found':
      return ['not-found', 'No such agent'];
    case 'last_admin':
      return ['conflict', 'This would leave no active admin'];
    case 'self_deactivation':
      return ['conflict', 'You cannot deactivate your own account'];
    case 'bad_credentials':
      return ['unauthorized', BAD_CREDENTIALS_MESSAGE];
  }
}
