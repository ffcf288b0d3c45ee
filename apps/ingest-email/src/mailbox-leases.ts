import type { DataSource } from 'typeorm';

/**
 * Who may poll each mailbox: a lease in the database, so that one ingest-email instance at a
 * time reads a mailbox however many run. Expiry is reckoned by the database's clock alone, so
 * instances whose clocks differ a little still agree on it.
 */
export abstract class MailboxLeases {
  /**
   * Takes the lease on `mailbox` for `holder`, or renews it, for `seconds` from the database's
   * now. False when another holder's lease has not expired.
   */
  abstract claim(mailbox: string, holder: string, seconds: number): Promise<boolean>;
  /** The holder of an unexpired lease on `mailbox`, if any. */
  abstract holderOf(mailbox: string): Promise<string | null>;
  /** Gives the lease up (when `holder` has it), so another instance can take it at once. */
  abstract release(mailbox: string, holder: string): Promise<void>;
}

/** Leases in the mailbox_leases table, on Postgres or SQLite. */
export class SqlMailboxLeases extends MailboxLeases {
  private readonly postgres: boolean;

  constructor(private readonly dataSource: DataSource) {
    super();
    this.postgres = dataSource.options.type === 'postgres';
  }

  async claim(mailbox: string, holder: string, seconds: number): Promise<boolean> {
    // One statement: a free or expired lease is taken, our own is extended, another's is left be.
    const rows: unknown[] = this.postgres
      ? await this.dataSource.query(
          `INSERT INTO mailbox_leases (mailbox, holder, expires_at) VALUES ($1, $2, now() + make_interval(secs => $3))
           ON CONFLICT (mailbox) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
           WHERE mailbox_leases.holder = excluded.holder OR mailbox_leases.expires_at <= now()
           RETURNING holder`,
          [mailbox, holder, seconds],
        )
      : await this.dataSource.query(
          `INSERT INTO mailbox_leases (mailbox, holder, expires_at) VALUES (?, ?, ${SQLITE_NOW.replace(`'now'`, `'now', ?`)})
           ON CONFLICT (mailbox) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
           WHERE mailbox_leases.holder = excluded.holder OR mailbox_leases.expires_at <= ${SQLITE_NOW}
           RETURNING holder`,
          [mailbox, holder, `+${seconds} seconds`],
        );
    return rows.length === 1;
  }

  async holderOf(mailbox: string): Promise<string | null> {
    const rows: { holder: string }[] = this.postgres
      ? await this.dataSource.query(`SELECT holder FROM mailbox_leases WHERE mailbox = $1 AND expires_at > now()`, [mailbox])
      : await this.dataSource.query(`SELECT holder FROM mailbox_leases WHERE mailbox = ? AND expires_at > ${SQLITE_NOW}`, [mailbox]);
    return rows[0]?.holder ?? null;
  }

  async release(mailbox: string, holder: string): Promise<void> {
    await this.dataSource.query(
      this.postgres
        ? `DELETE FROM mailbox_leases WHERE mailbox = $1 AND holder = $2`
        : `DELETE FROM mailbox_leases WHERE mailbox = ? AND holder = ?`,
      [mailbox, holder],
    );
  }
}

/** SQLite's now, as text that sorts as time does (UTC, milliseconds). */
const SQLITE_NOW = `strftime('%Y-%m-%d %H:%M:%f', 'now')`;
