import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The foundation's tables (Postgres). SQLite installs have their own set: migrations/sqlite. */
export class InitialSchema1764000000000 implements MigrationInterface {
  name = 'InitialSchema1764000000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE customers (
        id uuid PRIMARY KEY,
        full_name varchar(300),
        created_at timestamptz NOT NULL
      )`);
    await runner.query(`
      CREATE TABLE customer_identities (
        id uuid PRIMARY KEY,
        customer_id uuid NOT NULL REFERENCES customers(id),
        kind varchar(16) NOT NULL,
        value varchar(320) NOT NULL,
        created_at timestamptz NOT NULL
      )`);
    await runner.query(`CREATE UNIQUE INDEX uq_customer_identities_kind_value ON customer_identities (kind, value)`);
    await runner.query(`CREATE INDEX ix_customer_identities_customer ON customer_identities (customer_id)`);
    await runner.query(`
      CREATE TABLE complaints (
        id uuid PRIMARY KEY,
        reference varchar(32) NOT NULL,
        customer_id uuid NOT NULL REFERENCES customers(id),
        state varchar(32) NOT NULL,
        channel varchar(32) NOT NULL,
        conversation varchar(500) NOT NULL,
        reply_to varchar(500),
        language varchar(8) NOT NULL,
        full_name varchar(300),
        email varchar(320),
        phone varchar(32),
        employee_name varchar(300),
        essence text NOT NULL,
        callback_requested boolean NOT NULL,
        missing_details text NOT NULL,
        received_at timestamptz NOT NULL,
        accept_by timestamptz NOT NULL,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
    await runner.query(`CREATE UNIQUE INDEX uq_complaints_reference ON complaints (reference)`);
    await runner.query(`CREATE INDEX ix_complaints_customer ON complaints (customer_id)`);
    await runner.query(`CREATE INDEX ix_complaints_conversation ON complaints (channel, conversation)`);
    await runner.query(`
      CREATE TABLE messages (
        id varchar(64) PRIMARY KEY,
        channel varchar(32) NOT NULL,
        external_id varchar(500) NOT NULL,
        conversation varchar(500) NOT NULL,
        status varchar(16) NOT NULL,
        complaint_id uuid REFERENCES complaints(id),
        text text NOT NULL,
        automated boolean NOT NULL,
        received_at timestamptz NOT NULL,
        raw text NOT NULL,
        correlation_id varchar(64),
        created_at timestamptz NOT NULL
      )`);
    await runner.query(`CREATE UNIQUE INDEX uq_messages_channel_external_id ON messages (channel, external_id)`);
    await runner.query(`CREATE INDEX ix_messages_complaint ON messages (complaint_id)`);
    await runner.query(`
      CREATE TABLE outbox (
        id serial PRIMARY KEY,
        topic varchar(200) NOT NULL,
        message_key varchar(500) NOT NULL,
        payload text NOT NULL,
        headers text NOT NULL,
        created_at timestamptz NOT NULL,
        published_at timestamptz
      )`);
    await runner.query(`CREATE INDEX ix_outbox_unpublished ON outbox (published_at, id)`);
    await runner.query(`
      CREATE TABLE notices (
        id uuid PRIMARY KEY,
        event_id varchar(64) NOT NULL,
        complaint_id uuid NOT NULL,
        reference varchar(32) NOT NULL,
        event_type varchar(64) NOT NULL,
        channel varchar(32) NOT NULL,
        recipient varchar(500),
        language varchar(8) NOT NULL,
        text text NOT NULL,
        status varchar(16) NOT NULL,
        status_reason varchar(500),
        attempts integer NOT NULL,
        created_at timestamptz NOT NULL,
        sent_at timestamptz
      )`);
    await runner.query(`CREATE UNIQUE INDEX uq_notices_event ON notices (event_id)`);
    await runner.query(`CREATE INDEX ix_notices_complaint ON notices (complaint_id)`);
    await runner.query(`
      CREATE TABLE chat_conversations (
        id varchar(64) PRIMARY KEY,
        full_name varchar(300) NOT NULL,
        email varchar(320),
        phone varchar(32),
        language varchar(8),
        created_at timestamptz NOT NULL
      )`);
    await runner.query(`
      CREATE TABLE chat_lines (
        id varchar(64) PRIMARY KEY,
        conversation_id varchar(64) NOT NULL,
        author varchar(16) NOT NULL,
        text text NOT NULL,
        reference varchar(32),
        sent_at timestamptz NOT NULL
      )`);
    await runner.query(`CREATE INDEX ix_chat_lines_conversation ON chat_lines (conversation_id, sent_at)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const table of ['chat_lines', 'chat_conversations', 'notices', 'outbox', 'messages', 'complaints', 'customer_identities', 'customers']) {
      await runner.query(`DROP TABLE IF EXISTS ${table}`);
    }
  }
}
