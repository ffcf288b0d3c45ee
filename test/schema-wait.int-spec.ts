import { ChildService } from './support/child-service';
import { freePort } from './support/free-port';
import { createTestDatabase, queryDatabase, type TestDatabase } from './support/postgres';
import { newInstallation, serviceEnv } from './support/plaint-services';
import { probe, statusOf } from './support/probe';
import { describeWithRealParts } from './support/real-parts';
import { waitFor } from './support/wait-for';

describeWithRealParts('serve waits for the schema that a migration Job applies', (parts) => {
  let db: TestDatabase;
  const services: ChildService[] = [];

  beforeEach(async () => {
    db = await createTestDatabase(parts.postgresUrl);
  });

  afterEach(async () => {
    for (const service of services.splice(0)) await service.kill();
    await db?.drop();
  });

  /** Core on a fresh, empty database, told not to migrate it itself (the Kubernetes way). */
  const startCore = async (extra: Record<string, string> = {}) => {
    const port = await freePort();
    const env = serviceEnv(parts, newInstallation(db.url), 'core', {
      PORT: String(port),
      PLAINT_METRICS_PORT: 'off',
      PLAINT_DATABASE_MIGRATE: 'false',
      ...extra,
    });
    const core = ChildService.start(env);
    services.push(core);
    return { core, env, url: `http://127.0.0.1:${port}` };
  };
  const exitWithin = (service: ChildService, ms: number) =>
    Promise.race([service.exit(), new Promise<'running'>((resolve) => setTimeout(() => resolve('running'), ms).unref())]);

  it('is alive but not ready until `plaint migrate` has run, then serves', async () => {
    const { core, env, url } = await startCore();

    await waitFor(() => statusOf(`${url}/health/live`), (status) => status === 200, { what: 'the liveness probe', timeoutMs: 30_000 });
    expect(await probe(`${url}/health/live`)).toEqual({ status: 200, body: { status: 'waiting-for-schema' } });
    expect(await statusOf(`${url}/health/ready`)).toBe(503);
    expect(await statusOf(`${url}/health`)).toBe(503);

    // Still waiting a few seconds later: no crash loop, and it says what it waits for.
    expect(await exitWithin(core, 4_000)).toBe('running');
    expect(await statusOf(`${url}/health/live`)).toBe(200);
    expect(await statusOf(`${url}/health/ready`)).toBe(503);
    expect(core.log).toContain('waiting for migrations InitialSchema1764000000000');
    expect(core.log).toContain('MailboxLeases1764800000000');

    const migrate = ChildService.start(env, ['migrate']);
    services.push(migrate);
    expect(await migrate.exit()).toBe(0);

    const ready = await waitFor(() => probe(`${url}/health/ready`), (seen) => seen !== 'refused' && seen.status === 200, {
      what: 'readiness after the migration',
      timeoutMs: 60_000,
      intervalMs: 200,
    });
    expect(ready).toMatchObject({ status: 200, body: { status: 'ok', checks: { database: 'up' } } });
    expect(await statusOf(`${url}/health/live`)).toBe(200);
    // The service itself answers now: its agent API refuses an unsigned caller.
    expect(await statusOf(`${url}/api/v1/agent/complaints`)).toBe(401);
    const tables = await queryDatabase<{ n: string }>(db.url, `SELECT count(*) AS n FROM information_schema.tables WHERE table_name = 'mailbox_leases'`);
    expect(tables[0]?.n).toBe('1');
  }, 120_000);

  it('gives up after PLAINT_SCHEMA_WAIT_SECONDS, naming the missing migrations and `plaint migrate`', async () => {
    const { core, url } = await startCore({ PLAINT_SCHEMA_WAIT_SECONDS: '3' });

    await waitFor(() => statusOf(`${url}/health/live`), (status) => status === 200, { what: 'the liveness probe', timeoutMs: 30_000 });
    expect(await core.exit()).toBe(1);
    expect(core.log).toMatch(/missing migrations InitialSchema1764000000000, .*MailboxLeases1764800000000/);
    expect(core.log).toContain('gave up after waiting 3 s (PLAINT_SCHEMA_WAIT_SECONDS)');
    expect(core.log).toContain('Run `plaint migrate`');
    expect(await statusOf(`${url}/health/live`)).toBe(0);
  }, 60_000);

  it('with PLAINT_SCHEMA_WAIT_SECONDS=0 fails at once instead of waiting', async () => {
    const { core } = await startCore({ PLAINT_SCHEMA_WAIT_SECONDS: '0' });
    expect(await exitWithin(core, 20_000)).toBe(1);
    expect(core.log).toContain('missing migrations InitialSchema1764000000000');
  }, 60_000);
});
