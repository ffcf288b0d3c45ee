import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One row per mailbox the e-mail adapter reads: which instance holds the right to poll it and
 * until when, by the database's clock (docs/running-in-production.md). `timestamp` is the
 * dialect's type.
 */
export function mailboxLeasesSchema(types: { timestamp: string }): string[] {
  return [
    `CREATE TABLE mailbox_leases (
        mailbox varchar(500) PRIMARY KEY NOT NULL, holder varchar(200) NOT NULL, expires_at ${types.timestamp} NOT NULL
      )`,
  ];
}

export function dropMailboxLeasesSchema(): string[] {
  return [`DROP TABLE mailbox_leases`];
}

export class MailboxLeases1764800000000 implements MigrationInterface {
  name = 'MailboxLeases1764800000000';

  async up(runner: QueryRunner): Promise<void> {
    for (const statement of mailboxLeasesSchema({ timestamp: 'timestamptz' })) await runner.query(statement);
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const statement of dropMailboxLeasesSchema()) await runner.query(statement);
  }
}
