/** Why a row waits: more were sent to its recipient this hour than allowed; it goes out in the next digest. */
export const HELD_FOR_DIGEST = 'held for the hourly digest';
export const RATE_LIMITED = 'rate-limited';

const HOUR_MS = 60 * 60 * 1000;

export type LimitDecision =
  /** Send it (with whatever is held for the same recipient, as one digest). */
  | { action: 'send' }
  /** Wait until the hour's window lets one more message out. */
  | { action: 'hold'; until: Date }
  /** A refusal over its sender's allowance: not sent at all. */
  | { action: 'drop'; reason: string };

export interface LimitInput {
  kind: string;
  route: 'email' | 'telegram' | 'staff-group';
  now: Date;
  /** When each message (a digest counts once) went to this recipient in the last hour. */
  sentInLastHour: readonly Date[];
  notificationsPerHour: number;
  refusalsPerSenderPerHour: number;
}

/**
 * Whether one message to staff may go out now. An agent gets at most notificationsPerHour
 * messages an hour on each route; past that the rest wait and go out together as one digest
 * when the oldest of the hour's messages is an hour old. Refusals to one sender are limited
 * apart, and the ones over the limit are dropped: they brake a loop with an auto-responder or
 * someone probing, and nobody waits for them. Posts in the care team's group are not limited
 * here (Telegram's own pacing applies): a digest would merge different complaints' topics.
 */
export function limitDecision(input: LimitInput): LimitDecision {
  if (input.kind === 'command.refused') {
    return input.sentInLastHour.length >= input.refusalsPerSenderPerHour ? { action: 'drop', reason: RATE_LIMITED } : { action: 'send' };
  }
  if (input.route === 'staff-group' || input.sentInLastHour.length < input.notificationsPerHour) return { action: 'send' };
  const oldest = Math.min(...input.sentInLastHour.map((sent) => sent.getTime()));
  return { action: 'hold', until: new Date(Math.max(oldest + HOUR_MS, input.now.getTime() + 1_000)) };
}
