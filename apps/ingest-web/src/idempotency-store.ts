/**
 * Remembers which request body an Idempotency-Key was first used with, for a while. ingest-web
 * keeps no database: Redis where the installation has it (several instances share what they
 * saw), the process's memory in the one-process install.
 */
export abstract class IdempotencyStore {
  /**
   * Records `bodyHash` under `key` unless the key is already known; answers the hash the key
   * was first used with, or null when this call recorded it.
   */
  abstract remember(key: string, bodyHash: string, ttlSeconds: number): Promise<string | null>;

  /** Lets go of a key this request recorded but could not act on, so a corrected retry is free. */
  abstract forget(key: string, bodyHash: string): Promise<void>;
}
