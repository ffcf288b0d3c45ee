import { randomUUID } from 'node:crypto';
import { Kafka, logLevel, Partitioners } from 'kafkajs';
import { ChildService } from './support/child-service';
import { createTestDatabase, queryDatabase, type TestDatabase } from './support/postgres';
import { newInstallation, serviceEnv } from './support/plaint-services';
import { describeWithRealParts } from './support/real-parts';
import { waitFor } from './support/wait-for';

const MESSAGES = 4000;

describeWithRealParts('core killed in the middle of its work', (parts) => {
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

  it('loses nothing and doubles nothing after SIGKILL and a restart', async () => {
    const installation = newInstallation(db.url);
    // Small batches, so the backlog takes many transactions and the kill lands between them.
    const env = { ...serviceEnv(parts, installation, 'core'), PLAINT_KAFKA_MAX_BATCH: '25' };

    // Migrate first, so the crash lands in message processing and not in schema set-up.
    const migrate = ChildService.start(env, ['migrate']);
    expect(await migrate.exit()).toBe(0);

    const kafka = new Kafka({ clientId: 'crash-test', brokers: parts.kafkaBrokers.split(','), logLevel: logLevel.NOTHING });
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic: `${installation.topicPrefix}plaint.inbound.v1`, numPartitions: 3 }], waitForLeaders: true });
    await admin.disconnect();
    const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
    const sent = Array.from({ length: MESSAGES }, (_, i) => {
      const conversation = `crash-${i}-${randomUUID()}`;
      return {
        key: `email:customer-${i % 97}@example.az`,
        value: JSON.stringify({
          id: randomUUID(),
          channel: 'chat',
          externalId: `${conversation}:1`,
          conversation,
          sender: { name: `Customer ${i}`, email: `customer-${i % 97}@example.az` },
          text: `Complaint number ${i}`,
          attachments: [],
          receivedAt: new Date().toISOString(),
          replyTo: conversation,
          automated: false,
        }),
      };
    });
    for (let i = 0; i < sent.length; i += 500) {
      await producer.send({ topic: `${installation.topicPrefix}plaint.inbound.v1`, messages: sent.slice(i, i + 500) });
    }
    await producer.disconnect();

    const first = ChildService.start(env);
    services.push(first);
    const atKill = await waitFor(() => count('SELECT count(*) AS n FROM complaints'), (n) => n > 0, {
      intervalMs: 5,
      timeoutMs: 60_000,
      what: 'core to commit its first batch',
    });
    await first.kill();
    expect(atKill).toBeLessThan(MESSAGES); // the kill really landed in the middle

    const second = ChildService.start(env);
    services.push(second);
    await waitFor(() => count('SELECT count(*) AS n FROM messages'), (n) => n >= MESSAGES, {
      timeoutMs: 120_000,
      what: `all ${MESSAGES} messages after the restart`,
    });
    await waitFor(() => count('SELECT count(*) AS n FROM outbox WHERE published_at IS NULL'), (n) => n === 0, {
      what: 'the outbox to drain',
    });
    await new Promise((resolve) => setTimeout(resolve, 1000));

    expect(await count('SELECT count(*) AS n FROM messages')).toBe(MESSAGES);
    expect(await count('SELECT count(*) AS n FROM complaints')).toBe(MESSAGES);
    expect(await count('SELECT count(DISTINCT conversation) AS n FROM complaints')).toBe(MESSAGES);
    expect(await count("SELECT count(*) AS n FROM messages WHERE status <> 'attached'")).toBe(0);
    expect(await count('SELECT count(*) AS n FROM outbox')).toBe(MESSAGES);
    expect(await count('SELECT count(DISTINCT message_key) AS n FROM outbox')).toBe(MESSAGES);
    // Each chat conversation is one customer, however the batches fell: the 97 addresses are only
    // typed in, so they link no one, and are kept once per customer.
    expect(await count('SELECT count(*) AS n FROM customers')).toBe(MESSAGES);
    expect(await count("SELECT count(*) AS n FROM customer_identities WHERE kind = 'email' AND NOT verified")).toBe(MESSAGES);
    expect(await count("SELECT count(DISTINCT value) AS n FROM customer_identities WHERE kind = 'email'")).toBe(97);
    await second.stop();
  }, 240_000);
});
