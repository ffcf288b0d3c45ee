/** What kind of refusal an error is; the one filter (core-error.filter.ts) maps each to an HTTP status. */
export type ErrorKind = 'invalid' | 'unauthorized' | 'forbidden' | 'not-found' | 'conflict' | 'unprocessable' | 'unavailable';

/** One problem of refused input: the field and what is wrong with it, in the user's words. */
export interface FieldProblem {
  field: string;
  problems: string[];
}

/**
 * Every refusal core's use cases raise: a stable code a client can act on, a message in the
 * user's words, and for refused input the problems field by field.
 */
export class ApplicationError extends Error {
  constructor(
    readonly kind: ErrorKind,
    readonly code: string,
    message: string,
    readonly errors?: FieldProblem[],
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** Nothing was stored: a part core depends on (the bus) did not take the request; it may be retried. */
export class ServiceUnavailable extends ApplicationError {
  constructor(
    message: string,
    /** For the log: what failed underneath. */
    readonly detail: string,
  ) {
    super('unavailable', 'unavailable', message);
  }
}
