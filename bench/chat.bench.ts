/**
 * `npm run bench` (chat part): customers' chat messages at a steady rate over the real socket.io
 * protocol into ingest-chat, through Kafka to core (and its notices back through the notifier),
 * in one Plaint process of its own (from the build, as `npm start` runs it) on Postgres; the
 * simulated customers run here, so they do not share its event loop. Measures what the widget
 * waits for: message sent → its acknowledgement on the socket (the bus has accepted the message
 * and the line is stored). PLAINT_BENCH_NODE_ARGS are the service's node flags (e.g. --cpu-prof).
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { Client } from 'pg';
import { io, type Socket } from 'socket.io-client';
import { freePort, waitUntilReady } from './bench-service';

const brokers = process.env.PLAINT_KAFKA_BROKERS ?? '';
const adminUrl = process.env.PLAINT_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const RATE = Number(process.env.PLAINT_BENCH_RATE ?? 500);
const SECONDS = Number(process.env.PLAINT_BENCH_CHAT_SECONDS ?? 20);
const WARM_UP_SECONDS = 3;
const CONVERSATIONS = 100;

type Ack = { ok: boolean; error?: { code: string } };

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

async function connect(url: string): Promise<Socket> {
  const socket = io(`${url}/chat`, { transports: ['websocket'], forceNew: true, reconnection: false });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  return socket;
}

async function main(): Promise<void> {
  if (!brokers) throw new Error('PLAINT_KAFKA_BROKERS is not set (npm run bench starts a broker)');
  const name = `plaint_bench_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const unlimited = '1000000';
  const port = await freePort();
  const nodeArgs = (process.env.PLAINT_BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const service = spawn(process.execPath, [...nodeArgs, join(__dirname, '..', 'apps', 'plaint', 'src', 'main.js')], {
    env: {
      ...process.env,
      PORT: String(port),
      PLAINT_METRICS_PORT: 'off',
      HOST: '127.0.0.1',
      PLAINT_APP: 'core,notifier,ingest-chat',
      PLAINT_DATABASE_URL: url.toString(),
      PLAINT_KAFKA_BROKERS: brokers,
      PLAINT_KAFKA_TOPIC_PREFIX: `bench-${randomUUID().slice(0, 8)}.`,
      PLAINT_KAFKA_PARTITIONS: '6',
      PLAINT_REFERENCE_SECRET: 'bench-secret-bench-secret-bench-secret',
      PLAINT_AUTH_SECRET: 'bench-auth-secret-bench-auth-secret-bench',
      PLAINT_LOG_LEVEL: 'warn',
      // Every simulated customer comes from this one address.
      PLAINT_RATE_LIMIT_CHAT_STARTS_PER_ADDRESS: unlimited,
      PLAINT_RATE_LIMIT_CHAT_STARTS_PER_CONTACT: unlimited,
      PLAINT_RATE_LIMIT_CHAT_MESSAGES_PER_ADDRESS: unlimited,
      PLAINT_RATE_LIMIT_CHAT_MESSAGES_PER_CONVERSATION: unlimited,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  let exited = false;
  const stopped = new Promise<void>((resolve) => service.once('exit', () => ((exited = true), resolve())));
  const plaint = { url: `http://127.0.0.1:${port}` };
  const sockets: Socket[] = [];
  try {
    await waitUntilReady(plaint.url, () => exited);
    for (let i = 0; i < CONVERSATIONS; i += 1) {
      const socket = await connect(plaint.url);
      sockets.push(socket);
      const started = (await socket.timeout(10_000).emitWithAck('chat:start', { fullName: `Customer ${i}`, email: `chat-${i}@example.az` })) as Ack;
      if (!started.ok) throw new Error(`chat:start refused: ${started.error?.code}`);
    }
    process.stderr.write(`Chat benchmark: ${CONVERSATIONS} conversations, ${RATE} messages/s for ${SECONDS} s (${WARM_UP_SECONDS} s warm-up)\n`);
    const latencies: number[] = [];
    const failures = new Map<string, number>();
    const pending: Promise<void>[] = [];
    const tick = 10; // ms
    const start = Date.now();
    const total = RATE * (SECONDS + WARM_UP_SECONDS);
    for (let sent = 0; sent < total; ) {
      const due = Math.min(total, Math.floor(((Date.now() - start) * RATE) / 1000));
      for (; sent < due; sent += 1) {
        const socket = sockets[sent % CONVERSATIONS]!;
        const measured = sent >= RATE * WARM_UP_SECONDS;
        const at = performance.now();
        pending.push(
          (socket.timeout(10_000).emitWithAck('chat:message', { clientMessageId: randomUUID(), text: `The courier left parcel ${sent} at the wrong door.` }) as Promise<Ack>)
            .then((ack) => {
              if (!ack.ok) failures.set(ack.error?.code ?? '?', (failures.get(ack.error?.code ?? '?') ?? 0) + 1);
              else if (measured) latencies.push(performance.now() - at);
            })
            .catch(() => {
              failures.set('timeout', (failures.get('timeout') ?? 0) + 1);
            }),
        );
      }
      await new Promise((resolve) => setTimeout(resolve, tick));
    }
    await Promise.all(pending);
    const seconds = (Date.now() - start) / 1000;
    latencies.sort((a, b) => a - b);
    console.log(`\nchat message → acknowledgement at ${RATE}/s (sent ${total} in ${seconds.toFixed(1)} s)`);
    console.log(`  p50 ${percentile(latencies, 50).toFixed(1)} ms, p99 ${percentile(latencies, 99).toFixed(1)} ms, max ${percentile(latencies, 100).toFixed(1)} ms`);
    if (failures.size > 0) console.log(`  not acknowledged: ${[...failures].map(([code, n]) => `${code} ${n}`).join(', ')}`);
  } finally {
    for (const socket of sockets) socket.close();
    service.kill('SIGTERM');
    await stopped;
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
