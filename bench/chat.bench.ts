/**
 * `npm run bench` (chat part): customers' chat messages at a steady rate over the real socket.io
 * protocol into ingest-chat, through Kafka to core (and its notices back through the notifier),
 * in one Plaint process of its own (from the build, as `npm start` runs it) on Postgres; the
 * simulated customers run here, so they do not share its event loop. Measures what the widget
 * waits for: message sent → its acknowledgement on the socket (the bus has accepted the message
 * and the line is stored). PLAINT_BENCH_NODE_ARGS are the service's node flags (e.g. --cpu-prof).
 */
import { randomUUID } from 'node:crypto';
import { io, type Socket } from 'socket.io-client';
import { createBenchDatabase, runBench, spawnPlaint, waitUntilReady } from './bench-service';

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
  const database = await createBenchDatabase(adminUrl);
  const unlimited = '1000000';
  const service = await spawnPlaint(database.url, {
    PLAINT_APP: 'core,notifier,ingest-chat',
    // Every simulated customer comes from this one address.
    PLAINT_RATE_LIMIT_CHAT_STARTS_PER_ADDRESS: unlimited,
    PLAINT_RATE_LIMIT_CHAT_STARTS_PER_CONTACT: unlimited,
    PLAINT_RATE_LIMIT_CHAT_MESSAGES_PER_ADDRESS: unlimited,
    PLAINT_RATE_LIMIT_CHAT_MESSAGES_PER_CONVERSATION: unlimited,
  });
  const plaint = { url: service.url };
  const sockets: Socket[] = [];
  try {
    await waitUntilReady(plaint.url, service.exited);
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
    await service.stop();
    await database.drop();
  }
}

runBench(main);
