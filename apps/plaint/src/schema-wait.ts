import { createServer, type Server } from 'node:http';
import type { PlaintConfig } from '@plaint/config';
import type { PinoLogger } from '@plaint/observability';
import { missingMigrations } from '@plaint/persistence';
import { usesDatabase } from './infrastructure.module';
import { CommandFailed } from './operator-commands';

const CHECK_EVERY_MS = 1_000;
const LOG_EVERY_MS = 5_000;

export interface SchemaWaitOptions {
  checkEveryMs?: number;
  logEveryMs?: number;
}

/**
 * When this process does not migrate the database itself (PLAINT_DATABASE_MIGRATE=false: a
 * Job runs `plaint migrate` before the rollout), waits until every migration of this build is
 * applied instead of booting against an old schema and crash-looping. Meanwhile a small HTTP
 * server on PORT/HOST answers the probes: live, so the pod is not restarted, but not ready, so
 * it gets no traffic. Fails after PLAINT_SCHEMA_WAIT_SECONDS, naming what is missing.
 */
export async function waitForSchema(config: PlaintConfig, logger: PinoLogger, options: SchemaWaitOptions = {}): Promise<void> {
  const { database } = config;
  if (database.kind !== 'postgres' || database.migrateOnBoot || !usesDatabase(config)) return;
  const checkEveryMs = options.checkEveryMs ?? CHECK_EVERY_MS;
  const logEveryMs = options.logEveryMs ?? LOG_EVERY_MS;
  const began = Date.now();
  const deadline = began + config.schemaWaitSeconds * 1000;
  let probes: Server | undefined;
  let lastLog = 0;
  try {
    for (;;) {
      const state = await schemaState(database.url);
      if (state.problem === undefined && state.missing.length === 0) {
        if (probes) logger.log(`the database schema is up to date after ${Math.round((Date.now() - began) / 1000)} s; starting`, 'Schema');
        return;
      }
      if (Date.now() >= deadline) {
        const waited = `gave up after waiting ${config.schemaWaitSeconds} s (PLAINT_SCHEMA_WAIT_SECONDS)`;
        throw new CommandFailed(
          state.problem
            ? `the database did not answer (${state.problem}), so its schema could not be checked; ${waited}. Check PLAINT_DATABASE_URL and that the database is up.`
            : `the database schema is not up to date: missing migrations ${state.missing.join(', ')}; ${waited}. Run \`plaint migrate\` (the migration Job) against this database, or set PLAINT_DATABASE_MIGRATE=true to let the services migrate on boot.`,
        );
      }
      probes ??= await serveWaitingProbes(config);
      if (Date.now() - lastLog >= logEveryMs) {
        lastLog = Date.now();
        const what = state.problem ? `the database to answer (${state.problem})` : `migrations ${state.missing.join(', ')} (run \`plaint migrate\`)`;
        logger.warn(`waiting for ${what}; giving up in ${Math.ceil((deadline - Date.now()) / 1000)} s`, 'Schema');
      }
      await new Promise((resolve) => setTimeout(resolve, checkEveryMs));
    }
  } finally {
    if (probes) await closeProbes(probes);
  }
}

/** The migrations still missing, or why the database could not tell. */
async function schemaState(url: string): Promise<{ missing: string[]; problem?: string }> {
  try {
    return { missing: await missingMigrations(url) };
  } catch (error) {
    return { missing: [], problem: (error as Error).message };
  }
}

/** The probes' answers while waiting: alive, not ready. */
async function serveWaitingProbes(config: PlaintConfig): Promise<Server> {
  const server = createServer((request, response) => {
    const path = (request.url ?? '/').split('?')[0];
    const live = path === '/health/live';
    response.writeHead(live ? 200 : 503, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
    response.end(JSON.stringify({ status: 'waiting-for-schema' }));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return server;
}

async function closeProbes(server: Server): Promise<void> {
  // The application listens on the same port next: nothing may hold it open.
  const closed = new Promise((resolve) => server.close(resolve));
  server.closeAllConnections();
  await closed;
}
