import { randomBytes } from 'node:crypto';
import { type Admin, Kafka, logLevel } from 'kafkajs';
import { Client } from 'pg';
import { ChatClient } from '../support/chat-client';
import { FakeTelegram } from '../support/fake-telegram';
import { freePort } from '../support/free-port';
import { greenMail } from '../support/greenmail';
import { TestKafkaBroker } from '../support/kafka-broker';
import { readInbox } from '../support/mailbox';
import type { TelegramCustomer } from '../support/telegram-updates';
import { UNLIMITED_PUBLIC_RATES } from '../support/unlimited-public-rates';
import { waitFor } from '../support/wait-for';
import { type Channel, check, type NoticeSeen, type Verdict } from './checker';
import { type FaultKind, faultSchedule, type PlannedFault, seededRandom } from './faults';
import { ChatCustomer, mailIn, postForm, type Tracked, telegramIn, track } from './load';
import { OwnPostgres } from './own-postgres';
import { OwnRedis } from './own-redis';
import { Service } from './service';
import { SmtpFaultFront } from './smtp-fault-front';

export interface CampaignOptions {
  messages: number;
  seed: number;
  /** SIGKILLs of a core instance. */
  kills: number;
  /** Messages the customers send per second, over all channels. */
  rate: number;
  kafkaPort: number;
  smtpRefusalMs: number;
  redisDownMs: number;
  /** Progress lines, one at a time. */
  log: (line: string) => void;
  /** When it aborts (Ctrl-C on the command line), everything started is stopped and the process exits 130. */
  stopSignal?: AbortSignal;
}

export interface FaultOutcome {
  kind: FaultKind;
  /** Seconds into the load when it began. */
  atS: number;
  /** From the fault's start until the failed part is back (restarted, ready, answering again). */
  outageMs: number;
  /** From the fault's end until the pipeline made progress again (the next message stored; for SMTP, the next e-mail notice sent). */
  recoveryMs: number | null;
}

export interface CampaignReport {
  options: Omit<CampaignOptions, 'log' | 'stopSignal'>;
  wallMs: number;
  loadMs: number;
  drainMs: number;
  verdict: Verdict;
  faults: FaultOutcome[];
  /** From the acknowledgement to the complaint's message stored, over all acknowledged messages. */
  ackToStoredMs: { p50: number; p99: number; max: number };
}

