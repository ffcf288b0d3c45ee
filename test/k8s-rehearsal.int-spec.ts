import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { ComplaintEntity, CustomerEntity, dataSourceOptions } from '../libs/persistence/src';
import { ChatClient } from './support/chat-client';
import { complaintRow } from './support/complaint-row';
import { greenMail } from './support/greenmail';
import { LocalPod } from './support/k8s-local-pod';
import { containerEnv, declaredSecrets, LocalAddresses, type PodSources, SecretValues } from './support/k8s-pod-environment';
import { type K8sObject, render } from './support/k8s-manifests';
import { dataOf, findObject, kafkaTopics, localCommand, readImage, type Workload, workloads } from './support/k8s-rehearsal';
import { sendMail } from './support/mail-sender';
import { readInbox } from './support/mailbox';
import { createTestDatabase, queryDatabase, type TestDatabase } from './support/postgres';
import { describeWithRealParts } from './support/real-parts';
import { waitFor } from './support/wait-for';

const OVERLAY = 'overlays/dev';
const DEPLOYMENTS = ['plaint-core', 'plaint-notifier', 'plaint-ingest-chat', 'plaint-ingest-web', 'plaint-ingest-email', 'plaint-ingest-social'];
const MIGRATION_JOB = 'plaint-migrate';
const REFERENCE = /[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}/;
const mail = greenMail();

/**
 * The dev overlay rehearsed on this machine: rendered with kustomize, every container started as
 * a local process with the environment Kubernetes would give it (see support/k8s-rehearsal.ts
 * for the two things that differ, places and ports), the migration Job run first, every
 * Deployment replica brought through its probes, and complaints sent through chat, the web form
 * and e-mail until the customers see their acknowledgements.
 */
