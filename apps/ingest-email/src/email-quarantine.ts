import { createHash } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { bulkInsert, QuarantinedEmailEntity } from '@plaint/persistence';

/** A mail that could not be taken, kept for a person with the reason. */
export interface QuarantinedEmail {
  mailbox: string;
  uidValidity: string;
  uid: number;
  rawUri: string;
  reason: string;
}

export abstract class EmailQuarantine {
  /** Records the mails; recording one again (a re-read after a crash) changes nothing. */
  abstract add(mails: readonly QuarantinedEmail[], at: Date): Promise<void>;
}

const MAX_REASON = 1000;

/** The email_quarantine table. */
export class SqlEmailQuarantine extends EmailQuarantine {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  async add(mails: readonly QuarantinedEmail[], at: Date): Promise<void> {
    const rows = mails.map((mail) =>
      Object.assign(new QuarantinedEmailEntity(), {
        id: quarantineId(mail),
        ...mail,
        reason: mail.reason.length > MAX_REASON ? `${mail.reason.slice(0, MAX_REASON - 1)}…` : mail.reason,
        createdAt: at,
      }),
    );
    await bulkInsert(this.dataSource.manager, QuarantinedEmailEntity, rows, { ignoreConflicts: true });
  }
}

/**
 * One row per mail and mailbox: the raw uri names the bytes, so neither a re-read after a crash
 * nor the rescan after a UIDVALIDITY change records the same mail twice.
 */
export function quarantineId(mail: Pick<QuarantinedEmail, 'mailbox' | 'rawUri'>): string {
  return createHash('sha256').update(`${mail.mailbox}\u0000${mail.rawUri}`).digest('hex');
}