const SHARES: [Channel, number][] = [
  ['chat', 0.4],
  ['form', 0.25],
  ['email', 0.15],
  ['telegram', 0.2],
];
/** Messages per chat or Telegram conversation, per e-mail or form customer (each mail and form is its own complaint). */
const PER_CUSTOMER = { chat: 25, telegram: 10, email: 15, form: 25 };
const BOT = 'shop';
const TOKEN = '700200:AAHchaosTokenForTheShopBot_0123456789';
const SECRET = 'chaos-webhook-secret-0123456789';
const REFERENCE = /\b[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}\b/g;
const COMPLAINTS = [
  'the washing machine was delivered with a cracked door',
  'my refund has not arrived after three weeks',
  'the courier never came although I waited all day',
  'the fridge I bought stopped cooling on the second day',
  'I was charged twice for one order',
  'the store staff refused to accept the return',
  'the warranty repair has taken two months already',
  'the parcel arrived empty',
];

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs the whole campaign and returns its report; everything it started is stopped before it returns or throws. */
export async function runCampaign(options: CampaignOptions): Promise<CampaignReport> {
  Service.checkBuilt();
  const mail = greenMail();
  const began = Date.now();
  const run = randomBytes(3).toString('hex');
  const random = seededRandom(options.seed);
  const cleanup: (() => Promise<void>)[] = [];
  const stopAll = async () => {
    for (const step of cleanup.splice(0).reverse()) await step().catch((error: Error) => options.log(`cleanup: ${error.message}`));
  };
  // The broker and PostgreSQL run detached: an interrupted run stops them before it exits.
  options.stopSignal?.addEventListener('abort', () => void stopAll().then(() => process.exit(130)), { once: true });
  const services: Service[] = [];
  const chats: ChatCustomer[] = [];
  let admin: Admin | undefined;
  let database: Client | undefined;
  try {
    const broker = new TestKafkaBroker(options.kafkaPort);
    await broker.destroy();
    cleanup.push(() => broker.destroy());
    await broker.start();
    const postgres = await OwnPostgres.create();
    cleanup.push(() => postgres.destroy());
    const redis = await OwnRedis.start();
    cleanup.push(() => redis.stop());
    const telegram = await FakeTelegram.start();
    cleanup.push(() => telegram.close());
    const front = await SmtpFaultFront.start(mail);
    cleanup.push(() => front.close());
    options.log(`parts up: Kafka ${broker.brokers}, PostgreSQL ${postgres.port}, Redis ${redis.port}, SMTP front ${front.port}`);

    const prefix = `chaos-${run}.`;
    const care = `care-${run}@chaos.test`;
    const common: Record<string, string> = {
      HOST: '127.0.0.1',
      PLAINT_DATABASE_URL: postgres.url,
      PLAINT_KAFKA_BROKERS: broker.brokers,
      PLAINT_KAFKA_TOPIC_PREFIX: prefix,
      PLAINT_KAFKA_PARTITIONS: '3',
      PLAINT_REFERENCE_SECRET: randomBytes(24).toString('base64url'),
      PLAINT_AUTH_SECRET: randomBytes(24).toString('base64url'),
      PLAINT_OUTBOX_POLL_MS: '100',
      PLAINT_METRICS_PORT: 'off',
      PLAINT_LOG_LEVEL: process.env.PLAINT_TEST_LOG_LEVEL ?? 'warn',
      // Every customer here writes from 127.0.0.1 and far more than a person would.
      ...UNLIMITED_PUBLIC_RATES,
      PLAINT_MAIL_MAX_PER_RECIPIENT_PER_HOUR: '10000',
    };
    const telegramEnv = {
      PLAINT_TELEGRAM_BOT_TOKEN: `${BOT}=${TOKEN}`,
      PLAINT_TELEGRAM_WEBHOOK_SECRET: SECRET,
      PLAINT_TELEGRAM_API_ROOT: telegram.apiRoot,
      PLAINT_TELEGRAM_CHAT_SEND_INTERVAL_MS: '0',
    };
    const service = async (name: string, app: string, extra: Record<string, string> = {}) => {
      const created = new Service(name, { ...common, PORT: String(await freePort()), PLAINT_APP: app, ...extra });
      services.push(created);
      return created;
    };
    // Customers' mails are each a complaint of their own: the near-duplicate rule (tested on
    // its own) would merge a customer's similar mails and is kept out of the count.
    const coreEnv = { PLAINT_NEAR_DUPLICATE_PERCENT: '100' };
    const cores = [await service('core A', 'core', coreEnv), await service('core B', 'core', coreEnv)];
    const chatA = await service('ingest-chat A', 'ingest-chat', { PLAINT_REDIS_URL: redis.url });
    const chatB = await service('ingest-chat B', 'ingest-chat', { PLAINT_REDIS_URL: redis.url });
    await service('notifier', 'notifier', { ...telegramEnv, PLAINT_SMTP_URL: front.url, PLAINT_MAIL_FROM: `Care <${care}>` });
    const web = await service('ingest-web', 'ingest-web');
    await service('ingest-email', 'ingest-email', {
      PLAINT_IMAP_URL: `imap://${encodeURIComponent(care)}:x@${mail.host}:${mail.imapPort}/INBOX`,
      PLAINT_IMAP_SWEEP_MS: '500',
    });
    const social = await service('ingest-social', 'ingest-social', telegramEnv);
    cleanup.push(() => Promise.all(services.map((s) => s.kill())).then(() => undefined));
    for (const one of services) {
      one.onCrash = () => {
        options.log(`${one.name} exited on its own; restarting it. Its last lines:\n${one.crashes.at(-1)?.logTail ?? ''}`);
        void sleep(1_000).then(() => one.start().catch((error: Error) => options.log(`${one.name} did not come back: ${error.message}`)));
      };
    }
    // The first core migrates the database; the others start on the schema it made.
    await cores[0]!.start();
    await cores[0]!.ready();
    await Promise.all(services.slice(1).map((s) => s.start()));
    await Promise.all(services.map((s) => s.ready()));
    options.log(`services ready after ${((Date.now() - began) / 1000).toFixed(0)} s`);

    admin = new Kafka({ clientId: 'chaos', brokers: [broker.brokers], logLevel: logLevel.NOTHING }).admin();
    await admin.connect();
    const db = async <T>(sql: string, params: unknown[] = []): Promise<T[]> => {
      if (!database) {
        const client = new Client({ connectionString: postgres.url });
        client.on('error', () => undefined);
        await client.connect();
        database = client;
      }
      try {
        return (await database.query(sql, params)).rows as T[];
      } catch (error) {
        await database.end().catch(() => undefined);
        database = undefined;
        throw error;
      }
    };
    const count = async (sql: string): Promise<number | undefined> => {
      try {
        return Number((await db<{ n: string }>(sql))[0]?.n ?? 0);
      } catch {
        return undefined; // the database is away
      }
    };

    // The customers.
    const messages: Tracked[] = [];
    const customers = (channel: Channel) => Math.max(2, Math.ceil((options.messages * shareOf(channel)) / PER_CUSTOMER[channel]));
    const chatUrls = () => [chatA.url, chatB.url].filter((url) => url !== '');
    for (let i = 0; i < customers('chat'); i += 1) chats.push(new ChatCustomer(i, `chat-${i}-${run}@chaos.test`, chatUrls));
    const telegramCustomers: (TelegramCustomer & { sent: number })[] = Array.from({ length: customers('telegram') }, (_, i) => ({
      id: 5_000_000 + i,
      firstName: `Leyla ${i}`,
      lastName: 'Aliyeva',
      languageCode: 'en',
      sent: 0,
    }));
    const mailers = Array.from({ length: customers('email') }, (_, i) => `mail-${i}-${run}@chaos.test`);
    const formContacts = Array.from({ length: customers('form') }, (_, i) => `form-${i}-${run}@chaos.test`);
    const inFlight = new Set<Promise<void>>();
    const send = (work: Promise<void>) => {
      inFlight.add(work);
      void work.finally(() => inFlight.delete(work));
    };
    const sendOne = (n: number) => {
      const channel = pickChannel(random());
      const token = `zq${run}n${n}`;
      const text = `${COMPLAINTS[n % COMPLAINTS.length]} (case ${token})`;
      const message = track(token, channel);
      messages.push(message);
      const pick = <T>(items: T[]) => items[Math.floor(random() * items.length)]!;
      if (channel === 'chat') send(pick(chats).write(message, text));
      else if (channel === 'form') {
        const body = { fullName: `Aygün Məmmədova ${n}`, email: pick(formContacts), message: text, language: 'en' };
        send(postForm(() => web.url, message, body));
      } else if (channel === 'email') {
        send(mailIn(mail, message, { from: pick(mailers), to: care, subject: `Complaint ${token}`, text }));
      } else {
        const customer = pick(telegramCustomers);
        customer.sent += 1;
        send(telegramIn(() => (social.url ? `${social.url}/webhooks/telegram/${BOT}` : ''), SECRET, message, customer, customer.sent, text));
      }
    };

    // Progress, sampled every second: the basis of the recovery times.
    const samples: { at: number; stored: number; mailed: number }[] = [];
    let currentFault = 'none';
    let sampling = true;
    const sampler = (async () => {
      let lastPrint = 0;
      while (sampling) {
        const stored = await count('SELECT count(*) AS n FROM messages');
        const mailed = await count("SELECT count(*) AS n FROM notices WHERE route = 'email' AND status = 'sent'");
        const pending = await count("SELECT count(*) AS n FROM notices WHERE status = 'pending'");
        if (stored !== undefined && mailed !== undefined) samples.push({ at: Date.now(), stored, mailed });
        if (Date.now() - lastPrint >= 5_000) {
          lastPrint = Date.now();
          const acked = messages.filter((m) => m.acked).length;
          options.log(
            `t=${((Date.now() - began) / 1000).toFixed(0)}s sent ${messages.length} acked ${acked} stored ${stored ?? '?'} notices mailed ${mailed ?? '?'} pending ${pending ?? '?'} | fault: ${currentFault}`,
          );
        }
        await sleep(1_000);
      }
    })();

    // The faults, at moments of the load drawn from the seed.
    const loadMs = (options.messages / options.rate) * 1000;
    const plan = faultSchedule(random, { loadMs, kills: options.kills, smtpRefusalMs: options.smtpRefusalMs, redisDownMs: options.redisDownMs });
    const loadBegan = Date.now();
    const outcomes: (FaultOutcome & { endedAt: number })[] = [];
    const act = async (fault: PlannedFault): Promise<void> => {
      const startedAt = Date.now();
      const label = `${fault.kind}${fault.kind === 'core-kill' ? ` (${fault.target === 0 ? 'core A' : 'core B'})` : ''}`;
      currentFault = label;
      options.log(`fault: ${label} at ${((startedAt - loadBegan) / 1000).toFixed(0)} s`);
      switch (fault.kind) {
        case 'core-kill': {
          const core = cores[fault.target ?? 0]!;
          await core.kill();
          await core.start();
          await core.ready();
          break;
        }
        case 'kafka-restart':
          await broker.stop();
          await broker.start();
          break;
        case 'postgres-restart':
          await postgres.stop();
          await postgres.start();
          break;
        case 'smtp-4xx':
          front.refuse(true);
          await sleep(options.smtpRefusalMs);
          front.refuse(false);
          break;
        case 'redis-stop':
          await redis.stop();
          await sleep(options.redisDownMs);
          await redis.start();
          break;
      }
      const endedAt = Date.now();
      outcomes.push({ kind: fault.kind, atS: Math.round((startedAt - loadBegan) / 1000), outageMs: endedAt - startedAt, recoveryMs: null, endedAt });
      if (currentFault === label) currentFault = 'none';
    };
    // Restarts happen one after another (an operator's one incident at a time); the refusal
    // windows overlap whatever else is going on.
    const faults = (async () => {
      let restarts = Promise.resolve();
      const windows: Promise<void>[] = [];
      for (const fault of plan) {
        await sleep(Math.max(0, loadBegan + fault.atMs - Date.now()));
        if (fault.kind === 'smtp-4xx' || fault.kind === 'redis-stop') windows.push(act(fault));
        else {
          restarts = restarts.then(() => act(fault));
          await restarts;
        }
      }
      await Promise.all([restarts, ...windows]);
    })();

    for (let n = 0; n < options.messages; n += 1) {
      await sleep(Math.max(0, loadBegan + (n * 1000) / options.rate - Date.now()));
      sendOne(n);
    }
    await faults;
    const loadEnded = Date.now();
    options.log(`load done: ${messages.length} sent in ${((loadEnded - loadBegan) / 1000).toFixed(0)} s; draining`);

    // Whatever the customers still send goes through; then the pipeline drains.
    await waitFor(
      async () => {
        for (const chat of chats) if (chat.unsent > 0) void chat.flush();
        await Promise.race([Promise.all([...inFlight]), sleep(2_000)]);
        return inFlight.size + chats.reduce((n, chat) => n + chat.unsent, 0);
      },
      (left) => left === 0,
      { timeoutMs: 300_000, intervalMs: 500, what: 'every customer message to be acknowledged or given up' },
    ).catch(() => chats.forEach((chat) => chat.abandon()));
    const acked = messages.filter((m) => m.acked).length;
    await waitFor(() => count('SELECT count(*) AS n FROM messages'), (n) => (n ?? 0) >= acked, {
      timeoutMs: 180_000,
      intervalMs: 500,
      what: `${acked} messages stored`,
    }).catch(() => undefined);
    const groups = await consumerGroups(admin, prefix);
    await waitFor(() => lagOf(admin!, prefix, groups), (lag) => Object.values(lag).every((n) => n === 0), {
      timeoutMs: 180_000,
      intervalMs: 500,
      what: 'consumer lag back to zero',
    }).catch(() => undefined);
    // Notices go out at their routes' pace (e-mail is the slowest), so the wait lasts while the
    // backlog shrinks; a notice claimed when the database went away waits for its lease (5 min).
    await untilDrained(() => count("SELECT count(*) AS n FROM notices WHERE status = 'pending'"), 360_000);
    await sleep(2_000);
    sampling = false;
    await sampler;
    const drainMs = Date.now() - loadEnded;
    options.log(`drained in ${(drainMs / 1000).toFixed(0)} s; checking`);

    // What the database holds.
    const storedRows = new Map<string, number>();
    for (const row of await db<{ text: string | null }>('SELECT text FROM messages')) {
      for (const token of new Set(row.text?.match(new RegExp(`zq${run}n\\d+`, 'g')) ?? [])) storedRows.set(token, (storedRows.get(token) ?? 0) + 1);
    }
    const complaints = (await db<{ reference: string }>('SELECT reference FROM complaints')).map((row) => row.reference);
    const storedTokens = (channel: Channel) => messages.filter((m) => m.channel === channel && storedRows.has(m.token)).length;
    const conversations = await db<{ channel: string; n: string }>(
      "SELECT channel, count(DISTINCT conversation) AS n FROM messages WHERE channel IN ('chat', 'telegram') GROUP BY channel",
    );
    const expectedComplaints =
      storedTokens('form') + storedTokens('email') + conversations.reduce((n, row) => n + Number(row.n), 0);

    // What the customers were told, where they read it.
    const noticesSeen: NoticeSeen[] = [];
    const seenIn = (text: string, where: string) => noticesSeen.push(...[...new Set(text.match(REFERENCE) ?? [])].map((reference) => ({ reference, where })));
    const inboxes = [...mailers, ...formContacts];
    for (let i = 0; i < inboxes.length; i += 8) {
      const read = await Promise.all(inboxes.slice(i, i + 8).map((user) => readInbox(mail, user)));
      for (const mail of read.flat()) seenIn(`${mail.subject ?? ''}\n${mail.text ?? ''}`, `email ${mail.messageId ?? '(no Message-ID)'}`);
    }
    for (const sent of telegram.sent) seenIn(sent.text, 'telegram');
    for (const chat of chats) {
      if (!chat.conversationId) continue;
      for (const reference of await transcriptReferences(chatA.url || chatB.url, chat.conversationId)) noticesSeen.push({ reference, where: 'chat' });
    }

    const verdict = check({
      sent: messages,
      storedRows,
      complaints,
      expectedComplaints,
      noticesSeen,
      lag: await lagOf(admin, prefix, groups),
      deadLetters: await deadLetters(admin, prefix),
      crashes: Object.fromEntries(services.map((one) => [one.name, one.crashes.length])),
    });
    const storedAt = new Map<string, number>();
    for (const row of await db<{ text: string | null; created_at: Date }>('SELECT text, created_at FROM messages')) {
      for (const token of row.text?.match(new RegExp(`zq${run}n\\d+`, 'g')) ?? []) storedAt.set(token, new Date(row.created_at).getTime());
    }
    const latencies = messages
      .filter((m) => m.ackedAt !== undefined && storedAt.has(m.token))
      .map((m) => Math.max(0, storedAt.get(m.token)! - m.ackedAt!))
      .sort((a, b) => a - b);
    const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
    return {
      options: { messages: options.messages, seed: options.seed, kills: options.kills, rate: options.rate, kafkaPort: options.kafkaPort, smtpRefusalMs: options.smtpRefusalMs, redisDownMs: options.redisDownMs },
      wallMs: Date.now() - began,
      loadMs: loadEnded - loadBegan,
      drainMs,
      verdict,
      faults: outcomes.map(({ endedAt, ...outcome }) => ({ ...outcome, recoveryMs: recoveryAfter(samples, endedAt, outcome.kind === 'smtp-4xx' ? 'mailed' : 'stored') })),
      ackToStoredMs: { p50: at(0.5), p99: at(0.99), max: latencies.at(-1) ?? 0 },
    };
  } finally {
    for (const chat of chats) chat.close();
    await admin?.disconnect().catch(() => undefined);
    await database?.end().catch(() => undefined);
    await stopAll();
  }
}

