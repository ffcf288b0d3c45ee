import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Personal data: when a complaint's personal data was erased (retention or a customer's request),
 * and the append-only audit trail of exports, erasures, staff reads and staff account changes.
 */
export class PersonalData1764430000000 implements MigrationInterface {
  name = 'PersonalData1764430000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE complaints ADD COLUMN personal_data_erased_at timestamptz`);
    await runner.query(`
      CREATE TABLE audit_log (
        id uuid PRIMARY KEY,
        at timestamptz NOT NULL,
        actor_id varchar(64),
        action varchar(64) NOT NULL,
        subject_kind varchar(32) NOT NULL,
        subject_id varchar(64),
        details text
      )`);
    await runner.query(`CREATE INDEX ix_audit_log_at ON audit_log (at)`);
    await runner.query(`CREATE INDEX ix_audit_log_subject ON audit_log (subject_kind, subject_id)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE audit_log`);
    await runner.query(`ALTER TABLE complaints DROP COLUMN personal_data_erased_at`);
  }
}
