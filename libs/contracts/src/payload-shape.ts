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