function shareOf(channel: Channel): number {
  return SHARES.find(([name]) => name === channel)![1];
}

function pickChannel(draw: number): Channel {
  let sum = 0;
  for (const [channel, share] of SHARES) if (draw < (sum += share)) return channel;
  return 'telegram';
}

/** Waits until `probe` reaches zero, for as long as it keeps falling at least once every `stallMs`. */
async function untilDrained(probe: () => Promise<number | undefined>, stallMs: number): Promise<void> {
  let lowest = Number.POSITIVE_INFINITY;
  let fellAt = Date.now();
  for (;;) {
    const left = await probe();
    if (left === 0) return;
    if (left !== undefined && left < lowest) {
      lowest = left;
      fellAt = Date.now();
    }
    if (Date.now() - fellAt > stallMs) return;
    await sleep(1_000);
  }
}

/** From a fault's end until the sampled count first grows past its value at that moment. */
export function recoveryAfter(samples: { at: number; stored: number; mailed: number }[], endedAt: number, series: 'stored' | 'mailed'): number | null {
  const before = samples.filter((sample) => sample.at <= endedAt).at(-1);
  const base = before?.[series] ?? 0;
  const next = samples.find((sample) => sample.at > endedAt && sample[series] > base);
  return next ? next.at - endedAt : null;
}

