/**
 * The e-mail part of `npm run bench`: a mailbox of N mails (2,000 by default) to committed
 * complaints, next to a raw baseline in the same run on the same mail server: imapflow fetching
 * the same messages and mailparser parsing them, nothing else.
 *
 * The mailbox is filled with IMAP APPEND (fast, and the same bytes for both paths). The pipeline
 * is the e-mail adapter and core as they run in production, on Kafka and Postgres.
 */
import { randomUUID } from 'node:crypto';
import { ImapFlow } from 'imapflow';
import { simpleParser } from 'mailparser';
import { Client } from 'pg';
import { startPlaint } from '../apps/plaint/src/bootstrap';
import { createBenchDatabase } from './bench-service';

const N = Number(process.env.PLAINT_BENCH_EMAILS ?? 2_000);
const brokers = process.env.PLAINT_KAFKA_BROKERS ?? '';
const adminUrl = process.env.PLAINT_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const [host = '127.0.0.1', , imapPort = '3143'] = (process.env.PLAINT_GREENMAIL ?? '').split(':');

function mail(i: number): Buffer {
  const id = `${randomUUID()}@customer.bench`;
  return Buffer.from(
    [
      `From: "Müştəri ${i}" <customer-${i}@customer.bench>`,
      `To: care@plaint.bench`,
      `Subject: Şikayət ${i}: sifariş gecikir`,
      `Message-ID: <${id}>`,
      `Date: ${new Date().toUTCString()}`,
      'MIME-Version: 1.0',
      'Content-Type: text/plain; charset=utf-8',
      'Content-Transfer-Encoding: 8bit',
      '',
      `Salam. ${i} nömrəli sifarişim iki həftədir gəlmir, heç kim zəngə cavab vermir.`,
      'Xahiş edirəm, məsələni həll edin.',
      '',
    ].join('\r\n'),
  );
}

async function fillMailbox(user: string): Promise<void> {
  const client = new ImapFlow({ host, port: Number(imapPort), secure: false, auth: { user, pass: 'x' }, logger: false });
  await client.connect();
  for (let i = 0; i < N; i += 1) await client.append('INBOX', mail(i));
  await client.logout();
}

/** imapflow + mailparser over the whole mailbox: the floor under the adapter. */
async function baseline(user: string): Promise<number> {
  const client = new ImapFlow({ host, port: Number(imapPort), secure: false, auth: { user, pass: 'x' }, logger: false });
  await client.connect();
  const started = performance.now();
  const lock = await client.getMailboxLock('INBOX');
  const sources: Buffer[] = [];
  try {
    for await (const message of client.fetch('1:*', { uid: true, source: true }, { uid: true })) {
      if (message.source) sources.push(message.source);
    }
  } finally {
    lock.release();
  }
  let parsed = 0;
  for (const source of sources) if ((await simpleParser(source)).messageId) parsed += 1;
  const seconds = (performance.now() - started) / 1000;
  await client.logout();
  if (parsed !== N) throw new Error(`baseline parsed ${parsed} of ${N}`);
  return N / seconds;
}

async function pipeline(user: string): Promise<{ overall: number; steady: number }> {
  const database = await createBenchDatabase(adminUrl);
  const name = new URL(database.url).pathname.slice(1);
  const db = new Client({ connectionString: database.url });
  try {
    const started = performance.now();
    const plaint = await startPlaint({
      env: {
        PORT: '0',
        HOST: '127.0.0.1',
        PLAINT_APP: 'ingest-email,core',
        PLAINT_DATABASE_URL: database.url,
        PLAINT_KAFKA_BROKERS: brokers,
        PLAINT_KAFKA_TOPIC_PREFIX: `bench-mail-${randomUUID().slice(0, 8)}.`,
        PLAINT_REFERENCE_SECRET: 'bench-secret-bench-secret-bench-secret',
        PLAINT_AUTH_SECRET: 'bench-auth-secret-bench-auth-secret-bench',
        PLAINT_IMAP_URL: `imap://${encodeURIComponent(user)}:x@${host}:${imapPort}/INBOX`,
        PLAINT_DATA_DIR: `/tmp/${name}`,
        PLAINT_LOG_LEVEL: 'warn',
      },
    });
    await db.connect();
    try {
      for (;;) {
        const n = Number((await db.query<{ n: string }>('SELECT count(*) AS n FROM complaints')).rows[0]?.n ?? 0);
        if (n >= N) break;
        if (performance.now() - started > 300_000) throw new Error(`stuck at ${n}/${N} complaints`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      const overall = N / ((performance.now() - started) / 1000);
      // Steady state: from the first complaint committed to the last, without the boot (Kafka
      // group join, topic creation, migrations) that the overall figure includes.
      const span = (
        await db.query<{ seconds: number }>('SELECT extract(epoch FROM max(created_at) - min(created_at)) AS seconds FROM complaints')
      ).rows[0];
      return { overall, steady: N / Number(span?.seconds ?? Infinity) };
    } finally {
      await plaint.close();
    }
  } finally {
    await db.end().catch(() => undefined);
    await database.drop();
  }
}

async function main(): Promise<void> {
  if (!brokers || !process.env.PLAINT_GREENMAIL) throw new Error('needs PLAINT_KAFKA_BROKERS and PLAINT_GREENMAIL (npm run bench sets both)');
  const user = `care-${randomUUID().slice(0, 8)}@plaint.bench`;
  process.stderr.write(`E-mail benchmark: ${N} mails in one mailbox\n`);
  await fillMailbox(user);
  process.stderr.write('  mailbox filled\n');
  const raw = await baseline(user);
  const plaint = await pipeline(user);
  console.log(`\n${'path'.padEnd(44)} ${'mails/s'.padStart(10)}`);
  console.log(`${'raw baseline (imapflow fetch + mailparser)'.padEnd(44)} ${raw.toFixed(0).padStart(10)}`);
  console.log(`${'Plaint, from boot (IMAP → Kafka → core → PG)'.padEnd(44)} ${plaint.overall.toFixed(0).padStart(10)}`);
  console.log(`${'Plaint, first to last complaint'.padEnd(44)} ${plaint.steady.toFixed(0).padStart(10)}`);
  console.log(`\npipeline / baseline: ${(plaint.overall / raw).toFixed(2)} from boot, ${(plaint.steady / raw).toFixed(2)} steady`);
}

main().catch((error: unknown) => {
  process.stderr.write(`e-mail bench failed: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
