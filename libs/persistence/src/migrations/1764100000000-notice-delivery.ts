import type { MigrationInterface, QueryRunner } from 'typeorm';

/** E-mail delivery of notices: retry schedule and the Message-ID each mail went out with. */
export class NoticeDelivery1764100000000 implements MigrationInterface {
  name = 'NoticeDelivery1764100000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE notices ADD COLUMN next_attempt_at timestamptz`);
    await runner.query(`ALTER TABLE notices ADD COLUMN message_id varchar(300)`);
    await runner.query(`CREATE INDEX ix_notices_pending ON notices (status, next_attempt_at)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP INDEX IF EXISTS ix_notices_pending`);
    await runner.query(`ALTER TABLE notices DROP COLUMN message_id`);
    await runner.query(`ALTER TABLE notices DROP COLUMN next_attempt_at`);
  }
}
