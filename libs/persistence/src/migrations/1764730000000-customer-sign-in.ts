import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The customer's own page (docs/my-complaints.md): one-time sign-in links and the sessions they
 * open, each kept by the hash of its token only, and the instant after which a notice (a link)
 * is not worth sending. `timestamp` and `uuid` are the dialect's types.
 */
export function customerSignInSchema(types: { timestamp: string; uuid: string }): string[] {
  const { timestamp, uuid } = types;
  return [
    `CREATE TABLE customer_sign_in_links (
        id ${uuid} PRIMARY KEY NOT NULL, token_hash varchar(64) NOT NULL, contact_kind varchar(16) NOT NULL,
        contact varchar(320) NOT NULL, created_at ${timestamp} NOT NULL, expires_at ${timestamp} NOT NULL,
        used_at ${timestamp}
      )`,
    `CREATE UNIQUE INDEX uq_customer_sign_in_links_token ON customer_sign_in_links (token_hash)`,
    `CREATE INDEX ix_customer_sign_in_links_contact ON customer_sign_in_links (contact_kind, contact)`,
    `CREATE TABLE customer_sessions (
        id ${uuid} PRIMARY KEY NOT NULL, token_hash varchar(64) NOT NULL, link_id ${uuid} NOT NULL,
        contact_kind varchar(16) NOT NULL, contact varchar(320) NOT NULL, created_at ${timestamp} NOT NULL,
        expires_at ${timestamp} NOT NULL, ended_at ${timestamp}, end_reason varchar(16)
      )`,
    `CREATE UNIQUE INDEX uq_customer_sessions_token ON customer_sessions (token_hash)`,
    `CREATE INDEX ix_customer_sessions_contact ON customer_sessions (contact_kind, contact)`,
    `ALTER TABLE notices ADD COLUMN expires_at ${timestamp}`,
  ];
}

export function dropCustomerSignInSchema(): string[] {
  return [
    `ALTER TABLE notices DROP COLUMN expires_at`,
    `DROP TABLE customer_sessions`,
    `DROP TABLE customer_sign_in_links`,
  ];
}

export class CustomerSignIn1764730000000 implements MigrationInterface {
  name = 'CustomerSignIn1764730000000';

  async up(runner: QueryRunner): Promise<void> {
    for (const statement of customerSignInSchema({ timestamp: 'timestamptz', uuid: 'uuid' })) await runner.query(statement);
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const statement of dropCustomerSignInSchema()) await runner.query(statement);
  }
}
