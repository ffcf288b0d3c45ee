import type { MigrationInterface, QueryRunner } from 'typeorm';
import { dropMailboxLeasesSchema, mailboxLeasesSchema } from '../1764800000000-mailbox-leases';

/** The SQLite twin of MailboxLeases1764800000000, in SQLite's types. */
export class SqliteMailboxLeases1764800000000 implements MigrationInterface {
  name = 'SqliteMailboxLeases1764800000000';

  async up(runner: QueryRunner): Promise<void> {
    for (const statement of mailboxLeasesSchema({ timestamp: 'datetime' })) await runner.query(statement);
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const statement of dropMailboxLeasesSchema()) await runner.query(statement);
  }
}
