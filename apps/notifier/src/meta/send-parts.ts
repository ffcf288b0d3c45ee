import type { DeliveryOutcome } from '../delivery/notice-transport';
import { GraphError } from '@plaint/meta';

/** How a platform counts a text's length: UTF-16 characters, or UTF-8 bytes (Instagram). */
export type TextUnit = 'chars' | 'bytes';

/** The longest start of `text` within `max` units, never ending inside a character. */
function fittingLength(text: string, max: number, unit: TextUnit): number {
  let length = 0;
  let size = 0;
  for (const character of text) {
    size += unit === 'bytes' ? Buffer.byteLength(character) : character.length;
    if (size > max) break;
    length += character.length;
  }
  return length;
}

/**
 * Cuts a text into parts of at most `max` units, at a line break or a space when there is one in
 * the second half of the part, never inside a character.
 */
export function splitText(text: string, max: number, unit: TextUnit = 'chars'): string[] {
  const parts: string[] = [];
  let rest = text;
  for (let fits = fittingLength(rest, max, unit); fits < rest.length; fits = fittingLength(rest, max, unit)) {
    const window = rest.slice(0, fits);
    const breakAt = Math.max(window.lastIndexOf('\n'), window.lastIndexOf(' '));
    const cut = breakAt > fits / 2 ? breakAt : fits;
    parts.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).trimStart();
  }
  if (rest.length > 0 || parts.length === 0) parts.push(rest);
  return parts;
}

/**
 * Sends the parts of one notice in order; the notice is sent when the last part is, and its
 * message id is that part's (the one a read receipt names last).
 */
export async function sendParts<T>(platform: string, parts: readonly T[], send: (part: T) => Promise<string | undefined>): Promise<DeliveryOutcome> {
  let messageId: string | undefined;
  try {
    for (const part of parts) messageId = await send(part);
  } catch (error) {
    return failureOf(platform, error);
  }
  return messageId ? { ok: true, messageId } : { ok: true };
}

/** A refusal by the platform as the delivery loop needs it: permanent or not, and when to try again. */
export function failureOf(platform: string, error: unknown): DeliveryOutcome {
  if (!(error instanceof GraphError)) return { ok: false, permanent: false, reason: `${platform}: ${(error as Error).message}`.slice(0, 450) };
  const retryAfterMs = error.retryAfterMs;
  return {
    ok: false,
    permanent: !error.temporary,
    reason: `${platform} refused the message: ${error.reason}`.slice(0, 450),
    ...(retryAfterMs !== undefined && { retryAfterMs }),
  };
}

/** A notice this route can never send as it is: the loop moves it to the customer's next route. */
export function cannotSend(reason: string): DeliveryOutcome {
  return { ok: false, permanent: true, reason: reason.slice(0, 450) };
}
