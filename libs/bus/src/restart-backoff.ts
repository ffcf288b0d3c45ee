/** Delay before restart attempt `attempt` (1-based): 1, 2, 4 … seconds, at most `maxMs`. */
export function restartDelayMs(attempt: number, baseMs = 1_000, maxMs = 30_000): number {
  return Math.min(baseMs * 2 ** Math.max(0, attempt - 1), maxMs);
}
