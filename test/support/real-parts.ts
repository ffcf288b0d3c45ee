/**
 * Where the integration tiers find the real parts. `npm test` sets these. A missing part is a
 * failure with a message saying how to provide it, never a skip: a run without Kafka must not
 * look green.
 */
export interface RealParts {
  kafkaBrokers: string;
  postgresUrl: string;
  redisUrl: string;
}

export function realParts(): RealParts {
  const kafkaBrokers = process.env.PLAINT_KAFKA_BROKERS;
  const postgresUrl = process.env.PLAINT_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const redisUrl = process.env.PLAINT_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
  if (!kafkaBrokers) {
    throw new Error(
      'PLAINT_KAFKA_BROKERS is not set: run the suite with `npm test` (it starts Kafka), or one file with `bash scripts/with-kafka.sh npx jest <file>`',
    );
  }
  return { kafkaBrokers, postgresUrl, redisUrl };
}

/** `describe` over the real parts; fails at once, saying why, when one is missing. */
export function describeWithRealParts(name: string, body: (parts: RealParts) => void): void {
  const parts = realParts();
  describe(name, () => body(parts));
}
