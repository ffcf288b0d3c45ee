/**
 * Where the integration tiers find the real parts. `npm test` sets these; running one file by
 * hand without them skips its real-parts tests with a message, unless PLAINT_REQUIRE_REAL_PARTS
 * is set (CI), where a missing part is a failure, never a skip.
 */
export interface RealParts {
  kafkaBrokers: string;
  postgresUrl: string;
  redisUrl: string;
}

export function realParts(): RealParts | null {
  const kafkaBrokers = process.env.PLAINT_KAFKA_BROKERS;
  const postgresUrl = process.env.PLAINT_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const redisUrl = process.env.PLAINT_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
  if (!kafkaBrokers) {
    if (process.env.PLAINT_REQUIRE_REAL_PARTS || process.env.CI) {
      throw new Error('PLAINT_KAFKA_BROKERS is not set: run the suite with `npm test`, which starts Kafka');
    }
    return null;
  }
  return { kafkaBrokers, postgresUrl, redisUrl };
}

/** `describe` that runs only with the real parts present (and fails, in CI, without them). */
export function describeWithRealParts(name: string, body: (parts: RealParts) => void): void {
  const parts = realParts();
  if (!parts) {
    describe.skip(`${name} (needs PLAINT_KAFKA_BROKERS; run npm test)`, () => {
      it.skip('runs against the real parts', () => undefined);
    });
    return;
  }
  describe(name, () => body(parts));
}
