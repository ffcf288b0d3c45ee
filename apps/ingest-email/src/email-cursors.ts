import type { DataSource } from 'typeorm';
import { EmailCursorEntity } from '@plaint/persistence';
import type { MailboxCursor } from './mailbox-cursor';

/** The durable read position of each mailbox. */
export abstract class EmailCursors {
  abstract load(mailbox: string): Promise<MailboxCursor | null>;
  /** Moves the cursor forward (or onto a new UIDVALIDITY); never back. */
  abstract advance(mailbox: string, cursor: MailboxCursor, at: Date): Promise<void>;
}

/** Cursors in the email_cursors table. */
export class SqlEmailCursors extends EmailCursors {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  async load(mailbox: string): Promise<MailboxCursor | null> {
    const row = await this.dataSource.getRepository(EmailCursorEntity).findOneBy({ mailbox });
    return row ? { uidValidity: row.uidValidity, lastUid: row.lastUid } : null;
  }

  async advance(mailbox: string, cursor: MailboxCursor, at: Date): Promise<void> {
    // Two statements that are each atomic instead of read-then-write: a late writer (a poller
    // still finishing during a rolling restart) cannot move the cursor back over a newer one.
    const row = Object.assign(new EmailCursorEntity(), { mailbox, ...cursor, updatedAt: at });
    await this.dataSource.createQueryBuilder().insert().into(EmailCursorEntity).values(row).orIgnore().execute();
    await this.dataSource
      .createQueryBuilder()
      .update(EmailCursorEntity)
      .set({ uidValidity: cursor.uidValidity, lastUid: cursor.lastUid, updatedAt: at })
      .where('mailbox = :mailbox', { mailbox })
      .andWhere('(uid_validity <> :uidValidity OR last_uid < :lastUid)', cursor)
      .execute();
  }
}
