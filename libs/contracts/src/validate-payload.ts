import { plainToInstance } from 'class-transformer';
import { type ValidationError, validateSync } from 'class-validator';
import { TOPICS, type TopicName, type TopicPayload } from './topics';

/** A payload that does not satisfy its topic's contract. `problems` names each field. */
export class ContractViolation extends Error {
  constructor(
    readonly topic: string,
    readonly problems: string[],
  ) {
    super(`payload for ${topic} violates its contract: ${problems.join('; ')}`);
    this.name = 'ContractViolation';
  }
}

/** A violation's problems grouped by field (its path in the payload), in the API's error shape. */
export function violationFields(violation: ContractViolation): { field: string; problems: string[] }[] {
  const byField = new Map<string, string[]>();
  for (const problem of violation.problems) {
    const colon = problem.indexOf(': ');
    const field = colon > 0 ? problem.slice(0, colon) : 'payload';
    byField.set(field, [...(byField.get(field) ?? []), colon > 0 ? problem.slice(colon + 2) : problem]);
  }
  return [...byField].map(([field, problems]) => ({ field, problems }));
}

export function describeValidationErrors(errors: ValidationError[], parent = ''): string[] {
  return errors.flatMap((error) => {
    const path = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => `${path}: ${message}`);
    return [...own, ...describeValidationErrors(error.children ?? [], path)];
  });
}

/** Validation errors as the API reports them: one entry per top-level field. */
export function fieldProblems(errors: ValidationError[]): { field: string; problems: string[] }[] {
  return errors.map((error) => ({
    field: error.property,
    problems: describeValidationErrors([error]).map((problem) => problem.replace(/^[^:]+: /, '')),
  }));
}

/**
 * Builds the typed payload for a topic from a plain object and validates it; used both when a
 * payload is published and when it is consumed. Unknown properties are refused, so a typo in a
 * producer cannot slip through as silently-ignored data.
 */
export function buildPayload<T extends TopicName>(topic: T, plain: unknown): TopicPayload<T> {
  if (typeof plain !== 'object' || plain === null || Array.isArray(plain)) {
    throw new ContractViolation(topic, ['payload must be a JSON object']);
  }
  const instance = plainToInstance(TOPICS[topic] as new () => object, plain) as TopicPayload<T>;
  const errors = validateSync(instance, { whitelist: true, forbidNonWhitelisted: true });
  if (errors.length > 0) throw new ContractViolation(topic, describeValidationErrors(errors));
  return instance;
}
