export type FaultKind = 'core-kill' | 'kafka-restart' | 'postgres-restart' | 'smtp-4xx' | 'redis-stop';

export interface PlannedFault {
  kind: FaultKind;
  /** When, from the start of the load. */
  atMs: number;
  /** For a kill: which core instance (0 or 1). */
  target?: number;
}

/** A small seeded generator (mulberry32): the same seed gives the same customers' channels and the same fault moments. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/**
 * The campaign's faults at random moments of the load, in time order: `kills` SIGKILLs of a
 * core instance, one broker restart and one PostgreSQL restart between 10% and 80% of it; the
 * SMTP refusal and the Redis stop start between 5% and 50%, so that their windows end while
 * customers still write and the recovery after them can be seen.
 */
export function faultSchedule(
  random: () => number,
  { loadMs, kills, smtpRefusalMs, redisDownMs }: { loadMs: number; kills: number; smtpRefusalMs: number; redisDownMs: number },
): PlannedFault[] {
  const between = (from: number, to: number) => Math.round(loadMs * (from + random() * (to - from)));
  const faults: PlannedFault[] = [];
  for (let i = 0; i < kills; i += 1) faults.push({ kind: 'core-kill', atMs: between(0.1, 0.8), target: random() < 0.5 ? 0 : 1 });
  faults.push({ kind: 'kafka-restart', atMs: between(0.1, 0.8) });
  faults.push({ kind: 'postgres-restart', atMs: between(0.1, 0.8) });
  faults.push({ kind: 'smtp-4xx', atMs: Math.min(between(0.05, 0.5), Math.max(0, loadMs - smtpRefusalMs)) });
  faults.push({ kind: 'redis-stop', atMs: Math.min(between(0.05, 0.5), Math.max(0, loadMs - redisDownMs)) });
  return faults.sort((a, b) => a.atMs - b.atMs);
}
