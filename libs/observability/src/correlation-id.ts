import { randomUUID } from 'node:crypto';

const VALID = /^[A-Za-z0-9._:-]{8,64}$/;

/** A caller's correlation id when it is sane, a new one otherwise. */
export function correlationIdFrom(given: string | string[] | undefined): string {
  const candidate = Array.isArray(given) ? given[0] : given;
  return candidate && VALID.test(candidate) ? candidate : randomUUID();
}
