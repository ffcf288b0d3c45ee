import type { DeliveryOutcome } from '../delivery/notice-transport';
import { GraphError } from '@plaint/meta';

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