/** The references in the Plaint lines of a chat's transcript, as a customer reopening it sees them. */
async function transcriptReferences(url: string, conversationId: string): Promise<string[]> {
  const client = await ChatClient.connect(url);
  try {
    const resumed = await client.resume(conversationId);
    if (!resumed.ok) throw new Error(`chat ${conversationId} does not resume: ${resumed.error.message}`);
    // The transcript arrives right after the ack; it is complete once it stops growing.
    await waitFor(
      async () => {
        const before = client.lines.length;
        await sleep(300);
        return client.lines.length === before && before > 0;
      },
      (still) => still,
      { timeoutMs: 15_000, intervalMs: 0, what: `the transcript of ${conversationId}` },
    );
    return client.plaintLines().flatMap((line) => [...new Set(line.reference ? [line.reference] : (line.text.match(REFERENCE) ?? []))]);
  } finally {
    client.close();
  }
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/;

/**
 * The installation's consumer groups, with the topic each consumes (`<prefix><app>.<topic>`, or
 * `<prefix><app>.<use>.<instance id>.<topic>` for a group each instance has of its own). An
 * instance's own group without members was left by an instance that was killed: nobody will
 * consume it again, so its lag is no one's.
 */
async function consumerGroups(admin: Admin, prefix: string): Promise<{ groupId: string; topic: string }[]> {
  const ids = (await admin.listGroups()).groups.map(({ groupId }) => groupId).filter((groupId) => groupId.startsWith(prefix));
  const { groups } = await admin.describeGroups(ids);
  return groups
    .filter((group) => !(UUID.test(group.groupId) && group.members.length === 0))
    .map(({ groupId }) => {
      const rest = groupId.slice(prefix.length);
      return { groupId, topic: `${prefix}${rest.slice(rest.indexOf('plaint.'))}` };
    });
}

async function lagOf(admin: Admin, prefix: string, groups: { groupId: string; topic: string }[]): Promise<Record<string, number>> {
  const lag: Record<string, number> = {};
  for (const { groupId, topic } of groups) {
    try {
      const ends = await admin.fetchTopicOffsets(topic);
      const [committed] = await admin.fetchOffsets({ groupId, topics: [topic] });
      lag[groupId.slice(prefix.length)] = ends.reduce((n, end) => {
        const done = committed?.partitions.find((p) => p.partition === end.partition)?.offset ?? '-1';
        return n + Number(end.high) - (done === '-1' ? Number(end.low) : Number(done));
      }, 0);
    } catch {
      lag[groupId.slice(prefix.length)] = Number.NaN; // the broker did not answer
    }
  }
  return lag;
}

async function deadLetters(admin: Admin, prefix: string): Promise<Record<string, number>> {
  const topics = (await admin.listTopics()).filter((topic) => topic.startsWith(prefix) && topic.endsWith('.dlq'));
  const counts: Record<string, number> = {};
  for (const topic of topics) {
    counts[topic.slice(prefix.length)] = (await admin.fetchTopicOffsets(topic)).reduce((n, p) => n + Number(p.high) - Number(p.low), 0);
  }
  return counts;
}
