import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The one-process install's schema as of the Postgres migrations up to PersonalData1764430000000,
 * in SQLite's types. Installs from before SQLite ran migrations had this schema built by TypeORM's
 * synchronize; `IF NOT EXISTS` adopts such a file as it is, so it upgrades from here on like a new one.
 */
const SCHEMA = [
  `CREATE TABLE IF NOT EXISTS "audit_log" (
      "id" varchar PRIMARY KEY NOT NULL, "at" datetime NOT NULL, "actor_id" varchar(64),
      "action" varchar(64) NOT NULL, "subject_kind" varchar(32) NOT NULL, "subject_id" varchar(64),
      "details" text
    )`,
  `CREATE INDEX IF NOT EXISTS "ix_audit_log_subject" ON "audit_log" ("subject_kind", "subject_id")`,
  `CREATE INDEX IF NOT EXISTS "ix_audit_log_at" ON "audit_log" ("at")`,
  `CREATE TABLE IF NOT EXISTS "chat_conversations" (
      "id" varchar(64) PRIMARY KEY NOT NULL, "full_name" varchar(300) NOT NULL, "email" varchar(320),
      "phone" varchar(32), "language" varchar(8),
      "created_at" datetime NOT NULL
    )`,
  `CREATE TABLE IF NOT EXISTS "chat_lines" (
      "id" varchar(64) PRIMARY KEY NOT NULL, "conversation_id" varchar(64) NOT NULL, "author" varchar(16) NOT NULL,
      "text" text NOT NULL, "reference" varchar(32),
      "sent_at" datetime NOT NULL
    )`,
  `CREATE INDEX IF NOT EXISTS "ix_chat_lines_conversation" ON "chat_lines" ("conversation_id", "sent_at")`,
  `CREATE TABLE IF NOT EXISTS "complaints" (
      "id" varchar PRIMARY KEY NOT NULL, "reference" varchar(32) NOT NULL, "customer_id" varchar NOT NULL,
      "state" varchar(32) NOT NULL, "channel" varchar(32) NOT NULL, "conversation" varchar(500) NOT NULL,
      "reply_to" varchar(500), "language" varchar(8) NOT NULL, "full_name" varchar(300),
      "email" varchar(320), "phone" varchar(32), "employee_name" varchar(300),
      "essence" text NOT NULL, "callback_requested" boolean NOT NULL, "missing_details" text NOT NULL,
      "received_at" datetime NOT NULL, "accept_by" datetime NOT NULL, "related_reference" varchar(32),
      "forwarded_by" varchar(320), "attention" varchar(64), "email_thread" text,
      "review_by" datetime, "resolve_by" datetime NOT NULL, "accepted_at" datetime,
      "resolved_at" datetime, "root_cause" varchar(100), "lifecycle" text,
      "assignee_id" varchar, "merged_into" varchar(32), "logged_by" varchar,
      "staff_intake" text, "notice_channel" varchar(32), "revision" integer NOT NULL DEFAULT (0),
      "created_at" datetime NOT NULL, "updated_at" datetime NOT NULL,
      "personal_data_erased_at" datetime
    )`,
  `CREATE UNIQUE INDEX IF NOT EXISTS "uq_complaints_reference" ON "complaints" ("reference")`,
  `CREATE INDEX IF NOT EXISTS "ix_complaints_customer" ON "complaints" ("customer_id")`,
  `CREATE INDEX IF NOT EXISTS "ix_complaints_assignee" ON "complaints" ("assignee_id")`,
  `CREATE INDEX IF NOT EXISTS "ix_complaints_conversation" ON "complaints" ("channel", "conversation")`,
  `CREATE TABLE IF NOT EXISTS "customers" (
      "id" varchar PRIMARY KEY NOT NULL, "full_name" varchar(300),
      "created_at" datetime NOT NULL
    )`,
  `CREATE TABLE IF NOT EXISTS "customer_identities" (
      "id" varchar PRIMARY KEY NOT NULL, "customer_id" varchar NOT NULL, "kind" varchar(16) NOT NULL,
      "value" varchar(320) NOT NULL, "verified" boolean NOT NULL DEFAULT (0),
      "created_at" datetime NOT NULL
    )`,
  `CREATE INDEX IF NOT EXISTS "ix_customer_identities_customer" ON "customer_identities" ("customer_id")`,
  `CREATE INDEX IF NOT EXISTS "ix_customer_identities_kind_value" ON "customer_identities" ("kind", "value")`,
  `CREATE UNIQUE INDEX IF NOT EXISTS "uq_customer_identities_verified" ON "customer_identities" ("kind", "value") WHERE verified`,
  `CREATE TABLE IF NOT EXISTS "email_cursors" (
      "mailbox" varchar(500) PRIMARY KEY NOT NULL, "uid_validity" varchar(32) NOT NULL, "last_uid" integer NOT NULL,
      "updated_at" datetime NOT NULL
    )`,
  `CREATE TABLE IF NOT EXISTS "email_quarantine" (
      "id" varchar(64) PRIMARY KEY NOT NULL, "mailbox" varchar(500) NOT NULL, "uid" integer NOT NULL,
      "uid_validity" varchar(32) NOT NULL, "raw_uri" varchar(500) NOT NULL, "reason" varchar(1000) NOT NULL,
      "created_at" datetime NOT NULL
    )`,
  `CREATE TABLE IF NOT EXISTS "messages" (
      "id" varchar(64) PRIMARY KEY NOT NULL, "channel" varchar(32) NOT NULL, "external_id" varchar(500) NOT NULL,
      "conversation" varchar(500) NOT NULL, "status" varchar(16) NOT NULL, "complaint_id" varchar,
      "text" text NOT NULL, "automated" boolean NOT NULL, "received_at" datetime NOT NULL,
      "raw" text NOT NULL, "correlation_id" varchar(64),
      "created_at" datetime NOT NULL
    )`,
  `CREATE INDEX IF NOT EXISTS "ix_messages_complaint" ON "messages" ("complaint_id")`,
  `CREATE UNIQUE INDEX IF NOT EXISTS "uq_messages_channel_external_id" ON "messages" ("channel", "external_id")`,
  `CREATE TABLE IF NOT EXISTS "notices" (
      "id" varchar PRIMARY KEY NOT NULL, "event_id" varchar(64) NOT NULL, "complaint_id" varchar,
      "reference" varchar(32) NOT NULL, "event_type" varchar(64) NOT NULL, "channel" varchar(32) NOT NULL,
      "recipient" varchar(500), "language" varchar(8) NOT NULL, "text" text NOT NULL,
      "status" varchar(16) NOT NULL, "status_reason" varchar(500), "attempts" integer NOT NULL,
      "created_at" datetime NOT NULL, "sent_at" datetime, "next_attempt_at" datetime,
      "message_id" varchar(300),
      "email_thread" text
    )`,
  `CREATE UNIQUE INDEX IF NOT EXISTS "uq_notices_event" ON "notices" ("event_id")`,
  `CREATE INDEX IF NOT EXISTS "ix_notices_complaint" ON "notices" ("complaint_id")`,
  `CREATE INDEX IF NOT EXISTS "ix_notices_pending" ON "notices" ("status", "next_attempt_at")`,
  `CREATE TABLE IF NOT EXISTS "outbox" (
      "id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "topic" varchar(200) NOT NULL, "message_key" varchar(500) NOT NULL,
      "payload" text NOT NULL, "headers" text NOT NULL, "created_at" datetime NOT NULL,
      "published_at" datetime
    )`,
  `CREATE INDEX IF NOT EXISTS "ix_outbox_unpublished" ON "outbox" ("published_at", "id")`,
  `CREATE TABLE IF NOT EXISTS "complaint_history" (
      "id" varchar PRIMARY KEY NOT NULL, "complaint_id" varchar NOT NULL, "at" datetime NOT NULL,
      "actor_kind" varchar(16) NOT NULL, "actor_id" varchar(64), "from_state" varchar(32) NOT NULL,
      "to_state" varchar(32) NOT NULL, "why" text NOT NULL, "step" varchar(64),
      "details" text
    )`,
  `CREATE INDEX IF NOT EXISTS "ix_complaint_history_complaint" ON "complaint_history" ("complaint_id", "at")`,
  `CREATE TABLE IF NOT EXISTS "agents" (
      "id" varchar PRIMARY KEY NOT NULL, "username" varchar(100) NOT NULL, "display_name" varchar(200) NOT NULL,
      "email" varchar(320), "password_hash" varchar(200) NOT NULL, "role" varchar(16) NOT NULL,
      "active" boolean NOT NULL, "created_at" datetime NOT NULL,
      "updated_at" datetime NOT NULL
    )`,
  `CREATE UNIQUE INDEX IF NOT EXISTS "uq_agents_username" ON "agents" ("username")`,
  `CREATE TABLE IF NOT EXISTS "sla_alerts" (
      "id" varchar PRIMARY KEY NOT NULL, "complaint_id" varchar NOT NULL, "deadline" varchar(16) NOT NULL,
      "due_at" datetime NOT NULL, "kind" varchar(16) NOT NULL, "audience" varchar(16) NOT NULL,
      "agent_id" varchar, "created_at" datetime NOT NULL,
      "acknowledged_at" datetime
    )`,
  `CREATE INDEX IF NOT EXISTS "ix_sla_alerts_open" ON "sla_alerts" ("acknowledged_at", "created_at")`,
  `CREATE UNIQUE INDEX IF NOT EXISTS "uq_sla_alerts_once" ON "sla_alerts" ("complaint_id", "deadline", "due_at", "kind")`,
  `CREATE TABLE IF NOT EXISTS "callback_attempts" (
      "id" varchar PRIMARY KEY NOT NULL, "complaint_id" varchar NOT NULL, "agent_id" varchar NOT NULL,
      "at" datetime NOT NULL, "result" varchar(16) NOT NULL,
      "agreed" text
    )`,
  `CREATE INDEX IF NOT EXISTS "ix_callback_attempts_complaint" ON "callback_attempts" ("complaint_id", "at")`,
  `CREATE TABLE IF NOT EXISTS "customer_merges" (
      "id" varchar PRIMARY KEY NOT NULL, "source_customer_id" varchar NOT NULL, "target_customer_id" varchar NOT NULL,
      "identity_ids" text NOT NULL, "complaint_ids" text NOT NULL, "merged_by" varchar(64) NOT NULL,
      "merged_at" datetime NOT NULL, "unmerged_by" varchar(64),
      "unmerged_at" datetime
    )`,
];

const TABLES = [
  'customer_merges', 'callback_attempts', 'sla_alerts', 'agents', 'complaint_history', 'outbox', 'notices', 'messages',
  'email_quarantine', 'email_cursors', 'customer_identities', 'customers', 'complaints', 'chat_lines',
  'chat_conversations', 'audit_log',
];

export class SqliteBaseline1764430000000 implements MigrationInterface {
  name = 'SqliteBaseline1764430000000';

  async up(runner: QueryRunner): Promise<void> {
    for (const statement of SCHEMA) await runner.query(statement);
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const table of TABLES) await runner.query(`DROP TABLE IF EXISTS "${table}"`);
  }
}
