/**
 * `npm run bench`: inbound messages through Kafka → core → Postgres, next to two baselines on
 * the same broker and database in the same run:
 *   raw        kafkajs eachBatch + one multi-row pg INSERT per batch; no Nest, no ORM, no dedup
 *              logic beyond ON CONFLICT, no complaints, no outbox. The floor.
 *   same work  kafkajs + pg by hand, writing per message what core writes (inbox message,
 *              customer and its identities, complaint, outbox event) in one transaction per
 *              batch, after the same reads on the same keys (inbox dedup, open complaints of the
 *              conversation, references taken, known identities), on Plaint's own schema.
 *
 * Two phases per path:
 *   drain    N messages are on the topic before consumption starts; throughput = N divided by
 *            the span between the first and the last batch written.
 *   latency  messages published at a steady rate; latency = row written − message published.
 *
 * A fourth path, traced, is core again with OpenTelemetry tracing on: spans exported over
 * OTLP/HTTP to a local endpoint in this process that accepts and discards them.
 *
 * Knobs: PLAINT_BENCH_MESSAGES, PLAINT_BENCH_RATE, PLAINT_BENCH_LATENCY_MESSAGES,
 * PLAINT_KAFKA_PARTITION_CONCURRENCY; PLAINT_BENCH_PATHS (comma-separated of raw, same, core,
 * traced; all by default); PLAINT_BENCH_PROFILE=<file.cpuprofile> writes a V8 CPU profile of core's drain
 * (open it in Chrome DevTools, Performance tab).
 */
import { randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { Session } from 'node:inspector/promises';
import { type Consumer, Kafka, type KafkaMessage, logLevel, Partitioners, type Producer } from 'kafkajs';
import { createHmac } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Client, Pool } from 'pg';
import { DataSource } from 'typeorm';
import { startPlaint } from '../apps/plaint/src/bootstrap';
import { dataSourceOptions } from '../libs/persistence/src';
import { createBenchDatabase } from './bench-service';

const brokers = (process.env.PLAINT_KAFKA_BROKERS ?? '').split(',').filter(Boolean);
const adminUrl = process.env.PLAINT_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const N = Number(process.env.PLAINT_BENCH_MESSAGES ?? 20_000);
const RATE = Number(process.env.PLAINT_BENCH_RATE ?? 500);
const LATENCY_MESSAGES = Number(process.env.PLAINT_BENCH_LATENCY_MESSAGES ?? 3_000);
const PARTITIONS = 6;
// Core's defaults (PLAINT_KAFKA_PARTITION_CONCURRENCY, PLAINT_DATABASE_POOL_SIZE), for the same-work baseline.
const PARTITION_CONCURRENCY = Number(process.env.PLAINT_KAFKA_PARTITION_CONCURRENCY ?? 6);
const POOL_SIZE = 10;
const PATHS = new Set((process.env.PLAINT_BENCH_PATHS ?? 'raw,same,core,traced').split(',').map((path) => path.trim()));
const PROFILE = process.env.PLAINT_BENCH_PROFILE;

interface Result {
  drainPerSecond: number;
  /** CPU time of this process (bench and consumer) per message drained: less at the mercy of other load than msg/s. */
  cpuMsPerMessage: number;
  p50: number;
  p99: number;
}

function progress(text: string): void {
  process.stderr.write(`  ${text}\n`);
}

function inbound(i: number, publishedAt: Date): { key: string; value: string } {
  const conversation = `bench-${i}-${randomUUID()}`;
  const email = `customer-${i % 5000}@example.az`;
  return {
    key: `email:${email}`,
    value: JSON.stringify({
      id: randomUUID(),
      channel: 'chat',
      externalId: `${conversation}:1`,
      conversation,
      sender: { name: `Customer ${i}`, email },
      text: `Benchmark complaint ${i}: the delivery was late and the box was damaged.`,
      attachments: [],
      receivedAt: publishedAt.toISOString(),
      replyTo: conversation,
      automated: false,
    }),
  };
}

async function produceAll(producer: Producer, topic: string, count: number): Promise<void> {
  const now = new Date();
  for (let i = 0; i < count; i += 1000) {
    const messages = [];
    for (let j = i; j < Math.min(count, i + 1000); j += 1) messages.push(inbound(j, now));
    await producer.send({ topic, messages });
  }
}

