import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Customer identities say whether the channel vouched for them. Only a verified identity stays
 * unique: a contact typed into a chat or a form may be typed by several people. Complaints record
 * the employee who forwarded a customer's mail, and why an agent must look at one.
 */
export class VerifiedIdentities1764420000000 implements MigrationInterface {
  name = 'VerifiedIdentities1764420000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE customer_identities ADD COLUMN verified boolean NOT NULL DEFAULT false`);
    // What was proven before: platform ids, and addresses that mail to us came from.
    await runner.query(`UPDATE customer_identities SET verified = true WHERE kind = 'platform'`);
    await runner.query(`
      UPDATE customer_identities i SET verified = true
       WHERE i.kind = 'email'
         AND EXISTS (SELECT 1 FROM complaints c
                      WHERE c.customer_id = i.customer_id AND c.channel = 'email' AND lower(c.email) = i.value)`);
    await runner.query(`DROP INDEX uq_customer_identities_kind_value`);
    await runner.query(`CREATE UNIQUE INDEX uq_customer_identities_verified ON customer_identities (kind, value) WHERE verified`);
    await runner.query(`CREATE INDEX ix_customer_identities_kind_value ON customer_identities (kind, value)`);
    await runner.query(`ALTER TABLE complaints ADD COLUMN forwarded_by varchar(320)`);
    await runner.query(`ALTER TABLE complaints ADD COLUMN attention varchar(64)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE complaints DROP COLUMN attention`);
    await runner.query(`ALTER TABLE complaints DROP COLUMN forwarded_by`);
    await runner.query(`DROP INDEX ix_customer_identities_kind_value`);
    await runner.query(`DROP INDEX uq_customer_identities_verified`);
    // Unverified duplicates of one value cannot stay under the old unique index.
    await runner.query(`
      DELETE FROM customer_identities a USING customer_identities b
       WHERE a.kind = b.kind AND a.value = b.value AND (a.verified, a.id) < (b.verified, b.id)`);
    await runner.query(`CREATE UNIQUE INDEX uq_customer_identities_kind_value ON customer_identities (kind, value)`);
    await runner.query(`ALTER TABLE customer_identities DROP COLUMN verified`);
  }
}
