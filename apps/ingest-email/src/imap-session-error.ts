export type ImapSessionFailure = 'closed' | 'silent' | 'no-mailbox';

/** Why an IMAP session ended other than by our own stop; the poller reconnects after it. */
export class ImapSessionError extends Error {
  override readonly name = 'ImapSessionError';

  constructor(
    readonly failure: ImapSessionFailure,
    message: string,
  ) {
    super(message);
  }
}
