import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The complaint policy: lifecycle deadlines and record on complaints, the audit history, agents,
 * SLA alerts, call-back attempts and reversible customer merges.
 */
export class ComplaintPolicy1764300000000 implements MigrationInterface {
  name = 'ComplaintPolicy1764300000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE complaints ADD COLUMN review_by timestamptz`);
    // Complaints from before the policy get a resolution deadline two weeks after their acceptance
    // deadline: close to ten business days, and an agent can extend it with a reason.
    await runner.query(`ALTER TABLE complaints ADD COLUMN resolve_by timestamptz`);
    await runner.query(`UPDATE complaints SET resolve_by = accept_by + interval '14 days'`);
    await runner.query(`ALTER TABLE complaints ALTER COLUMN resolve_by SET NOT NULL`);
    await runner.query(`ALTER TABLE complaints ADD COLUMN accepted_at timestamptz`);
    await runner.query(`ALTER TABLE complaints ADD COLUMN resolved_at timestamptz`);
    await runner.query(`ALTER TABLE complaints ADD COLUMN root_cause varchar(100)`);
    await runner.query(`ALTER TABLE complaints ADD COLUMN lifecycle text`);
    await runner.query(`ALTER TABLE complaints ADD COLUMN assignee_id uuid`);
    await runner.query(`ALTER TABLE complaints ADD COLUMN merged_into varchar(32)`);
    await runner.query(`ALTER TABLE complaints ADD COLUMN logged_by uuid`);
    await runner.query(`ALTER TABLE complaints ADD COLUMN staff_intake text`);
    await runner.query(`ALTER TABLE complaints ADD COLUMN notice_channel varchar(32)`);
    await runner.query(`ALTER TABLE complaints ADD COLUMN revision integer NOT NULL DEFAULT 0`);
    await runner.query(`CREATE INDEX ix_complaints_assignee ON complaints (assignee_id)`);
    await runner.query(`ALTER TABLE notices ALTER COLUMN complaint_id DROP NOT NULL`);
    await runner.query(`
      CREATE TABLE complaint_history (
        id uuid PRIMARY KEY, complaint_id uuid NOT NULL REFERENCES complaints(id), at timestamptz NOT NULL,
        actor_kind varchar(16) NOT NULL, actor_id varchar(64), from_state varchar(32) NOT NULL,
        to_state varchar(32) NOT NULL, why text NOT NULL, step varchar(64),
        details text
      )`);
    await runner.query(`CREATE INDEX ix_complaint_history_complaint ON complaint_history (complaint_id, at)`);
    await runner.query(`
      CREATE TABLE agents (
        id uuid PRIMARY KEY, username varchar(100) NOT NULL, display_name varchar(200) NOT NULL,
        email varchar(320), password_hash varchar(200) NOT NULL, role varchar(16) NOT NULL,
        active boolean NOT NULL, created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
    await runner.query(`CREATE UNIQUE INDEX uq_agents_username ON agents (username)`);
    await runner.query(`
      CREATE TABLE sla_alerts (
        id uuid PRIMARY KEY, complaint_id uuid NOT NULL REFERENCES complaints(id), deadline varchar(16) NOT NULL,
        due_at timestamptz NOT NULL, kind varchar(16) NOT NULL, audience varchar(16) NOT NULL,
        agent_id uuid, created_at timestamptz NOT NULL,
        acknowledged_at timestamptz
      )`);
    await runner.query(`CREATE UNIQUE INDEX uq_sla_alerts_once ON sla_alerts (complaint_id, deadline, due_at, kind)`);
    await runner.query(`CREATE INDEX ix_sla_alerts_open ON sla_alerts (acknowledged_at, created_at)`);
    await runner.query(`
      CREATE TABLE callback_attempts (
        id uuid PRIMARY KEY, complaint_id uuid NOT NULL REFERENCES complaints(id), agent_id uuid NOT NULL,
        at timestamptz NOT NULL, result varchar(16) NOT NULL,
        agreed text
      )`);
    await runner.query(`CREATE INDEX ix_callback_attempts_complaint ON callback_attempts (complaint_id, at)`);
    await runner.query(`
      CREATE TABLE customer_merges (
        id uuid PRIMARY KEY, source_customer_id uuid NOT NULL REFERENCES customers(id), target_customer_id uuid NOT NULL REFERENCES customers(id),
        identity_ids text NOT NULL, complaint_ids text NOT NULL, merged_by varchar(64) NOT NULL,
        merged_at timestamptz NOT NULL, unmerged_by varchar(64),
        unmerged_at timestamptz
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const table of ['customer_merges', 'callback_attempts', 'sla_alerts', 'agents', 'complaint_history']) {
      await runner.query(`DROP TABLE IF EXISTS ${table}`);
    }
    // Notices about no complaint had no place before: they go, and the column is required again.
    await runner.query(`DELETE FROM notices WHERE complaint_id IS NULL`);
    await runner.query(`ALTER TABLE notices ALTER COLUMN complaint_id SET NOT NULL`);
    await runner.query(`DROP INDEX IF EXISTS ix_complaints_assignee`);
    for (const column of ['revision', 'notice_channel', 'staff_intake', 'logged_by', 'merged_into', 'assignee_id', 'lifecycle', 'root_cause', 'resolved_at', 'accepted_at', 'resolve_by', 'review_by']) {
      await runner.query(`ALTER TABLE complaints DROP COLUMN ${column}`);
    }
  }
}
