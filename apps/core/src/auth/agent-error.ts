import type { FieldProblems } from './agent-account-rules';

/** What the agent use cases refuse; the edge (HTTP filter, command line) words each one. */
export type AgentProblem =
  | { code: 'invalid'; fields: FieldProblems }
  | { code: 'username_taken'; username: string }
  | { code: 'not_found' }
  | { code: 'last_admin' }
  | { code: 'bad_credentials' };

export class AgentError extends Error {
  constructor(readonly problem: AgentProblem) {
    super(problem.code);
    this.name = 'AgentError';
  }
}
