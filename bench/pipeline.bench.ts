/**
 * `npm run bench`: inbound messages through Kafka → core → Postgres, next to a raw baseline on
 * the same broker and database in the same run (kafkajs eachBatch + one multi-row pg INSERT per
 * batch; no Nest, no ORM, no dedup logic beyond ON CONFLICT, no complaints, no outbox).
 *
 * Two phases per path:
 *   drain    N messages are on the topic before consumption starts; throughput = N divided by
 *            the span between the first and the last batch written.
 *   latency  messages published at a steady rate; latency = row written − message published.
 */
import { randomUUID } from 'node:crypto';
import { Kafka, logLevel, Partitioners, type Producer } from 'kafkajs';
import { Client } from 'pg';
import { startPlaint } from '../apps/plaint/src/bootstrap';

const brokers = (process.env.PLAINT_KAFKA_BROKERS ?? '').split(',').filter(Boolean);
const adminUrl = process.env.PLAINT_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const N = Number(process.env.PLAINT_BENCH_MESSAGES ?? 20_000);
const RATE = Number(process.env.PLAINT_BENCH_RATE ?? 500);
const LATENCY_MESSAGES = Number(process.env.PLAINT_BENCH_LATENCY_MESSAGES ?? 3_000);
const PARTITIONS = 6;

interface Result {
  drainPerSecond: number;
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
  const name = `plaint_bench_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  try {
    return await fn(url.toString());
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}

async function waitForRows(db: Client, sql: string, expected: number, label: string): Promise<void> {
  let last = -1;
  let lastChange = Date.now();
  for (;;) {
    const n = Number((await db.query<{ n: string }>(sql)).rows[0]?.n ?? 0);
    if (n >= expected) return;
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
    const consumer = kafka.consumer({ groupId: `bench-raw-${randomUUID()}`, maxWaitTimeInMs: 100 });
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({
      eachBatchAutoResolve: false,
      autoCommit: false,
      eachBatch: async ({ batch, resolveOffset, commitOffsetsIfNecessary }) => {
        const values: unknown[] = [];
        const rows: string[] = [];
        for (const message of batch.messages) {
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
        const last = batch.messages[batch.messages.length - 1];
        if (last) {
          resolveOffset(last.offset);
          await commitOffsetsIfNecessary({ topics: [{ topic: batch.topic, partitions: [{ partition: batch.partition, offset: (BigInt(last.offset) + 1n).toString() }] }] });
        }
      },
    });
    await waitForRows(db, 'SELECT count(*) AS n FROM inbox', N, 'baseline drain');
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
    return { ...drain, ...latency };
  });
}

/** The product's path: core as it runs in production, batching into Postgres through TypeORM. */
async function pipeline(kafka: Kafka, producer: Producer): Promise<Result> {
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
      },
    });
    const db = new Client({ connectionString: url });
    await db.connect();
    try {
      await waitForRows(db, "SELECT count(*) AS n FROM messages WHERE status = 'attached'", N, 'pipeline drain');
      const drain = await measure(db, 'SELECT min(created_at) AS first, max(created_at) AS last FROM complaints', N);
      await producePaced(producer, topic, LATENCY_MESSAGES, RATE);
      await waitForRows(db, 'SELECT count(*) AS n FROM complaints', N + LATENCY_MESSAGES, 'pipeline latency');
      const latency = await latencies(
        db,
        `SELECT extract(epoch FROM (created_at - received_at)) * 1000 AS ms FROM complaints ORDER BY created_at DESC LIMIT ${LATENCY_MESSAGES}`,
      );
      return { ...drain, ...latency };
    } finally {
      await db.end();
      await core.close();
    }
  });
}

async function main(): Promise<void> {
  if (brokers.length === 0) throw new Error('PLAINT_KAFKA_BROKERS is not set (npm run bench starts a broker)');
  const kafka = new Kafka({ clientId: 'plaint-bench', brokers, logLevel: logLevel.ERROR });
  const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
  await producer.connect();
  process.stderr.write(`Plaint pipeline benchmark: ${N} messages to drain, ${LATENCY_MESSAGES} at ${RATE}/s for latency, ${PARTITIONS} partitions\n`);
  const raw = await baseline(kafka, producer);
  const plaint = await pipeline(kafka, producer);
  await producer.disconnect();

  const row = (name: string, r: Result) =>
    `${name.padEnd(34)} ${r.drainPerSecond.toFixed(0).padStart(10)} ${r.p50.toFixed(1).padStart(10)} ${r.p99.toFixed(1).padStart(10)}`;
  console.log(`\n${'path'.padEnd(34)} ${'msg/s'.padStart(10)} ${'p50 ms'.padStart(10)} ${'p99 ms'.padStart(10)}`);
  console.log(row('raw baseline (kafkajs + pg INSERT)', raw));
  console.log(row('Plaint core (Kafka → Postgres)', plaint));
  console.log(`\npipeline / baseline throughput: ${(plaint.drainPerSecond / raw.drainPerSecond).toFixed(2)}`);
  console.log(`pipeline / baseline p50 latency: ${(plaint.p50 / raw.p50).toFixed(2)}, p99: ${(plaint.p99 / raw.p99).toFixed(2)}`);
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
