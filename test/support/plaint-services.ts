import { randomBytes } from 'node:crypto';
import { type RunningPlaint, startPlaint } from '../../apps/plaint/src/bootstrap';
import type { RealParts } from './real-parts';

/**
 * Environment of a one-process install on the embedded defaults (SQLite in `dataDir`, the
 * in-process bus) listening on a free local port; `extra` adds to or overrides it.
 */
export function embeddedEnv(dataDir: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    PORT: '0',
    HOST: '127.0.0.1',
    PLAINT_DATA_DIR: dataDir,
    PLAINT_LOG_LEVEL: process.env.PLAINT_TEST_LOG_LEVEL ?? 'warn',
    ...extra,
  };
}

export { UNLIMITED_PUBLIC_RATES } from './unlimited-public-rates';

/** Environment for one service of a test installation on the real Kafka and Postgres. */
export function serviceEnv(
  parts: RealParts,
  installation: { databaseUrl: string; topicPrefix: string; referenceSecret: string; authSecret?: string },
  app: string,
  extra: Record<string, string> = {},
): Record<string, string> {
  return {
    PORT: '0',
    HOST: '127.0.0.1',
    PLAINT_APP: app,
    PLAINT_DATABASE_URL: installation.databaseUrl,
    PLAINT_KAFKA_BROKERS: parts.kafkaBrokers,
    PLAINT_KAFKA_TOPIC_PREFIX: installation.topicPrefix,
    PLAINT_KAFKA_PARTITIONS: '3',
    PLAINT_REFERENCE_SECRET: installation.referenceSecret,
    PLAINT_AUTH_SECRET: installation.authSecret ?? installation.referenceSecret,
    PLAINT_OUTBOX_POLL_MS: '100',
    PLAINT_LOG_LEVEL: process.env.PLAINT_TEST_LOG_LEVEL ?? 'warn',
    ...extra,
  };
}

export function newInstallation(databaseUrl: string): { databaseUrl: string; topicPrefix: string; referenceSecret: string } {
  return {
    databaseUrl,
    topicPrefix: `test-${randomBytes(4).toString('hex')}.`,
    referenceSecret: randomBytes(24).toString('base64url'),
  };
}

/** Starts services one after another (core first: it migrates the database). */
export async function startServices(envs: Record<string, string>[]): Promise<RunningPlaint[]> {
  const running: RunningPlaint[] = [];
  for (const env of envs) running.push(await startPlaint({ env }));
  return running;
}
