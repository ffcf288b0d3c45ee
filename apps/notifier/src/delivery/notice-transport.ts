import type { NoticeRoute } from '@plaint/contracts';
import type { NoticeEntity } from '@plaint/persistence';

export type DeliveryOutcome =
  /** The platform accepted the notice; messageId is its id there, which receipts name. */
  | { ok: true; messageId?: string }
  /**
   * permanent: this route will not take the notice as it is (a blocked bot, a refused address);
   * otherwise it is tried again later, after retryAfterMs when the platform said how long.
   */
  | { ok: false; permanent: boolean; reason: string; retryAfterMs?: number };

/**
 * The notifier's port to one written channel. A transport only sends: claiming, retrying,
 * falling back to another route and recording outcomes are the delivery loop's
 * (deliver-notices.ts), the same for every channel.
 */
export interface NoticeTransport {
  readonly route: NoticeRoute;
  /** False when the installation has not configured it: its notices wait, with the reason. */
  readonly enabled: boolean;
  /** Sends `notice.text` to `notice.recipient` (never null when called). */
  send(notice: NoticeEntity): Promise<DeliveryOutcome>;
  close?(): Promise<void> | void;
}

/** Injection token: every transport this notifier has (notifier.module.ts lists them). */
export const NOTICE_TRANSPORTS = Symbol('NOTICE_TRANSPORTS');

/** A transport that throws is a temporary failure, never a lost message or a stopped loop. */
export async function sendSafely(send: () => Promise<DeliveryOutcome>): Promise<DeliveryOutcome> {
  try {
    return await send();
  } catch (error) {
    return { ok: false, permanent: false, reason: (error as Error).message.slice(0, 450) };
  }
}
