/** Why the bus refused or failed an operation; callers switch on `code`. */
export type BusErrorCode =
  /** The bus was closed; nothing more can be published or subscribed. */
  | 'closed'
  /** Options that cannot work together (e.g. a store made with another partition count). */
  | 'misconfigured'
  /** The same group subscribed twice to one topic in this process. */
  | 'already-subscribed'
  /** The broker did not acknowledge a publish; the caller must retry or fail its own request. */
  | 'publish-failed'
  /** A handler failed with something that is not an Error (Nest's RPC error objects). */
  | 'handler-failed'
  /** A bounded operation (e.g. a dead-letter replay) stopped making progress. */
  | 'timed-out';

export class BusError extends Error {
  constructor(
    readonly code: BusErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'BusError';
  }
}
