import { randomUUID } from 'node:crypto';
import { OwnRedis } from './chaos/own-redis';
import { ChatClient } from './support/chat-client';
import { ChildService } from './support/child-service';
import { freePort } from './support/free-port';
import { createTestDatabase, type TestDatabase } from './support/postgres';
import { newInstallation, serviceEnv } from './support/plaint-services';
import { statusOf } from './support/probe';
import { describeWithRealParts } from './support/real-parts';
import { waitFor } from './support/wait-for';

describeWithRealParts('ingest-chat while its Redis is away', (parts) => {
  let db: TestDatabase;
  let redis: OwnRedis;
  let chat: ChildService | undefined;
  let client: ChatClient | undefined;

  beforeAll(async () => {
    db = await createTestDatabase(parts.postgresUrl);
    redis = await OwnRedis.start();
  });

  afterAll(async () => {
    client?.close();
    await chat?.kill();
    await redis?.stop();
    await db?.drop();
  });

  it('keeps running and taking messages when Redis stops, and reconnects once it is back', async () => {
    const installation = newInstallation(db.url);
    const migrate = ChildService.start(serviceEnv(parts, installation, 'core'), ['migrate']);
    expect(await migrate.exit()).toBe(0);
    const port = await freePort();
    chat = ChildService.start(serviceEnv(parts, installation, 'ingest-chat', { PORT: String(port), PLAINT_REDIS_URL: redis.url, PLAINT_METRICS_PORT: 'off' }));
    const url = `http://127.0.0.1:${port}`;
    await waitFor(() => statusOf(`${url}/health/ready`), (status) => status === 200, { timeoutMs: 60_000, what: 'ingest-chat to be ready' });
    let exited = false;
    void chat.exit().then(() => (exited = true));

    client = await ChatClient.connect(url);
    const started = await client.start({ fullName: 'Fidan Rzayeva', email: 'fidan@example.az' });
    expect(started.ok).toBe(true);
    expect((await client.send(randomUUID(), 'The oven door came off')).ok).toBe(true);

    await redis.stop();
    await waitFor(() => chat!.log, (log) => log.includes('Redis is unreachable') || exited, { what: 'ingest-chat to notice Redis is gone' });
    // The line of this message goes to the room through Redis, which cannot take it now.
    expect((await client.send(randomUUID(), 'And the handle is loose')).ok).toBe(true);
    await waitFor(() => chat!.log, (log) => log.includes('reached the sockets of this instance only') || exited, {
      timeoutMs: 30_000,
      what: 'the fan-out of that line to fail',
    });
    expect(exited).toBe(false);
    expect(await statusOf(`${url}/health/live`)).toBe(200);
    // The customer on this instance saw their line all the same.
    expect(client.lines.map((line) => line.text)).toContain('And the handle is loose');

    await redis.start();
    await waitFor(() => chat!.log, (log) => log.includes('Redis is reachable again') || exited, { timeoutMs: 30_000, what: 'ingest-chat to reconnect to Redis' });
    expect(exited).toBe(false);
    expect((await client.send(randomUUID(), 'Still waiting for the repair')).ok).toBe(true);
  }, 120_000);
});