async function producePaced(producer: Producer, topic: string, count: number, perSecond: number): Promise<void> {
  const tick = 20; // ms
  const perTick = Math.max(1, Math.round((perSecond * tick) / 1000));
  const start = Date.now();
  for (let sent = 0; sent < count; ) {
    const batch = [];
    for (let j = 0; j < perTick && sent < count; j += 1, sent += 1) batch.push(inbound(N + sent, new Date()));
    await producer.send({ topic, messages: batch });
    const wait = start + ((sent / perTick) * tick) - Date.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  }
}

async function withDatabase<T>(fn: (url: string) => Promise<T>): Promise<T> {
  const database = await createBenchDatabase(adminUrl);
  try {
    return await fn(database.url);
  } finally {
    await database.drop();
  }
}

/**
 * Polls until `expected` rows exist. Returns the process's CPU time per row written between the
 * first row seen and the last (a booting service's own start-up is not counted).
 */
async function waitForRows(db: Client, sql: string, expected: number, label: string, onFirstRow?: () => Promise<void>): Promise<number> {
  let last = -1;
  let lastChange = Date.now();
  let first: { n: number; cpu: NodeJS.CpuUsage } | undefined;
  for (;;) {
    const n = Number((await db.query<{ n: string }>(sql)).rows[0]?.n ?? 0);
    if (n > 0 && !first) {
      await onFirstRow?.();
      first = { n, cpu: process.cpuUsage() };
    }
    if (n >= expected) {
      const used = process.cpuUsage(first?.cpu);
      return (used.user + used.system) / 1000 / Math.max(1, n - (first?.n ?? 0));
    }
    if (n !== last) {
      if (Math.floor(n / 5000) !== Math.floor(last / 5000)) progress(`${label}: ${n}/${expected}`);
      last = n;
      lastChange = Date.now();
    }
    if (Date.now() - lastChange > 60_000) throw new Error(`${label}: stuck at ${n}/${expected}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

async function measure(db: Client, sql: string, drainCount: number): Promise<Pick<Result, 'drainPerSecond'>> {
  const row = (await db.query<{ first: Date; last: Date }>(sql)).rows[0];
  const seconds = ((row?.last.getTime() ?? 0) - (row?.first.getTime() ?? 0)) / 1000;
  return { drainPerSecond: drainCount / seconds };
}

async function latencies(db: Client, sql: string): Promise<Pick<Result, 'p50' | 'p99'>> {
  const values = (await db.query<{ ms: number }>(sql)).rows.map((r) => Number(r.ms)).sort((a, b) => a - b);
  return { p50: percentile(values, 50), p99: percentile(values, 99) };
}

async function createTopic(kafka: Kafka, topic: string): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic, numPartitions: PARTITIONS }], waitForLeaders: true });
  await admin.disconnect();
}

/** A V8 CPU profile of this process from `start` to `stop`, written to `file`. */
function cpuProfile(file: string): { start(): Promise<void>; stop(): Promise<void> } {
  const session = new Session();
  return {
    async start() {
      session.connect();
      await session.post('Profiler.enable');
      await session.post('Profiler.start');
    },
    async stop() {
      const { profile } = await session.post('Profiler.stop');
      await writeFile(file, JSON.stringify(profile));
      session.disconnect();
      progress(`CPU profile of the drain written to ${file}`);
    },
  };
}

/** Drain and latency of a path that opens complaints on Plaint's schema (same-work baseline, core). */
async function complaintsPath(db: Client, producer: Producer, topic: string, label: string, profileTo?: string): Promise<Result> {
  const profiler = profileTo ? cpuProfile(profileTo) : undefined;
  const cpuMsPerMessage = await waitForRows(db, "SELECT count(*) AS n FROM messages WHERE status = 'attached'", N, `${label} drain`, profiler?.start);
  await profiler?.stop();
  const drain = await measure(db, 'SELECT min(created_at) AS first, max(created_at) AS last FROM complaints', N);
  await producePaced(producer, topic, LATENCY_MESSAGES, RATE);
  await waitForRows(db, 'SELECT count(*) AS n FROM complaints', N + LATENCY_MESSAGES, `${label} latency`);
  const latency = await latencies(
    db,
    `SELECT extract(epoch FROM (created_at - received_at)) * 1000 AS ms FROM complaints ORDER BY created_at DESC LIMIT ${LATENCY_MESSAGES}`,
  );
  return { ...drain, ...latency, cpuMsPerMessage };
}

/** A consumer of `topic` from its beginning that hands each batch to `write`, then commits it. */
async function consumeBatches(
  kafka: Kafka,
  topic: string,
  label: string,
  concurrency: number,
  write: (messages: KafkaMessage[]) => Promise<void>,
): Promise<Consumer> {
  const consumer = kafka.consumer({ groupId: `bench-${label}-${randomUUID()}`, maxWaitTimeInMs: 100 });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({
    eachBatchAutoResolve: false,
    autoCommit: false,
    partitionsConsumedConcurrently: concurrency,
    eachBatch: async ({ batch, resolveOffset, commitOffsetsIfNecessary }) => {
      if (batch.messages.length > 0) await write(batch.messages);
      const last = batch.messages[batch.messages.length - 1];
      if (last) {
        resolveOffset(last.offset);
        await commitOffsetsIfNecessary({ topics: [{ topic: batch.topic, partitions: [{ partition: batch.partition, offset: (BigInt(last.offset) + 1n).toString() }] }] });
      }
    },
  });
  return consumer;
}

/** kafkajs + one multi-row INSERT per batch: the floor under anything Plaint does. */
async function baseline(kafka: Kafka, producer: Producer): Promise<Result> {
  return withDatabase(async (url) => {
    const db = new Client({ connectionString: url });
    await db.connect();
    await db.query(`CREATE TABLE inbox (
      id varchar(64) PRIMARY KEY, channel varchar(32) NOT NULL, external_id varchar(500) NOT NULL,
      conversation varchar(500) NOT NULL, raw text NOT NULL, received_at timestamptz NOT NULL,
      written_at timestamptz NOT NULL DEFAULT clock_timestamp(), UNIQUE (channel, external_id))`);
    const topic = `bench-raw-${randomUUID()}`;
    await createTopic(kafka, topic);
    await produceAll(producer, topic, N);
    progress(`baseline: ${N} messages on the topic`);

    const writer = new Client({ connectionString: url });
    await writer.connect();
    const consumer = await consumeBatches(kafka, topic, 'raw', 1, async (messages) => {
      const values: unknown[] = [];
      const rows: string[] = [];
      for (const message of messages) {
        const raw = message.value?.toString() ?? '{}';
        const parsed = JSON.parse(raw) as { id: string; channel: string; externalId: string; conversation: string; receivedAt: string };
        const base = values.length;
        values.push(parsed.id, parsed.channel, parsed.externalId, parsed.conversation, raw, parsed.receivedAt);
        rows.push(`($${base + 1},$${base + 2},$${base + 3},$${base + 4},$${base + 5},$${base + 6})`);
      }
      if (rows.length > 0) {
        await writer.query(
          `INSERT INTO inbox (id, channel, external_id, conversation, raw, received_at) VALUES ${rows.join(',')} ON CONFLICT DO NOTHING`,
          values,
        );
      }
    });
    const cpuMsPerMessage = await waitForRows(db, 'SELECT count(*) AS n FROM inbox', N, 'baseline drain');
    const drain = await measure(db, 'SELECT min(written_at) AS first, max(written_at) AS last FROM inbox', N);
    await producePaced(producer, topic, LATENCY_MESSAGES, RATE);
    await waitForRows(db, 'SELECT count(*) AS n FROM inbox', N + LATENCY_MESSAGES, 'baseline latency');
    const latency = await latencies(
      db,
      `SELECT extract(epoch FROM (written_at - received_at)) * 1000 AS ms FROM inbox ORDER BY written_at DESC LIMIT ${LATENCY_MESSAGES}`,
    );
    await consumer.disconnect();
    await writer.end();
    await db.end();
    return { ...drain, ...latency, cpuMsPerMessage };
  });
}

interface Inbound {
  id: string;
  channel: string;
  externalId: string;
  conversation: string;
  sender: { name?: string; email?: string };
  text: string;
  receivedAt: string;
  automated: boolean;
}

/** A multi-row INSERT's VALUES list and its parameters. */
function valuesOf(rows: unknown[][]): { sql: string; params: unknown[] } {
  const params: unknown[] = [];
  const tuples = rows.map((row) => `(${row.map((value) => (params.push(value), `$${params.length}`)).join(',')})`);
  return { sql: tuples.join(','), params };
}

/**
 * The rows core writes for a batch of new chat complaints, written by hand in one transaction:
 * dedup on the inbox's (channel, external id), the open complaints of each conversation, the
 * references already taken, the customers known by a verified identity and the unverified ones
 * held; then customers, identities, complaints, outbox events and inbox messages.
 */
async function writeSameWork(pool: Pool, messages: { raw: string; value: Inbound }[]): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const now = new Date();
    const seen = new Set(
      (
        await client.query<{ k: string }>(
          `SELECT channel || ':' || external_id AS k FROM messages WHERE channel = ANY($1) AND external_id = ANY($2)`,
          [[...new Set(messages.map((m) => m.value.channel))], messages.map((m) => m.value.externalId)],
        )
      ).rows.map((row) => row.k),
    );
    const fresh = messages.filter((m) => {
      const k = `${m.value.channel}:${m.value.externalId}`;
      return seen.has(k) ? false : (seen.add(k), true);
    });
    if (fresh.length > 0) {
      const open = await client.query<{ id: string; conversation: string }>(
        `SELECT id, channel, conversation FROM complaints WHERE channel = ANY($1) AND conversation = ANY($2)
           AND state = ANY($3) ORDER BY received_at DESC`,
        [[...new Set(fresh.map((m) => m.value.channel))], fresh.map((m) => m.value.conversation), ['received', 'accepted', 'in_review', 'waiting_for_customer', 'merged']],
      );
      const openOf = new Map(open.rows.map((row) => [row.conversation, row.id]));
      const opening = fresh.filter((m) => !openOf.has(m.value.conversation));
      const references = opening.map((m) =>
        createHmac('sha256', 'bench-secret').update(`${m.value.channel}:${m.value.externalId}\u00000`).digest('hex').slice(0, 12).toUpperCase(),
      );
      await client.query('SELECT reference FROM complaints WHERE reference = ANY($1)', [references]);
      const verified = opening.map((m) => `chat:${m.value.conversation}`);
      const unverified = opening.map((m) => (m.value.sender.email ?? '').toLowerCase());
      const owners = await client.query<{ value: string; customer_id: string }>(
        `SELECT value, customer_id FROM customer_identities WHERE value = ANY($1) AND verified`,
        [verified],
      );
      await client.query(`SELECT customer_id, kind, value FROM customer_identities WHERE value = ANY($1) AND NOT verified`, [unverified]);
      const ownerOf = new Map(owners.rows.map((row) => [row.value, row.customer_id]));
      const customers: unknown[][] = [];
      const identities: unknown[][] = [];
      const complaints: unknown[][] = [];
      const events: unknown[][] = [];
      const complaintOf = new Map<string, string>();
      opening.forEach((m, i) => {
        let customerId = ownerOf.get(verified[i]!);
        if (!customerId) {
          customerId = randomUUID();
          customers.push([customerId, m.value.sender.name ?? null, now]);
          identities.push([randomUUID(), customerId, 'platform', verified[i], true, now]);
          if (unverified[i]) identities.push([randomUUID(), customerId, 'email', unverified[i], false, now]);
        }
        const id = randomUUID();
        complaintOf.set(m.value.id, id);
        const receivedAt = new Date(m.value.receivedAt);
        const acceptBy = new Date(receivedAt.getTime() + 3 * 86_400_000);
        const resolveBy = new Date(receivedAt.getTime() + 14 * 86_400_000);
        const reference = `${references[i]!.slice(0, 4)}-${references[i]!.slice(4, 8)}-${references[i]!.slice(8, 12)}`;
        complaints.push([
          id, reference, customerId, 'received', m.value.channel, m.value.conversation, m.value.conversation, 'az',
          m.value.sender.name ?? null, m.value.sender.email ?? null, m.value.text, false, '[]', receivedAt, acceptBy, resolveBy,
          JSON.stringify({ pausedBusinessDays: 0, providedDetails: {} }), now, now,
        ]);
        events.push([
          'complaint-events',
          id,
          JSON.stringify({ id: randomUUID(), type: 'complaint.received', complaintId: id, reference, channel: m.value.channel, occurredAt: now.toISOString(), language: 'az', replyTo: m.value.conversation }),
          '{}',
          now,
        ]);
      });
      const insert = async (head: string, rows: unknown[][], tail = '') => {
        if (rows.length === 0) return;
        const { sql, params } = valuesOf(rows);
        await client.query(`${head} VALUES ${sql}${tail}`, params);
      };
      await insert('INSERT INTO customers (id, full_name, created_at)', customers);
      await insert('INSERT INTO customer_identities (id, customer_id, kind, value, verified, created_at)', identities);
      await insert(
        `INSERT INTO complaints (id, reference, customer_id, state, channel, conversation, reply_to, language, full_name, email,
           essence, callback_requested, missing_details, received_at, accept_by, resolve_by, lifecycle, created_at, updated_at)`,
        complaints,
      );
      await insert('INSERT INTO outbox (topic, message_key, payload, headers, created_at)', events);
      const inbox = fresh.map((m) => [
        m.value.id, m.value.channel, m.value.externalId, m.value.conversation, 'attached',
        complaintOf.get(m.value.id) ?? openOf.get(m.value.conversation) ?? null, m.value.text, m.value.automated,
        new Date(m.value.receivedAt), m.raw, null, now,
      ]);
      const { sql, params } = valuesOf(inbox);
      const written = await client.query(
        `INSERT INTO messages (id, channel, external_id, conversation, status, complaint_id, text, automated, received_at, raw, correlation_id, created_at)
         VALUES ${sql} ON CONFLICT DO NOTHING RETURNING id`,
        params,
      );
      if (written.rowCount !== inbox.length) throw new Error('messages stored concurrently');
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    client.release();
  }
}

/** kafkajs + pg by hand, doing per message the work core does, on core's schema and settings. */
async function sameWork(kafka: Kafka, producer: Producer): Promise<Result> {
  return withDatabase(async (url) => {
    const schema = await new DataSource(dataSourceOptions({ kind: 'postgres', url, migrateOnBoot: true, poolSize: 1 })).initialize();
    await schema.runMigrations();
    await schema.destroy();
    const topic = `bench-same-${randomUUID()}`;
    await createTopic(kafka, topic);
    await produceAll(producer, topic, N);
    progress(`same-work baseline: ${N} messages on the topic`);

    const db = new Client({ connectionString: url });
    await db.connect();
    const pool = new Pool({ connectionString: url, max: POOL_SIZE });
    // Dropping the database at the end ends connections the pool may still be closing.
    pool.on('error', () => undefined);
    const consumer = await consumeBatches(kafka, topic, 'same', PARTITION_CONCURRENCY, (messages) =>
      writeSameWork(
        pool,
        messages.map((message) => {
          const raw = message.value?.toString() ?? '{}';
          return { raw, value: JSON.parse(raw) as Inbound };
        }),
      ),
    );
    try {
      return await complaintsPath(db, producer, topic, 'same-work');
    } finally {
      await consumer.disconnect();
      await pool.end();
      await db.end();
    }
  });
}

/** The product's path: core as it runs in production, batching into Postgres through TypeORM. */
async function pipeline(kafka: Kafka, producer: Producer, extraEnv: Record<string, string> = {}, label = 'pipeline'): Promise<Result> {
  return withDatabase(async (url) => {
    const prefix = `bench-${randomUUID().slice(0, 8)}.`;
    const topic = `${prefix}plaint.inbound.v1`;
    await createTopic(kafka, topic);
    await produceAll(producer, topic, N);
    progress(`pipeline: ${N} messages on the topic`);
    const core = await startPlaint({
      env: {
        PORT: '0',
        HOST: '127.0.0.1',
        PLAINT_APP: 'core',
        PLAINT_DATABASE_URL: url,
        PLAINT_KAFKA_BROKERS: brokers.join(','),
        PLAINT_KAFKA_TOPIC_PREFIX: prefix,
        PLAINT_KAFKA_PARTITIONS: String(PARTITIONS),
        PLAINT_REFERENCE_SECRET: 'bench-secret-bench-secret-bench-secret',
        PLAINT_AUTH_SECRET: 'bench-auth-secret-bench-auth-secret-bench',
        PLAINT_LOG_LEVEL: 'warn',
        ...(process.env.PLAINT_KAFKA_PARTITION_CONCURRENCY
          ? { PLAINT_KAFKA_PARTITION_CONCURRENCY: process.env.PLAINT_KAFKA_PARTITION_CONCURRENCY }
          : {}),
        ...extraEnv,
      },
    });
    const db = new Client({ connectionString: url });
    await db.connect();
    try {
      return await complaintsPath(db, producer, topic, label, PROFILE);
    } finally {
      await db.end();
      await core.close();
    }
  });
}

/** Core with tracing on, exporting every span to an OTLP/HTTP endpoint that takes and drops them. */
async function tracedPipeline(kafka: Kafka, producer: Producer): Promise<Result> {
  let exports = 0;
  const sink = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      exports += 1;
      response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => sink.listen(0, '127.0.0.1', resolve));
  try {
    const endpoint = `http://127.0.0.1:${(sink.address() as AddressInfo).port}`;
    return await pipeline(kafka, producer, { OTEL_EXPORTER_OTLP_ENDPOINT: endpoint }, 'traced pipeline');
  } finally {
    progress(`traced pipeline: ${exports} OTLP exports received`);
    await new Promise((resolve) => sink.close(resolve));
  }
}

async function main(): Promise<void> {
  if (brokers.length === 0) throw new Error('PLAINT_KAFKA_BROKERS is not set (npm run bench starts a broker)');
  const kafka = new Kafka({ clientId: 'plaint-bench', brokers, logLevel: logLevel.ERROR });
  const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
  await producer.connect();
  process.stderr.write(`Plaint pipeline benchmark: ${N} messages to drain, ${LATENCY_MESSAGES} at ${RATE}/s for latency, ${PARTITIONS} partitions\n`);
  const raw = PATHS.has('raw') ? await baseline(kafka, producer) : undefined;
  const same = PATHS.has('same') ? await sameWork(kafka, producer) : undefined;
  const plaint = PATHS.has('core') ? await pipeline(kafka, producer) : undefined;
  const traced = PATHS.has('traced') ? await tracedPipeline(kafka, producer) : undefined;
  await producer.disconnect();

  const row = (name: string, r: Result | undefined) => {
    if (r) console.log(`${name.padEnd(34)} ${r.drainPerSecond.toFixed(0).padStart(10)} ${r.p50.toFixed(1).padStart(10)} ${r.p99.toFixed(1).padStart(10)} ${r.cpuMsPerMessage.toFixed(3).padStart(12)}`);
  };
  console.log(`\n${'path'.padEnd(34)} ${'msg/s'.padStart(10)} ${'p50 ms'.padStart(10)} ${'p99 ms'.padStart(10)} ${'CPU ms/msg'.padStart(12)}`);
  row('raw baseline (kafkajs + pg INSERT)', raw);
  row('same-work baseline (kafkajs + pg)', same);
  row('Plaint core (Kafka → Postgres)', plaint);
  row('Plaint core, tracing on', traced);
  const ratios = (name: string, base: Result | undefined) => {
    if (!plaint || !base) return;
    console.log(
      `pipeline / ${name}: throughput ${(plaint.drainPerSecond / base.drainPerSecond).toFixed(2)}, ` +
        `p50 latency ${(plaint.p50 / base.p50).toFixed(2)}, p99 ${(plaint.p99 / base.p99).toFixed(2)}, ` +
        `CPU per message ${(plaint.cpuMsPerMessage / base.cpuMsPerMessage).toFixed(2)}`,
    );
  };
  console.log('');
  ratios('raw baseline', raw);
  ratios('same-work baseline', same);
  if (plaint && traced) {
    console.log(
      `tracing on / off: throughput ${(traced.drainPerSecond / plaint.drainPerSecond).toFixed(2)}, ` +
        `p50 latency ${(traced.p50 / plaint.p50).toFixed(2)}, p99 ${(traced.p99 / plaint.p99).toFixed(2)}, ` +
        `CPU per message ${(traced.cpuMsPerMessage / plaint.cpuMsPerMessage).toFixed(2)}`,
    );
  }
  // The machine may be shared: the load it carried says how far to trust the figures.
  console.log(`load average (1, 5, 15 min): ${loadavg().map((load) => load.toFixed(2)).join(', ')}`);
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
