import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The e-mail channel: the adapter's mailbox cursors and its quarantine of unreadable mail;
 * e-mail threading of complaints and notices; references customers named that were not theirs.
 */
export class EmailIntake1764200000000 implements MigrationInterface {
  name = 'EmailIntake1764200000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE email_cursors (
        mailbox varchar(500) PRIMARY KEY,
        uid_validity varchar(32) NOT NULL,
        last_uid integer NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
    await runner.query(`
      CREATE TABLE email_quarantine (
        id varchar(64) PRIMARY KEY,
        mailbox varchar(500) NOT NULL,
        uid integer NOT NULL,
        uid_validity varchar(32) NOT NULL,
        raw_uri varchar(500) NOT NULL,
        reason varchar(1000) NOT NULL,
        created_at timestamptz NOT NULL
      )`);
    await runner.query(`ALTER TABLE complaints ADD COLUMN related_reference varchar(32)`);
    await runner.query(`ALTER TABLE complaints ADD COLUMN email_thread text`);
    await runner.query(`ALTER TABLE notices ADD COLUMN email_thread text`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE notices DROP COLUMN email_thread`);
    await runner.query(`ALTER TABLE complaints DROP COLUMN email_thread`);
    await runner.query(`ALTER TABLE complaints DROP COLUMN related_reference`);
    await runner.query(`DROP TABLE IF EXISTS email_quarantine`);
    await runner.query(`DROP TABLE IF EXISTS email_cursors`);
  }
}
