/**
 * `npm run bench` (chat part): customers' chat messages at a steady rate over the real socket.io
 * protocol into ingest-chat, through Kafka to core (and its notices back through the notifier),
 * on Postgres. Plaint runs from the build, as production runs it (README, "Running as separate
 * services"): ingest-chat in a process of its own, core and the notifier in another. With
 * PLAINT_BENCH_CHAT_LAYOUT=one, all three share one process instead (`PLAINT_APP=core,notifier,
 * ingest-chat`, one event loop and one database pool). The simulated customers run here, so they
 * share neither. Measures what the widget waits for: message sent → its acknowledgement on the
 * socket (the bus has accepted the message and the line is stored), the acknowledgements per
 * second, and the CPU time the ingest-chat process spent per message (less at the mercy of other
 * load on the machine than the latency). PLAINT_BENCH_NODE_ARGS are the services' node flags
 * (e.g. --cpu-prof).
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { io, type Socket } from 'socket.io-client';
import { type BenchPlaint, createBenchDatabase, runBench, spawnPlaint, waitUntilReady } from './bench-service';

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

/** The processes Plaint runs in, each with its PLAINT_APP. */
const LAYOUTS = {
  separate: ['ingest-chat', 'core,notifier'],
  one: ['core,notifier,ingest-chat'],
} as const;
type Layout = keyof typeof LAYOUTS;

function layoutFrom(value: string | undefined): Layout {
  const layout = value ?? 'separate';
  if (layout !== 'separate' && layout !== 'one') throw new Error(`PLAINT_BENCH_CHAT_LAYOUT must be separate or one, got ${layout}`);
  return layout;
}

interface Service extends BenchPlaint {
  apps: string;
}

/** CPU seconds (user + system) a process has used so far; NaN where /proc is not there. */
function cpuSeconds(pid: number | undefined): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (100/s on Linux)
  } catch {
    return NaN;
  }
}

async function startService(apps: string, databaseUrl: string, env: Record<string, string>): Promise<Service> {
  return Object.assign(await spawnPlaint(databaseUrl, { ...env, PLAINT_APP: apps }), { apps });
}

async function main(): Promise<void> {
  if (!brokers) throw new Error('PLAINT_KAFKA_BROKERS is not set (npm run bench starts a broker)');
  const layout = layoutFrom(process.env.PLAINT_BENCH_CHAT_LAYOUT);
  const database = await createBenchDatabase(adminUrl);
  const unlimited = '1000000';
  const env = {
    PLAINT_KAFKA_BROKERS: brokers,
    // Both processes on the same topics.
    PLAINT_KAFKA_TOPIC_PREFIX: `bench-${randomUUID().slice(0, 8)}.`,
    // Every simulated customer comes from this one address.
    PLAINT_RATE_LIMIT_CHAT_STARTS_PER_ADDRESS: unlimited,
    PLAINT_RATE_LIMIT_CHAT_STARTS_PER_CONTACT: unlimited,
    PLAINT_RATE_LIMIT_CHAT_MESSAGES_PER_ADDRESS: unlimited,
    PLAINT_RATE_LIMIT_CHAT_MESSAGES_PER_CONVERSATION: unlimited,
  };
  // Both at once: they take turns on the migrations (an advisory lock).
  const services = await Promise.all(LAYOUTS[layout].map((apps) => startService(apps, database.url, env)));
  const chat = services[0]!; // the one serving ingest-chat
  const sockets: Socket[] = [];
  try {
    await Promise.all(services.map((service) => waitUntilReady(service.url, service.exited)));
    for (let i = 0; i < CONVERSATIONS; i += 1) {
      const socket = await connect(chat.url);
      sockets.push(socket);
      const started = (await socket.timeout(10_000).emitWithAck('chat:start', { fullName: `Customer ${i}`, email: `chat-${i}@example.az` })) as Ack;
      if (!started.ok) throw new Error(`chat:start refused: ${started.error?.code}`);
    }
    const processes = services.map((service) => `[${service.apps}]`).join(' + ');
    process.stderr.write(
      `Chat benchmark: ${CONVERSATIONS} conversations, ${RATE} messages/s for ${SECONDS} s (${WARM_UP_SECONDS} s warm-up); Plaint as ${services.map((service) => `[${service.apps}] (pid ${service.process.pid})`).join(' + ')}; load average ${loadavg().map((n) => n.toFixed(2)).join(' ')}\n`,
    );
    const latencies: number[] = [];
    const failures = new Map<string, number>();
    const pending: Promise<void>[] = [];
    const tick = 10; // ms
    const start = Date.now();
    const total = RATE * (SECONDS + WARM_UP_SECONDS);
    const measuredFrom = RATE * WARM_UP_SECONDS;
    let cpuAtMeasureStart: number[] = [];
    let lastAckAt = start;
    for (let sent = 0; sent < total; ) {
      const due = Math.min(total, Math.floor(((Date.now() - start) * RATE) / 1000));
      for (; sent < due; sent += 1) {
        const socket = sockets[sent % CONVERSATIONS]!;
        const measured = sent >= measuredFrom;
        if (sent === measuredFrom) cpuAtMeasureStart = services.map((service) => cpuSeconds(service.process.pid));
        const at = performance.now();
        pending.push(
          (socket.timeout(10_000).emitWithAck('chat:message', { clientMessageId: randomUUID(), text: `The courier left parcel ${sent} at the wrong door.` }) as Promise<Ack>)
            .then((ack) => {
              if (!ack.ok) failures.set(ack.error?.code ?? '?', (failures.get(ack.error?.code ?? '?') ?? 0) + 1);
              else if (measured) {
                latencies.push(performance.now() - at);
                lastAckAt = Date.now();
              }
            })
            .catch(() => {
              failures.set('timeout', (failures.get('timeout') ?? 0) + 1);
            }),
        );
      }
      await new Promise((resolve) => setTimeout(resolve, tick));
    }
    await Promise.all(pending);
    const cpuPerMessage = services
      .map((service, i) => `[${service.apps}] ${(((cpuSeconds(service.process.pid) - cpuAtMeasureStart[i]!) * 1000) / (total - measuredFrom)).toFixed(2)} ms`)
      .join(', ');
    const seconds = (Date.now() - start) / 1000;
    const measuredSeconds = (lastAckAt - start) / 1000 - WARM_UP_SECONDS;
    latencies.sort((a, b) => a - b);
    console.log(`\nchat message → acknowledgement at ${RATE}/s (sent ${total} in ${seconds.toFixed(1)} s; Plaint as ${processes})`);
    console.log(`  p50 ${percentile(latencies, 50).toFixed(1)} ms, p99 ${percentile(latencies, 99).toFixed(1)} ms, max ${percentile(latencies, 100).toFixed(1)} ms`);
    console.log(
      `  acknowledged ${(latencies.length / measuredSeconds).toFixed(0)} messages/s after the warm-up; CPU per message sent after it: ${cpuPerMessage}`,
    );
    if (failures.size > 0) console.log(`  not acknowledged: ${[...failures].map(([code, n]) => `${code} ${n}`).join(', ')}`);
    console.log(`  load average ${loadavg().map((n) => n.toFixed(2)).join(' ')} (${cpus().length} CPUs)`);
  } finally {
    for (const socket of sockets) socket.close();
    await Promise.all(services.map((service) => service.stop()));
    await database.drop();
  }
}

runBench(main);
