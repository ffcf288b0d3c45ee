import { randomUUID } from 'node:crypto';
import { Kafka, logLevel, Partitioners } from 'kafkajs';
import { ChildService } from './support/child-service';
import { freePort } from './support/free-port';
import { createTestDatabase, queryDatabase, type TestDatabase } from './support/postgres';
import { newInstallation, serviceEnv } from './support/plaint-services';
import { statusOf } from './support/probe';
import { describeWithRealParts } from './support/real-parts';
import { waitFor } from './support/wait-for';

/** One customer's chat message, each its own conversation (so each opens one complaint). */
function inboundMessage(i: number): { key: string; value: string } {
  const conversation = `drain-${i}-${randomUUID()}`;
  return {
    key: `email:customer-${i % 53}@example.az`,
    value: JSON.stringify({
      id: randomUUID(),
      channel: 'chat',
      externalId: `${conversation}:1`,
      conversation,
      sender: { name: `Customer ${i}`, email: `customer-${i % 53}@example.az` },
      text: `Complaint number ${i}`,
      attachments: [],
      receivedAt: new Date().toISOString(),
      replyTo: conversation,
      automated: false,
    }),
  };
}

describeWithRealParts('core stopped by SIGTERM under a stream of messages', (parts) => {
  let db: TestDatabase;
  const services: ChildService[] = [];

  beforeAll(async () => {
    db = await createTestDatabase(parts.postgresUrl);
  });

  afterAll(async () => {
    for (const service of services) await service.kill();
    await db?.drop();
  });

  const count = async (sql: string) => Number((await queryDatabase<{ n: string }>(db.url, sql))[0]?.n ?? 0);

  it('turns unready, finishes and commits its batches, exits 0; the next core takes the rest, nothing lost or doubled', async () => {
    const installation = newInstallation(db.url);
    const topic = `${installation.topicPrefix}plaint.inbound.v1`;
    // Small batches, so the stream keeps many transactions in flight when the signal lands.
    const env = (port: number, metricsPort: string) =>
      serviceEnv(parts, installation, 'core', { PORT: String(port), PLAINT_METRICS_PORT: metricsPort, PLAINT_KAFKA_MAX_BATCH: '20', PLAINT_LOG_LEVEL: 'info' });
    const migrate = ChildService.start(env(0, 'off'), ['migrate']);
    expect(await migrate.exit()).toBe(0);

    const kafka = new Kafka({ clientId: 'drain-test', brokers: parts.kafkaBrokers.split(','), logLevel: logLevel.NOTHING });
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic, numPartitions: 3 }], waitForLeaders: true });
    await admin.disconnect();

    const firstPort = await freePort();
    const first = ChildService.start(env(firstPort, 'off'));
    services.push(first);
    const firstUrl = `http://127.0.0.1:${firstPort}`;
    await waitFor(() => statusOf(`${firstUrl}/health/ready`), (status) => status === 200, { what: 'the first core to be ready', timeoutMs: 60_000 });

    // A steady stream: 20 messages every 10 ms until told to stop; `published` counts what Kafka acknowledged.
    const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
    let published = 0;
    let streaming = true;
    const stream = (async () => {
      while (streaming) {
        const messages = Array.from({ length: 20 }, (_, i) => inboundMessage(published + i));
        await producer.send({ topic, messages });
        published += messages.length;
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    })();

    await waitFor(() => count('SELECT count(*) AS n FROM messages'), (n) => n >= 200, { what: 'the first core to be consuming', timeoutMs: 60_000 });

    // Readiness as a kubelet sees it, every few milliseconds from the signal until nothing answers.
    const seen: number[] = [];
    const signalled = first.stop();
    const publishedAtSignal = published;
    for (;;) {
      const status = await statusOf(`${firstUrl}/health/ready`);
      seen.push(status);
      if (status === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    expect(await signalled).toBe(0);
    expect(seen).toContain(503);
    // Never ready again once it answered 503.
    expect(seen.slice(seen.indexOf(503)).filter((status) => status === 200)).toEqual([]);
    expect(first.log).toContain('SIGTERM: stopping');
    expect(first.log).toMatch(/stopped cleanly in \d+ ms/);
    const storedByFirst = await count('SELECT count(*) AS n FROM messages');
    expect(storedByFirst).toBeGreaterThan(0);

    await new Promise((resolve) => setTimeout(resolve, 500));
    streaming = false;
    await stream;
    await producer.disconnect();
    expect(published).toBeGreaterThan(publishedAtSignal);

    const metricsPort = await freePort();
    const second = ChildService.start(env(await freePort(), String(metricsPort)));
    services.push(second);
    await waitFor(() => count('SELECT count(*) AS n FROM messages'), (n) => n >= published, {
      timeoutMs: 120_000,
      intervalMs: 200,
      what: `all ${published} messages after the restart`,
    });
    await waitFor(() => count('SELECT count(*) AS n FROM outbox WHERE published_at IS NULL'), (n) => n === 0, { what: 'the outbox to drain' });
    await new Promise((resolve) => setTimeout(resolve, 1000));

    expect(await count('SELECT count(*) AS n FROM messages')).toBe(published);
    expect(await count('SELECT count(*) AS n FROM complaints')).toBe(published);
    expect(await count('SELECT count(DISTINCT conversation) AS n FROM complaints')).toBe(published);
    expect(await count('SELECT count(*) AS n FROM outbox')).toBe(published);
    expect(await count('SELECT count(DISTINCT message_key) AS n FROM outbox')).toBe(published);
    // The first core committed every batch it had stored before it left: the second one was
    // handed none of them again.
    const metrics = await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text();
    expect(/^plaint_duplicate_messages_total (\d+)$/m.exec(metrics)?.[1]).toBe('0');
    expect(await second.stop()).toBe(0);
  }, 300_000);
});
