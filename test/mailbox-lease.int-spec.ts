import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Consumer, Kafka, logLevel } from 'kafkajs';
import { ChildService } from './support/child-service';
import { greenMail } from './support/greenmail';
import { sendMail } from './support/mail-sender';
import { createTestDatabase, queryDatabase, type TestDatabase } from './support/postgres';
import { newInstallation, serviceEnv } from './support/plaint-services';
import { describeWithRealParts } from './support/real-parts';
import { waitFor } from './support/wait-for';

const mail = greenMail();
const LEASE_SECONDS = 4;

/** The log lines (JSON) of a service, as messages. */
const messages = (service: ChildService): string[] =>
  service.log
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => (JSON.parse(line) as { msg?: string }).msg ?? '');
const polls = (service: ChildService) => messages(service).some((line) => line.includes('lease taken by'));
const sweeps = (service: ChildService) => messages(service).some((line) => /first read of this mailbox|mail\(s\) on the bus/.test(line));

describeWithRealParts('one IMAP poller per mailbox across ingest-email replicas', (parts) => {
  let db: TestDatabase;
  let consumer: Consumer | undefined;
  const dirs: string[] = [];
  const services: ChildService[] = [];

  beforeAll(async () => {
    db = await createTestDatabase(parts.postgresUrl);
  });

  afterAll(async () => {
    for (const service of services) await service.kill();
    await consumer?.disconnect();
    await db?.drop();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('polls with one replica only, and another takes over within about the lease after a kill -9', async () => {
    const installation = newInstallation(db.url);
    const care = `care-${randomUUID().slice(0, 8)}@plaint.test`;
    const env = () => {
      const dataDir = mkdtempSync(join(tmpdir(), 'plaint-lease-'));
      dirs.push(dataDir);
      return serviceEnv(parts, installation, 'ingest-email', {
        PLAINT_DATA_DIR: dataDir,
        PLAINT_METRICS_PORT: 'off',
        PLAINT_IMAP_URL: `imap://${encodeURIComponent(care)}:x@${mail.host}:${mail.imapPort}/INBOX`,
        PLAINT_IMAP_SWEEP_MS: '500',
        PLAINT_IMAP_LEASE_SECONDS: String(LEASE_SECONDS),
        PLAINT_LOG_LEVEL: 'info',
      });
    };
    const migrate = ChildService.start(env(), ['migrate']);
    expect(await migrate.exit()).toBe(0);

    // Every record the replicas put on the bus, to count each mail's.
    const topic = `${installation.topicPrefix}plaint.inbound.v1`;
    const kafka = new Kafka({ clientId: 'lease-test', brokers: parts.kafkaBrokers.split(','), logLevel: logLevel.NOTHING });
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic, numPartitions: 3 }], waitForLeaders: true });
    await admin.disconnect();
    const published: string[] = [];
    consumer = kafka.consumer({ groupId: `lease-test-${randomUUID()}` });
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({ eachMessage: ({ message }) => Promise.resolve(void published.push(message.value?.toString() ?? '')) });
    const copies = (token: string) => published.filter((record) => record.includes(token)).length;
    const send = async (token: string) =>
      sendMail(mail, { from: { address: `customer-${token}@customer.test` }, to: { address: care }, subject: `Complaint ${token}`, text: `My order ${token} never arrived.` });
    const ingestedOnce = async (token: string) => {
      await waitFor(() => copies(token), (n) => n >= 1, { what: `mail ${token} on the bus`, timeoutMs: 45_000, intervalMs: 100 });
      // Long enough for a second poller, were there one, to have swept the mailbox several times.
      await new Promise((resolve) => setTimeout(resolve, 3_000));
      expect(copies(token)).toBe(1);
    };

    const replicas = [ChildService.start(env()), ChildService.start(env())];
    services.push(...replicas);
    const holder = await waitFor(() => replicas.find(polls), (found) => found !== undefined, { what: 'a replica to take the lease', timeoutMs: 60_000 });
    const standby = replicas.find((replica) => replica !== holder)!;
    await waitFor(() => messages(standby).some((line) => line.includes('standing by')), Boolean, { what: 'the other replica to stand by', timeoutMs: 30_000 });
    const [lease] = await queryDatabase<{ holder: string }>(db.url, 'SELECT holder FROM mailbox_leases');
    expect(messages(holder!).some((line) => line.includes(`lease taken by ${lease?.holder}`))).toBe(true);

    const first = randomUUID().slice(0, 8);
    await send(first);
    await ingestedOnce(first);
    expect(sweeps(holder!)).toBe(true);
    expect(polls(standby)).toBe(false);
    expect(sweeps(standby)).toBe(false);

    await holder!.kill();
    const killedAt = Date.now();
    await waitFor(() => polls(standby), Boolean, { what: 'the standby to take the lease over', timeoutMs: 6 * LEASE_SECONDS * 1000, intervalMs: 100 });
    const takeoverMs = Date.now() - killedAt;
    // Taken once the dead holder's lease ran out, at the standby's next try (every third of it).
    expect(takeoverMs).toBeLessThan(3 * LEASE_SECONDS * 1000);
    const [taken] = await queryDatabase<{ holder: string }>(db.url, 'SELECT holder FROM mailbox_leases');
    expect(taken?.holder).not.toBe(lease?.holder);

    const second = randomUUID().slice(0, 8);
    await send(second);
    await ingestedOnce(second);
    expect(copies(first)).toBe(1);
  }, 240_000);
});
