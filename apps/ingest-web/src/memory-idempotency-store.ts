import { type Clock } from '@plaint/domain';
import { IdempotencyStore } from './idempotency-store';

/** Enough for a busy day of one process; beyond it the oldest keys are forgotten first. */
const MAX_KEYS = 100_000;

/** The one-process install's idempotency store: a bounded map with expiry. */
export class MemoryIdempotencyStore extends IdempotencyStore {
  private readonly entries = new Map<string, { bodyHash: string; expiresAt: number }>();

  constructor(private readonly clock: Clock) {
    super();
  }

  remember(key: string, bodyHash: string, ttlSeconds: number): Promise<string | null> {
    const now = this.clock.now().getTime();
    const known = this.entries.get(key);
    if (known && known.expiresAt > now) return Promise.resolve(known.bodyHash);
    this.entries.delete(key);
    this.entries.set(key, { bodyHash, expiresAt: now + ttlSeconds * 1000 });
    this.prune(now);
    return Promise.resolve(null);
  }

  forget(key: string, bodyHash: string): Promise<void> {
    if (this.entries.get(key)?.bodyHash === bodyHash) this.entries.delete(key);
    return Promise.resolve();
  }

  /** Insertion order is expiry order (one TTL for all), so expired keys are at the front. */
  private prune(now: number): void {
    for (const [key, entry] of this.entries) {
      if (entry.expiresAt > now && this.entries.size <= MAX_KEYS) break;
      this.entries.delete(key);
    }
  }
}
