import type { OnModuleDestroy } from '@nestjs/common';
import { createClient } from 'redis';
import { IdempotencyStore } from './idempotency-store';

/** Deletes the key only while it still holds this request's hash. */
const FORGET = "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0";

/** Idempotency keys in Redis, shared by every ingest-web instance; Redis expires them. */
export class RedisIdempotencyStore extends IdempotencyStore implements OnModuleDestroy {
  private readonly client;
  private connecting: Promise<unknown> | undefined;

  constructor(url: string) {
    super();
    this.client = createClient({ url });
    // Errors surface on the commands that fail (and become 503s); the event only needs a listener.
    this.client.on('error', () => undefined);
  }

  async remember(key: string, bodyHash: string, ttlSeconds: number): Promise<string | null> {
    await this.connect();
    const stored = await this.client.set(key, bodyHash, { condition: 'NX', expiration: { type: 'EX', value: ttlSeconds } });
    if (stored === 'OK') return null;
    // Known already (or it expired in between, which reads as never used: the body is new).
    return (await this.client.get(key)) ?? null;
  }

  async forget(key: string, bodyHash: string): Promise<void> {
    await this.connect();
    await this.client.eval(FORGET, { keys: [key], arguments: [bodyHash] });
  }

  async onModuleDestroy(): Promise<void> {
    if (this.connecting) await this.client.quit().catch(() => undefined);
  }

  private connect(): Promise<unknown> {
    this.connecting ??= this.client.connect().catch((error: unknown) => {
      this.connecting = undefined;
      throw error;
    });
    return this.connecting;
  }
}