describeWithRealParts('the Kubernetes dev overlay, rehearsed as local processes', (parts) => {
  const run = randomBytes(4).toString('hex');
  const care = `care-${run}@plaint.test`;
  const topicPrefix = `rehearsal-${run}.`;
  /**
   * The only values the test adds to the manifests, each for a name they leave unset (a pod
   * refuses an override of a value the manifests set): a topic prefix of the run's own, so it
   * shares the suite's broker without meeting anyone's topics (the KafkaTopic resources are
   * created under the same prefix), and an SLA clock that looks every 250 ms instead of every
   * minute.
   */
  const testOverrides = { PLAINT_KAFKA_TOPIC_PREFIX: topicPrefix, PLAINT_SLA_TICK_MS: '250' };
  /** The in-cluster services the overlay names, and where they are on this machine. */
  const inCluster: Record<string, string> = { 'plaint-kafka-kafka-bootstrap:9092': parts.kafkaBrokers };

  const kafka = new Kafka({ clientId: `rehearsal-${run}`, brokers: parts.kafkaBrokers.split(','), logLevel: logLevel.NOTHING });
  const claimsDir = mkdtempSync(join(tmpdir(), 'plaint-rehearsal-claims-'));
  const pods: LocalPod[] = [];
  const chats: ChatClient[] = [];
  let objects: K8sObject[];
  let db: TestDatabase;
  let secretValues: Record<string, Record<string, string>>;
  const slow = { timeoutMs: 45_000, intervalMs: 250 };
  // Started together in beforeAll (they mostly wait), awaited by their tests.
  let migration: Promise<{ exit: number | null; log: string }>;
  let portRenamed: Promise<{ failure: unknown; log: string }>;
  let readinessMoved: Promise<{ failure: unknown; log: string }>;

  /** Sources for pods of `rendered` (the overlay as is, unless a test changed a copy). */
  const sources = (rendered: K8sObject[] = objects, secrets = secretValues, addresses = inCluster): PodSources => ({
    objects: rendered,
    image: readImage(),
    secrets: new SecretValues(secrets),
    declaredSecrets: declaredSecrets(rendered),
    addresses: new LocalAddresses(addresses),
    claimsDir,
  });
  const workload = (rendered: K8sObject[], name: string): Workload => {
    const found = workloads(rendered).find((one) => one.name === name);
    if (!found) throw new Error(`the rendered overlay has no Deployment or Job ${name}`);
    return found;
  };
  const start = async (from: PodSources, target: Workload, index: number) => {
    const pod = await LocalPod.start(from, target, index, testOverrides);
    pods.push(pod);
    return pod;
  };
  /**
   * One replica of plaint-ingest-web from a copy of the overlay that `change` broke, through its
   * probes once it has said where it serves (or has exited): its startup may take long on a busy
   * machine, so the short windows start only then.
   */
  const brokenIngestWeb = async (change: (copy: K8sObject[]) => void): Promise<{ failure: unknown; log: string }> => {
    const copy = structuredClone(objects);
    change(copy);
    const pod = await start(sources(copy), workload(copy, 'plaint-ingest-web'), 0);
    try {
      await pod.logged(/Plaint serving .* on port \d+/, 90_000);
      const failure = await pod.passProbes({ startupWithinMs: 3_000, readyWithinMs: 5_000 }).then(() => undefined, (error: unknown) => error);
      return { failure, log: pod.log };
    } finally {
      await pod.stop();
    }
  };
  const renamePort = (copy: K8sObject[]) => {
    const data = dataOf(findObject(copy, 'ConfigMap', 'plaint-config'));
    data.HTTP_PORT = data.PORT ?? '';
    delete data.PORT;
  };
  const moveReadiness = (copy: K8sObject[]) => {
    const deployment = findObject(copy, 'Deployment', 'plaint-ingest-web');
    const spec = deployment.spec as { template: { spec: { containers: { name: string; readinessProbe?: { httpGet?: { path?: string } } }[] } } };
    const probe = spec.template.spec.containers.find((one) => one.name === 'plaint')?.readinessProbe?.httpGet;
    if (!probe) throw new Error('plaint-ingest-web has no httpGet readinessProbe to break');
    probe.path = '/healthz';
  };
  const runMigrationJob = async () => {
    const job = await start(sources(), workload(objects, MIGRATION_JOB), 0);
    return { exit: await job.completion(60_000), log: job.tail() };
  };
  const podsOf = (name: string) => pods.filter((pod) => pod.workload.name === name && pod.running);
  const firstPodOf = (name: string) => {
    const [pod] = podsOf(name);
    if (!pod) throw new Error(`no pod of ${name} runs`);
    return pod;
  };

  beforeAll(async () => {
    objects = render(OVERLAY);
    db = await createTestDatabase(parts.postgresUrl);
    secretValues = {
      'plaint-db-app': { uri: db.url },
      'plaint-secrets': {
        PLAINT_REFERENCE_SECRET: randomBytes(24).toString('base64url'),
        PLAINT_AUTH_SECRET: randomBytes(24).toString('base64url'),
        PLAINT_REDIS_URL: parts.redisUrl,
        PLAINT_SMTP_URL: `smtp://${mail.host}:${mail.smtpPort}`,
        PLAINT_IMAP_URL: `imap://${encodeURIComponent(care)}:x@${mail.host}:${mail.imapPort}/INBOX`,
        // Channels with no counterpart in this rehearsal: empty is off, as secrets.example.env says.
        PLAINT_SMPP_URL: '',
        PLAINT_TELEGRAM_BOT_TOKEN: '',
        PLAINT_TELEGRAM_WEBHOOK_SECRET: '',
        PLAINT_META_APP_SECRET: '',
        PLAINT_META_VERIFY_TOKEN: '',
        PLAINT_META_PAGE_TOKENS: '',
        PLAINT_META_WHATSAPP_TOKEN: '',
      },
    };
    const admin = kafka.admin();
    await admin.connect();
    try {
      await admin.createTopics({ topics: kafkaTopics(objects, topicPrefix), waitForLeaders: true });
    } finally {
      await admin.disconnect();
    }
    migration = runMigrationJob();
    portRenamed = brokenIngestWeb(renamePort);
    readinessMoved = brokenIngestWeb(moveReadiness);
    // Their tests look at the outcomes; until then a failure is not "unhandled".
    for (const outcome of [migration, portRenamed, readinessMoved]) outcome.catch(() => undefined);
  }, 60_000);

  afterAll(async () => {
    for (const chat of chats) chat.close();
    await Promise.allSettled([migration, portRenamed, readinessMoved].filter(Boolean));
    await Promise.all(pods.map((pod) => pod.stop()));
    const admin = kafka.admin();
    try {
      await admin.connect();
      const topics = kafkaTopics(objects ?? [], topicPrefix).map((topic) => topic.topic);
      if (topics.length > 0) await admin.deleteTopics({ topics });
      // A member killed rather than stopped stays in its group until its session times out.
      await waitFor(
        async () => {
          const groups = (await admin.listGroups()).groups.map((group) => group.groupId).filter((id) => id.startsWith(topicPrefix));
          return groups.length === 0 || (await admin.deleteGroups(groups).then(() => true, () => false));
        },
        (deleted) => deleted,
        { timeoutMs: 15_000, intervalMs: 1_000, what: `the consumer groups of ${topicPrefix} deleted` },
      );
    } finally {
      await admin.disconnect();
      await db?.drop();
      rmSync(claimsDir, { recursive: true, force: true });
    }
  }, 60_000);

  describe('what the harness refuses', () => {
    it('fails on a Secret key it cannot supply, a key no manifest reads, a command, and an address map entry nothing uses', async () => {
      const core = workload(objects, 'plaint-core');
      const { 'plaint-secrets': given = {}, ...others } = secretValues;
      const [dropped = ''] = Object.keys(given);
      const { [dropped]: _, ...missingOne } = given;
      await expect(LocalPod.start(sources(objects, { ...others, 'plaint-secrets': missingOne }), core, 0)).rejects.toThrow(
        `Secret plaint-secrets declares ${dropped}, but the rehearsal has no value for it`,
      );
      await expect(LocalPod.start(sources(objects, { ...others, 'plaint-secrets': { ...given, PLAINT_NOT_A_SETTING: 'x' } }), core, 0)).rejects.toThrow(
        'the rehearsal supplies PLAINT_NOT_A_SETTING for Secret plaint-secrets, which does not declare it',
      );
      const { 'plaint-db-app': _db, ...withoutDatabase } = secretValues;
      await expect(LocalPod.start(sources(objects, withoutDatabase), core, 0)).rejects.toThrow(
        'Secret plaint-db-app key uri is referenced by the manifests, but the rehearsal has no value for it',
      );

      const reading = sources(objects, { ...secretValues, 'plaint-extra': { TOKEN: 'x' } }, { ...inCluster, 'redis-master:6379': parts.redisUrl });
      for (const one of workloads(objects)) localCommand(reading.image, one);
      for (const one of workloads(objects)) containerEnv(reading, one, `${one.name}-0`, claimsDir);
      expect(reading.secrets.unread()).toEqual(['plaint-extra/TOKEN']);
      expect(reading.addresses.unused()).toEqual(['redis-master:6379']);

      const withCommand = structuredClone(core);
      withCommand.container.command = ['node', 'main.js'];
      expect(() => localCommand(reading.image, withCommand)).toThrow('Deployment plaint-core sets command ["node","main.js"]: the manifests must set only args');
    });

    it('runs the image ENTRYPOINT, behind tini or not, as node on the built main.js with the container args', () => {
      const dir = mkdtempSync(join(tmpdir(), 'plaint-rehearsal-image-'));
      try {
        const dockerfile = join(dir, 'Dockerfile');
        writeFileSync(
          dockerfile,
          ['FROM node:24 AS build', 'WORKDIR /src', 'ENTRYPOINT ["sh"]', 'FROM node:24-slim', 'ENV NODE_ENV=production \\', '    PLAINT_DATA_DIR="/var/lib/plaint"', 'WORKDIR /app', 'ENTRYPOINT ["/usr/bin/tini", "--", "node", "/app/dist/apps/plaint/src/main.js"]', 'CMD ["serve"]'].join('\n'),
        );
        const image = readImage(dockerfile);
        expect(image).toEqual({
          entrypoint: ['/usr/bin/tini', '--', 'node', '/app/dist/apps/plaint/src/main.js'],
          workdir: '/app',
          env: { NODE_ENV: 'production', PLAINT_DATA_DIR: '/var/lib/plaint' },
        });
        const main = join(__dirname, '..', 'dist', 'apps', 'plaint', 'src', 'main.js');
        expect(localCommand(image, workload(objects, MIGRATION_JOB))).toEqual({ file: process.execPath, args: [main, 'migrate'] });
        expect(localCommand(readImage(), workload(objects, 'plaint-core'))).toEqual({ file: process.execPath, args: [main, 'serve'] });
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });

  describe('the overlay as rendered', () => {
    it('names every Deployment, the migration Job, one plaint container each with args only, and two core replicas', () => {
      const all = workloads(objects);
      expect(all.filter((one) => one.kind === 'Deployment').map((one) => one.name).sort()).toEqual([...DEPLOYMENTS].sort());
      expect(all.filter((one) => one.kind === 'Job').map((one) => one.name)).toEqual([MIGRATION_JOB]);
      expect(workload(objects, 'plaint-core').replicas).toBe(2);
      for (const one of all) expect(one.container.command).toBeUndefined();
    });

    it('reads every Secret key the test supplies and uses every local address', () => {
      const reading = sources();
      for (const one of workloads(objects)) containerEnv(reading, one, `${one.name}-0`, claimsDir);
      expect(reading.secrets.unread()).toEqual([]);
      expect(reading.addresses.unused()).toEqual([]);
    });

    it('runs the migration Job to completion', async () => {
      const { exit, log } = await migration;
      if (exit !== 0) throw new Error(`Job ${MIGRATION_JOB} exited with ${exit}; its log:\n${log}`);
      const [migrations] = await queryDatabase<{ n: string }>(db.url, 'SELECT count(*) AS n FROM migrations');
      expect(Number(migrations?.n)).toBeGreaterThan(0);
    });
  });

  describe('a broken manifest, caught by its probes', () => {
    it('fails the startup probe when the ConfigMap renames PORT to a name the app does not read', async () => {
      const { failure, log } = await portRenamed;
      // The app took its default port (or found it taken), not the one the manifest's port names.
      expect(log).toMatch(/Plaint serving ingest-web on port 3000\b|EADDRINUSE.*:3000\b/);
      expect(failure).toBeInstanceOf(Error);
      expect((failure as Error).message).toMatch(
        /^Deployment plaint-ingest-web \(plaint-ingest-web-0\)(: startupProbe GET \/health\/live on port http .* did not pass; last answer: ECONNREFUSED| exited with .* before its startupProbe passed)/,
      );
    });

    it('fails the readiness probe when its path is /healthz', async () => {
      const { failure } = await readinessMoved;
      expect(failure).toBeInstanceOf(Error);
      expect((failure as Error).message).toMatch(/^Deployment plaint-ingest-web \(plaint-ingest-web-0\): readinessProbe GET \/healthz on port http .* did not pass; last answer: 404/);
    });
  });

  describe('every Deployment together', () => {
    beforeAll(async () => {
      await Promise.allSettled([portRenamed, readinessMoved]);
      if ((await migration).exit !== 0) throw new Error(`Job ${MIGRATION_JOB} failed: no Deployment starts`);
      const from = sources();
      const started: LocalPod[] = [];
      for (const name of DEPLOYMENTS) {
        const target = workload(objects, name);
        for (let index = 0; index < target.replicas; index += 1) started.push(await start(from, target, index));
      }
      await Promise.all(started.map((pod) => pod.passProbes({ readyWithinMs: 60_000 })));
    }, 180_000);

    it('brings every replica through its startup, liveness and readiness probes', () => {
      expect(pods.filter((pod) => pod.running && pod.workload.kind === 'Deployment').map((pod) => pod.name).sort()).toEqual(
        DEPLOYMENTS.flatMap((name) => Array.from({ length: workload(objects, name).replicas }, (_, index) => `${name}-${index}`)).sort(),
      );
    });

    it('acknowledges a chat complaint in the chat', async () => {
      const chat = await ChatClient.connect(firstPodOf('plaint-ingest-chat').url('http'));
      chats.push(chat);
      const started = await chat.start({ fullName: 'Nigar Quliyeva', email: `nigar-${run}@customer.test`, language: 'en' });
      if (!started.ok) throw new Error(`chat:start refused: ${started.error.message}`);
      expect(await chat.send(randomUUID(), 'The washing machine I bought leaks water.')).toMatchObject({ ok: true });
      const [notice] = await waitFor(() => chat.plaintLines(), (lines) => lines.length > 0, { ...slow, what: 'the acknowledgement in the chat' });
      expect(notice?.reference).toMatch(REFERENCE);
      expect(notice?.text).toContain(notice?.reference);
    }, 60_000);

    it('acknowledges a web-form complaint by e-mail', async () => {
      const customer = `kamran-${run}@customer.test`;
      const form = { fullName: 'Kamran Vəliyev', email: customer, message: 'Televizorun ekranı ikinci gün sındı.', language: 'az' };
      const accepted = await request(firstPodOf('plaint-ingest-web').url('http')).post('/api/v1/callback-requests').set('Idempotency-Key', randomUUID()).send(form).expect(202);
      const reference = accepted.body.reference as string;
      expect(reference).toMatch(REFERENCE);
      const [ack] = await waitFor(() => readInbox(mail, customer), (mails) => mails.length > 0, { ...slow, what: `the acknowledgement in ${customer}'s mailbox` });
      expect(`${ack?.subject ?? ''}\n${ack?.text ?? ''}`).toContain(reference);
    }, 60_000);

    it('acknowledges an e-mailed complaint by e-mail', async () => {
      const customer = { name: 'Leyla Məmmədova', address: `leyla-${run}@customer.test` };
      await sendMail(mail, { from: customer, to: { address: care }, subject: 'Soyuducu', text: 'Yeni aldığım soyuducu səs-küy salır və soyutmur.' });
      const [ack] = await waitFor(() => readInbox(mail, customer.address), (mails) => mails.length > 0, {
        ...slow,
        what: `the acknowledgement in ${customer.address}'s mailbox`,
      });
      const reference = REFERENCE.exec(ack?.subject ?? '')?.[0];
      expect(reference).toBeDefined();
      expect(ack?.text).toContain(reference);
    }, 60_000);

    it('escalates each overdue complaint once while both core replicas run the SLA clock', async () => {
      const cores = podsOf('plaint-core');
      expect(cores.map((pod) => pod.env.PLAINT_SLA_TICK_MS)).toEqual(['250', '250']);
      const source = await new DataSource(dataSourceOptions({ kind: 'postgres', url: db.url, migrateOnBoot: false, poolSize: 2 })).initialize();
      const now = Date.now();
      const overdue = Array.from({ length: 8 }, (_, index) =>
        complaintRow(`SLA${run.slice(0, 1).toUpperCase()}-${run.slice(1, 5).toUpperCase()}-${String(index).padStart(4, '0')}`, {
          acceptBy: new Date(now - 3_600_000),
          resolveBy: new Date(now + 10 * 86_400_000),
          receivedAt: new Date(now - 86_400_000),
        }),
      );
      try {
        await source.getRepository(CustomerEntity).insert(overdue.map((row) => Object.assign(new CustomerEntity(), { id: row.customerId, fullName: null, createdAt: row.receivedAt })));
        await source.getRepository(ComplaintEntity).insert(overdue);
      } finally {
        await source.destroy();
      }
      const ids = overdue.map((row) => row.id);
      const alerts = () =>
        queryDatabase<{ complaint_id: string; deadline: string; kind: string }>(db.url, 'SELECT complaint_id, deadline, kind FROM sla_alerts WHERE complaint_id = ANY($1)', [ids]);
      await waitFor(alerts, (rows) => rows.length >= ids.length, { ...slow, what: 'the escalations of the overdue complaints' });
      // Both replicas keep ticking (every 250 ms) over the same overdue complaints.
      await new Promise((resolve) => setTimeout(resolve, 2_000));
      expect(cores.filter((pod) => pod.running)).toHaveLength(2);

      expect((await alerts()).map((row) => `${row.complaint_id} ${row.deadline} ${row.kind}`).sort()).toEqual(ids.map((id) => `${id} accept breach`).sort());
      const history = await queryDatabase<{ complaint_id: string }>(
        db.url,
        `SELECT complaint_id FROM complaint_history WHERE complaint_id = ANY($1) AND why LIKE '%escalated to supervisors%'`,
        [ids],
      );
      expect(history.map((row) => row.complaint_id).sort()).toEqual([...ids].sort());
      const staffEvents = await queryDatabase<{ payload: string }>(db.url, `SELECT payload FROM outbox WHERE payload LIKE '%"sla.breach"%'`);
      for (const row of overdue) {
        expect(staffEvents.filter((event) => event.payload.includes(row.reference))).toHaveLength(1);
        const logged = cores.flatMap((pod) => pod.log.split('\n')).filter((line) => line.includes(`${row.reference}: accept deadline`));
        expect(logged).toHaveLength(1);
      }
    }, 60_000);
  });
});
