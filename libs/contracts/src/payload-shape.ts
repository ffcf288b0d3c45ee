/** Members that address an object's prototype rather than data; no payload of ours has them. */
const PROTOTYPE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

export type PayloadShapeProblem = 'too-deep' | 'prototype-key';

/**
 * What is wrong with the shape of a parsed JSON value before any field is looked at: nesting
 * deeper than `maxDepth`, or a member such as `__proto__` (class-transformer drops those
 * silently, so they would slip past the check for unknown fields). Walked without recursion.
 */
export function payloadShapeProblem(value: unknown, maxDepth: number): PayloadShapeProblem | null {
  if (exceedsDepth(value, maxDepth)) return 'too-deep';
  const pending: unknown[] = [value];
  while (pending.length > 0) {
    const next = pending.pop();
    if (typeof next !== 'object' || next === null) continue;
    for (const [key, child] of Object.entries(next)) {
      if (PROTOTYPE_KEYS.has(key)) return 'prototype-key';
      if (typeof child === 'object' && child !== null) pending.push(child);
    }
  }
  return null;
}

/**
 * How deeply a parsed JSON value nests objects and arrays, walked without recursion and given up
 * as soon as `limit` is passed, so a hostile payload costs at most `limit` levels of work and
 * never the stack (class-transformer and class-validator recurse, and overflow on a few kB).
 * A scalar is depth 0, `{}` and `[]` depth 1.
 */
export function exceedsDepth(value: unknown, limit: number): boolean {
  const pending: { value: unknown; depth: number }[] = [{ value, depth: 0 }];
  while (pending.length > 0) {
    const next = pending.pop()!;
    if (typeof next.value !== 'object' || next.value === null) continue;
    const depth = next.depth + 1;
    if (depth > limit) return true;
    for (const child of Object.values(next.value)) {
      if (typeof child === 'object' && child !== null) pending.push({ value: child, depth });
    }
  }
  return false;
}
