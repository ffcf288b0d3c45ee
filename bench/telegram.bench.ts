/**
 * `npm run bench` (Telegram part): Telegram webhook updates per second, from the POST to the
 * committed complaint, next to a raw baseline in the same run. Plaint runs core and
 * ingest-social in one process of its own (from the build, as `npm start` runs it) on Postgres
 * and Kafka; each update is a text message from a customer of its own, so each becomes one
 * complaint. The baseline (bench/raw-telegram-webhook.ts, also a process of its own) takes the
 * same updates, checks the secret and produces each to Kafka, nothing more. Both get the same
 * number of POSTs in flight from here.
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { Agent, request } from 'node:http';
import { join } from 'node:path';
import { Client } from 'pg';
import { createBenchDatabase, runBench, spawnPlaint, waitUntilReady, watchExit } from './bench-service';

const brokers = process.env.PLAINT_KAFKA_BROKERS ?? '';
const adminUrl = process.env.PLAINT_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const UPDATES = Number(process.env.PLAINT_BENCH_TELEGRAM_UPDATES ?? 5000);
const IN_FLIGHT = Number(process.env.PLAINT_BENCH_TELEGRAM_IN_FLIGHT ?? 50);
const SECRET = 'bench-telegram-webhook-secret-0123456789';
const TOKEN = '700300:AAHbenchTokenForTheBenchBot_0123456789';

/** Text updates of private chats, one customer each, as Telegram posts them. */
function updates(count: number, firstId: number): string[] {
  return Array.from({ length: count }, (_, i) => {
    const user = { id: firstId + i, is_bot: false, first_name: 'Customer', last_name: String(i), language_code: 'az' };
    const message = { message_id: 1, from: user, chat: { id: user.id, first_name: 'Customer', type: 'private' }, date: Math.floor(Date.now() / 1000), text: `Sifariş ${i} gecikir, kuryer gəlmədi.` };
    return JSON.stringify({ update_id: firstId + i, message });
  });
}

/** POSTs every body with `inFlight` requests at a time; resolves when all were answered 200. */
async function postAll(url: string, bodies: readonly string[], inFlight: number): Promise<void> {
  const agent = new Agent({ keepAlive: true, maxSockets: inFlight });
  let next = 0;
  const worker = async () => {
    while (next < bodies.length) {
      const body = bodies[next++]!;
      const status = await post(url, body, agent);
      if (status !== 200) throw new Error(`${url} answered ${status}`);
    }
  };
  await Promise.all(Array.from({ length: inFlight }, worker));
  agent.destroy();
}

function post(url: string, body: string, agent: Agent): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', agent, headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': SECRET, 'content-length': Buffer.byteLength(body) } }, (res) => {
      res.resume();
      res.once('end', () => resolve(res.statusCode ?? 0));
    });
    req.once('error', reject);
    req.end(body);
  });
}

async function rawBaseline(bodies: readonly string[]): Promise<number> {
  const raw = spawn(process.execPath, [join(__dirname, 'raw-telegram-webhook.js')], {
    env: { ...process.env, RAW_TOPIC: `bench-raw-telegram-${randomUUID().slice(0, 8)}`, RAW_SECRET: SECRET },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const { stopped } = watchExit(raw);
  try {
    const port = await new Promise<number>((resolve, reject) => {
      raw.stdout?.on('data', (chunk: Buffer) => {
        const match = /listening (\d+)/.exec(chunk.toString());
        if (match) resolve(Number(match[1]));
      });
      raw.once('exit', () => reject(new Error('the raw webhook exited while starting')));
    });
    const start = performance.now();
    await postAll(`http://127.0.0.1:${port}/`, bodies, IN_FLIGHT);
    return (bodies.length * 1000) / (performance.now() - start);
  } finally {
    raw.kill('SIGTERM');
    await stopped;
  }
}

async function main(): Promise<void> {
  if (!brokers) throw new Error('PLAINT_KAFKA_BROKERS is not set (npm run bench starts a broker)');
  const database = await createBenchDatabase(adminUrl);
  const service = await spawnPlaint(database.url, {
    PLAINT_APP: 'core,ingest-social',
    PLAINT_TELEGRAM_BOT_TOKEN: `bench=${TOKEN}`,
    PLAINT_TELEGRAM_WEBHOOK_SECRET: SECRET,
    // Text messages need no Bot API call; nothing listens here.
    PLAINT_TELEGRAM_API_ROOT: 'http://127.0.0.1:9',
  });
  const plaint = service.url;
  const db = new Client({ connectionString: database.url });
  try {
    await waitUntilReady(plaint, service.exited);
    await db.connect();
    // Warm-up: connections, JIT, the consumers' first fetches.
    const warmUp = updates(200, 1_000_000);
    await postAll(`${plaint}/webhooks/telegram/bench`, warmUp, IN_FLIGHT);
    const complaints = async () => Number((await db.query<{ n: string }>('SELECT count(*) AS n FROM complaints')).rows[0]?.n ?? 0);
    while ((await complaints()) < warmUp.length) await new Promise((resolve) => setTimeout(resolve, 50));

    const measured = updates(UPDATES, 2_000_000);
    process.stderr.write(`Telegram benchmark: ${UPDATES} webhook updates, ${IN_FLIGHT} in flight\n`);
    const start = performance.now();
    await postAll(`${plaint}/webhooks/telegram/bench`, measured, IN_FLIGHT);
    const accepted = performance.now() - start;
    while ((await complaints()) < warmUp.length + UPDATES) await new Promise((resolve) => setTimeout(resolve, 20));
    const committed = performance.now() - start;
    const plaintRate = (UPDATES * 1000) / committed;
    const rawRate = await rawBaseline(updates(UPDATES, 3_000_000));

    console.log(`\nTelegram webhook: ${UPDATES} updates, ${IN_FLIGHT} POSTs in flight`);
    console.log(`  Plaint, POST → committed complaint: ${plaintRate.toFixed(0)} updates/s (all answered 200 after ${(accepted / 1000).toFixed(1)} s, all committed after ${(committed / 1000).toFixed(1)} s)`);
    console.log(`  raw baseline, POST → produced to Kafka: ${rawRate.toFixed(0)} updates/s`);
    console.log(`  ratio Plaint / raw: ${(plaintRate / rawRate).toFixed(2)}`);
  } finally {
    await db.end().catch(() => undefined);
    await service.stop();
    await database.drop();
  }
}

runBench(main);
