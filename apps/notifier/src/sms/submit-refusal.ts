import * as smpp from 'smpp';
import type { DeliveryOutcome } from '../delivery/notice-transport';

/** How long to wait after the gateway said it is busy: throttled (per second) or its queue is full. */
export const THROTTLED_RETRY_MS = 1_000;
export const QUEUE_FULL_RETRY_MS = 30_000;

/** Refusals that are about the number itself: the same message to it will never go. */
const WRONG_NUMBER = new Map<number, string>([
  [smpp.ESME_RINVDSTADR, 'invalid destination address'],
  [smpp.ESME_RINVDSTTON, 'invalid type of number for the destination'],
  [smpp.ESME_RINVDSTNPI, 'invalid numbering plan for the destination'],
]);

/** Refusals about the message or the account: sending it again as it is will not help either. */
const REFUSED = new Map<number, string>([
  [smpp.ESME_RINVMSGLEN, 'invalid message length'],
  [smpp.ESME_RINVSRCADR, 'the sender id (PLAINT_SMPP_SOURCE_ADDR) is not allowed'],
  [smpp.ESME_RINVDCS, 'the text encoding is not supported'],
  [smpp.ESME_RPROHIBITED, 'sending is prohibited for this account'],
  [smpp.ESME_RX_P_APPN, 'the gateway rejects this message for good'],
]);

const hex = (status: number) => `0x${status.toString(16).padStart(8, '0')}`;

/**
 * What a submit_sm_resp with an error status means for the notice: the gateway being busy is
 * retried soon, a wrong number or a refused message is permanent (the customer's next route,
 * or failed with the reason), and anything else is retried with the loop's backoff.
 */
export function submitRefusal(status: number): Extract<DeliveryOutcome, { ok: false }> {
  if (status === smpp.ESME_RTHROTTLED) {
    return { ok: false, permanent: false, reason: `the SMS gateway is throttling our messages (${hex(status)})`, retryAfterMs: THROTTLED_RETRY_MS };
  }
  if (status === smpp.ESME_RMSGQFUL) {
    return { ok: false, permanent: false, reason: `the SMS gateway's queue for this number is full (${hex(status)})`, retryAfterMs: QUEUE_FULL_RETRY_MS };
  }
  const wrongNumber = WRONG_NUMBER.get(status);
  if (wrongNumber) return { ok: false, permanent: true, reason: `the SMS gateway refused the phone number: ${wrongNumber} (${hex(status)})` };
  const refused = REFUSED.get(status);
  if (refused) return { ok: false, permanent: true, reason: `the SMS gateway refused the message: ${refused} (${hex(status)})` };
  return { ok: false, permanent: false, reason: `the SMS gateway could not take the message now (${hex(status)})` };
}
