/**
 * What the campaign found, from what the customers sent and were told and what the database and
 * the broker hold. Pure, so its verdicts can be checked against made-up faults
 * (test/chaos/checker.spec.ts).
 */
export type Channel = 'chat' | 'form' | 'email' | 'telegram';
export const CHANNELS: readonly Channel[] = ['chat', 'form', 'email', 'telegram'];

export interface SentMessage {
  /** The unique id the message carries in its text, by which it is found in the database. */
  token: string;
  channel: Channel;
  /** The adapter took it: chat ack, form 202, SMTP accepted, Telegram webhook 200. */
  acked: boolean;
}

export interface Observations {
  sent: readonly SentMessage[];
  /** How many stored inbound messages carry each token. */
  storedRows: ReadonlyMap<string, number>;
  /** Every stored complaint's reference. */
  complaints: readonly string[];
  /** How many complaints the customers' messages should have opened (one per chat, per Telegram customer, per mail, per form). */
  expectedComplaints: number;
  /** Each notice a customer saw, by the reference it names (a reference seen twice is listed twice). */
  noticesSeen: readonly NoticeSeen[];
  /** Records not yet consumed, per consumer group. */
  lag: Readonly<Record<string, number>>;
  /** Records in each dead-letter topic. */
  deadLetters: Readonly<Record<string, number>>;
  /** Service processes that exited without being told to, by service. */
  crashes: Readonly<Record<string, number>>;
}

/** One notice where the customer read it: its reference, and where ("chat", "telegram", "email <Message-ID>"). */
export interface NoticeSeen {
  reference: string;
  where: string;
}

export interface ChannelCounts {
  sent: number;
  acknowledged: number;
  stored: number;
  duplicates: number;
  lost: number;
}

export interface Verdict {
  messages: Record<Channel | 'total', ChannelCounts>;
  complaints: { expected: number; stored: number };
  notices: { expected: number; sent: number; missing: number; twice: number; unknown: number };
  lag: Record<string, number>;
  deadLetters: Record<string, number>;
  crashes: Record<string, number>;
  /** Every way the run went wrong, one line each; empty when it held. */
  problems: string[];
}

const SAMPLE = 5;
const sample = (items: readonly string[]) => items.slice(0, SAMPLE).join(', ') + (items.length > SAMPLE ? ` and ${items.length - SAMPLE} more` : '');

export function check(observed: Observations): Verdict {
  const problems: string[] = [];
  const zero = (): ChannelCounts => ({ sent: 0, acknowledged: 0, stored: 0, duplicates: 0, lost: 0 });
  const messages = { chat: zero(), form: zero(), email: zero(), telegram: zero(), total: zero() };
  const lost: string[] = [];
  const doubled: string[] = [];
  for (const message of observed.sent) {
    const rows = observed.storedRows.get(message.token) ?? 0;
    for (const counts of [messages[message.channel], messages.total]) {
      counts.sent += 1;
      if (message.acked) counts.acknowledged += 1;
      if (rows > 0) counts.stored += 1;
      if (rows > 1) counts.duplicates += rows - 1;
      if (message.acked && rows === 0) counts.lost += 1;
    }
    if (message.acked && rows === 0) lost.push(`${message.channel} ${message.token}`);
    if (rows > 1) doubled.push(`${message.channel} ${message.token} (${rows} rows)`);
  }
  const known = new Set(observed.sent.map((message) => message.token));
  const strangers = [...observed.storedRows.keys()].filter((token) => !known.has(token));
  if (lost.length > 0) problems.push(`${lost.length} acknowledged messages not stored: ${sample(lost)}`);
  if (doubled.length > 0) problems.push(`${doubled.length} messages stored more than once: ${sample(doubled)}`);
  if (strangers.length > 0) problems.push(`${strangers.length} stored messages nobody sent: ${sample(strangers)}`);

  const references = new Set(observed.complaints);
  if (references.size !== observed.complaints.length) problems.push('a complaint reference is stored twice');
  if (observed.complaints.length !== observed.expectedComplaints) {
    problems.push(`${observed.complaints.length} complaints stored, ${observed.expectedComplaints} expected`);
  }
  const seen = new Map<string, string[]>();
  for (const { reference, where } of observed.noticesSeen) seen.set(reference, [...(seen.get(reference) ?? []), where]);
  const missing = [...references].filter((reference) => !seen.has(reference));
  const twice = [...seen].filter(([reference, places]) => references.has(reference) && places.length > 1).map(([reference, places]) => `${reference} (${places.length}×: ${places.join('; ')})`);
  const unknown = [...seen.keys()].filter((reference) => !references.has(reference));
  if (missing.length > 0) problems.push(`${missing.length} complaints without their notice: ${sample(missing)}`);
  if (twice.length > 0) problems.push(`${twice.length} complaints notified more than once: ${sample(twice)}`);
  if (unknown.length > 0) problems.push(`${unknown.length} notices name no stored complaint: ${sample(unknown)}`);

  const lagging = Object.entries(observed.lag).filter(([, n]) => n !== 0);
  if (lagging.length > 0) problems.push(`consumer lag left: ${lagging.map(([group, n]) => `${group} ${n}`).join(', ')}`);
  const dead = Object.entries(observed.deadLetters).filter(([, n]) => n !== 0);
  if (dead.length > 0) problems.push(`records in dead-letter topics: ${dead.map(([topic, n]) => `${topic} ${n}`).join(', ')}`);

  const crashed = Object.entries(observed.crashes).filter(([, n]) => n > 0);
  if (crashed.length > 0) problems.push(`services exited on their own: ${crashed.map(([service, n]) => `${service} ${n}×`).join(', ')}`);

  return {
    messages,
    complaints: { expected: observed.expectedComplaints, stored: observed.complaints.length },
    notices: { expected: references.size, sent: observed.noticesSeen.length, missing: missing.length, twice: twice.length, unknown: unknown.length },
    lag: { ...observed.lag },
    deadLetters: { ...observed.deadLetters },
    crashes: { ...observed.crashes },
    problems,
  };
}
