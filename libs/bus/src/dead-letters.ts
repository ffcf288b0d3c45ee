import { DLQ_HEADERS } from './message-bus';

/** The consumer group that replays dead letters; its position marks what was replayed already. */
export const REPLAY_GROUP = 'plaint-dlq-replay';

/** Where and why a record was given up on. */
export interface DeadLetterCause {
  sourceTopic: string;
  partition: number;
  offset: string;
  group: string;
  reason: string;
  /** Handler attempts made; 0 when the record could not even be decoded. */
  attempts: number;
}

/** Header values must stay small: a stack-sized reason would bloat every dead letter. */
const MAX_REASON_LENGTH = 1_000;

/** The original headers plus the DLQ ones, so an operator sees the record as it was and why. */
export function deadLetterHeaders(original: Record<string, string>, cause: DeadLetterCause): Record<string, string> {
  return {
    ...original,
    [DLQ_HEADERS.reason]: cause.reason.slice(0, MAX_REASON_LENGTH),
    [DLQ_HEADERS.sourceTopic]: cause.sourceTopic,
    [DLQ_HEADERS.sourcePartition]: String(cause.partition),
    [DLQ_HEADERS.sourceOffset]: cause.offset,
    [DLQ_HEADERS.group]: cause.group,
    [DLQ_HEADERS.attempts]: String(cause.attempts),
    [DLQ_HEADERS.failedAt]: new Date().toISOString(),
  };
}

const DEAD_LETTER_HEADER_NAMES: ReadonlySet<string> = new Set(Object.values(DLQ_HEADERS));

/** The headers a replayed record goes back with: the original ones only. */
export function withoutDeadLetterHeaders(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !DEAD_LETTER_HEADER_NAMES.has(name)));
}
