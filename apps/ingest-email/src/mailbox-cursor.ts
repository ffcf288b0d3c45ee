/** How far a mailbox has been read: every UID up to `lastUid` under `uidValidity` is on the bus. */
export interface MailboxCursor {
  uidValidity: string;
  lastUid: number;
}

export type ReadStart =
  | { lastUid: number; rescan: null }
  | { lastUid: 0; rescan: 'first-read' | 'uidvalidity-changed' };

/**
 * Where a sweep starts. UIDs mean something only under the UIDVALIDITY they were given in
 * (RFC 3501 2.3.1.1): when the server renumbered the mailbox, everything is read again from the
 * start and the inbox dedup (channel, external id) turns the mails already taken into no-ops.
 */
export function readStart(stored: MailboxCursor | null, uidValidity: string): ReadStart {
  if (!stored) return { lastUid: 0, rescan: 'first-read' };
  if (stored.uidValidity !== uidValidity) return { lastUid: 0, rescan: 'uidvalidity-changed' };
  return { lastUid: Math.max(0, stored.lastUid), rescan: null };
}

/** The UID FETCH range of everything after `lastUid`. */
export function rangeAfter(lastUid: number): string {
  return `${lastUid + 1}:*`;
}

export interface ListedMessage {
  uid: number;
  /** RFC822.SIZE, when the server told it. */
  size?: number | undefined;
}

/**
 * The messages a sweep takes, in UID order, each once. `N:*` always matches the last message
 * even when N is above the highest UID (RFC 3501 6.4.8), so the range alone would hand the last
 * mail over again on every sweep: only UIDs above the cursor count.
 */
export function messagesAfter<T extends ListedMessage>(listed: readonly T[], lastUid: number): T[] {
  const byUid = new Map<number, T>();
  for (const message of listed) {
    if (Number.isSafeInteger(message.uid) && message.uid > lastUid && !byUid.has(message.uid)) byUid.set(message.uid, message);
  }
  return [...byUid.values()].sort((a, b) => a.uid - b.uid);
}

/**
 * Consecutive chunks of at most `maxCount` messages and, unless one message alone is larger,
 * at most `maxBytes`: a chunk is fetched into memory, published, then checkpointed as a whole.
 */
export function chunksOf<T extends ListedMessage>(messages: readonly T[], maxCount: number, maxBytes: number): T[][] {
  const chunks: T[][] = [];
  let current: T[] = [];
  let bytes = 0;
  for (const message of messages) {
    const size = message.size ?? 0;
    if (current.length > 0 && (current.length >= maxCount || bytes + size > maxBytes)) {
      chunks.push(current);
      current = [];
      bytes = 0;
    }
    current.push(message);
    bytes += size;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}

/** A UID set naming exactly these messages (`3:5,9`), short even for long runs. */
export function uidSet(uids: readonly number[]): string {
  const sorted = [...new Set(uids)].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    const first = sorted[i] ?? 0;
    let last = first;
    while (sorted[i + 1] === last + 1) last = sorted[++i] ?? last;
    parts.push(first === last ? `${first}` : `${first}:${last}`);
    i += 1;
  }
  return parts.join(',');
}

const FIRST_RETRY_MS = 1_000;
const LONGEST_RETRY_MS = 60_000;

/**
 * The pause before reconnecting after `failures` failed sessions in a row: 1 s, 2 s, 4 s … 60 s,
 * spread by ±20 % so that several pollers (or pods) do not reconnect in step.
 */
export function reconnectDelay(failures: number, random: () => number = Math.random): number {
  const base = Math.min(LONGEST_RETRY_MS, FIRST_RETRY_MS * 2 ** Math.max(0, Math.min(failures - 1, 16)));
  return Math.round(base * (0.8 + 0.4 * random()));
}
