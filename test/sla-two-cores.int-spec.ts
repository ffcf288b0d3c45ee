import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { ComplaintEntity, CustomerEntity, dataSourceOptions } from '../libs/persistence/src';
import { ChildService } from './support/child-service';
import { complaintRow } from './support/complaint-row';
import { freePort } from './support/free-port';
import { createTestDatabase, queryDatabase, type TestDatabase } from './support/postgres';
import { newInstallation, serviceEnv } from './support/plaint-services';
import { statusOf } from './support/probe';
import { describeWithRealParts } from './support/real-parts';
import { waitFor } from './support/wait-for';

const COMPLAINTS = 150;

describeWithRealParts('the SLA clock with two core replicas on one database', (parts) => {
  let db: TestDatabase;
  const services: ChildService[] = [];

  beforeAll(async () => {
    db = await createTestDatabase(parts.postgresUrl);
  });

  afterAll(async () => {
    for (const service of services) await service.kill();
    await db?.drop();
  });

  const rows = <T>(sql: string) => queryDatabase<T>(db.url, sql);
  const count = async (sql: string) => Number((await rows<{ n: string }>(sql))[0]?.n ?? 0);

  it('escalates each missed deadline exactly once: one alert, one staff event, one audit line', async () => {
    const installation = newInstallation(db.url);
    const env = async () =>
      serviceEnv(parts, installation, 'core', { PORT: String(await freePort()), PLAINT_METRICS_PORT: 'off', PLAINT_SLA_TICK_MS: '100' });
    const migrate = ChildService.start(await env(), ['migrate']);
    expect(await migrate.exit()).toBe(0);

    const cores: { service: ChildService; url: string }[] = [];
    for (let i = 0; i < 2; i += 1) {
      const coreEnv = await env();
      const service = ChildService.start(coreEnv);
      services.push(service);
      cores.push({ service, url: `http://127.0.0.1:${coreEnv.PORT}` });
    }
    for (const { url } of cores) {
      await waitFor(() => statusOf(`${url}/health/ready`), (status) => status === 200, { what: `core at ${url} to be ready`, timeoutMs: 60_000 });
    }

    // Both replicas tick every 100 ms while these appear, in five commits a little apart: each
    // complaint's acceptance deadline passed an hour ago; its resolution is far off (no warning due).
    const now = Date.now();
    const source = await new DataSource(dataSourceOptions({ kind: 'postgres', url: db.url, migrateOnBoot: false, poolSize: 2 })).initialize();
    const references: string[] = [];
    try {
      for (let commit = 0; commit < 5; commit += 1) {
        await source.transaction(async (manager) => {
          for (let i = 0; i < COMPLAINTS / 5; i += 1) {
            const customerId = randomUUID();
            const reference = `SLA2-${commit}${String(i).padStart(3, '0')}-${randomUUID().slice(0, 4).toUpperCase()}`;
            references.push(reference);
            await manager.getRepository(CustomerEntity).insert({ id: customerId, fullName: `Customer ${reference}`, createdAt: new Date(now) });
            await manager.getRepository(ComplaintEntity).insert(
              complaintRow(reference, {
                customerId,
                receivedAt: new Date(now - 5 * 24 * 3600_000),
                acceptBy: new Date(now - 3600_000),
                resolveBy: new Date(now + 30 * 24 * 3600_000),
              }),
            );
          }
        });
        await new Promise((resolve) => setTimeout(resolve, 170));
      }
    } finally {
      await source.destroy();
    }

    await waitFor(() => count('SELECT count(*) AS n FROM sla_alerts'), (n) => n >= COMPLAINTS, {
      what: `${COMPLAINTS} escalations`,
      timeoutMs: 60_000,
      intervalMs: 100,
    });
    // Many more ticks of both replicas: nothing may be raised again.
    await new Promise((resolve) => setTimeout(resolve, 3_000));

    const alerts = await rows<{ complaint_id: string; deadline: string; kind: string; n: string }>(
      'SELECT complaint_id, deadline, kind, count(*) AS n FROM sla_alerts GROUP BY complaint_id, deadline, kind',
    );
    expect(alerts).toHaveLength(COMPLAINTS);
    expect(alerts.filter((alert) => alert.deadline !== 'accept' || alert.kind !== 'breach' || alert.n !== '1')).toEqual([]);
    expect(await count('SELECT count(*) AS n FROM sla_alerts')).toBe(COMPLAINTS);
    // The staff notice of each escalation, queued once for the notifier.
    expect(await count(`SELECT count(*) AS n FROM outbox WHERE topic LIKE '%plaint.agent-events.v1' AND payload LIKE '%"sla.breach"%'`)).toBe(COMPLAINTS);
    expect(await count(`SELECT count(DISTINCT message_key) AS n FROM outbox WHERE payload LIKE '%"sla.breach"%'`)).toBe(COMPLAINTS);
    // One audit line per escalation, written by whichever replica raised it.
    expect(await count(`SELECT count(*) AS n FROM complaint_history WHERE why LIKE 'accept deadline % passed: escalated to supervisors'`)).toBe(COMPLAINTS);
    // Each escalation logged by one replica only.
    const logged = cores.map(({ service }) => references.filter((reference) => service.log.includes(`${reference}: accept deadline`)).length);
    expect(logged[0]! + logged[1]!).toBe(COMPLAINTS);
  }, 180_000);
});
