import type { MigrationInterface, QueryRunner } from 'typeorm';
import { customerSignInSchema, dropCustomerSignInSchema } from '../1764730000000-customer-sign-in';

/**
 * The SQLite twin of CustomerSignIn1764730000000, in SQLite's types. A file built with TypeORM's
 * synchronize from these entities already has the schema (the baseline adopts such files as they
 * are), so it is taken as it is.
 */
export class SqliteCustomerSignIn1764730000000 implements MigrationInterface {
  name = 'SqliteCustomerSignIn1764730000000';

  async up(runner: QueryRunner): Promise<void> {
    const columns = (await runner.query(`PRAGMA table_info("notices")`)) as { name: string }[];
    if (columns.some((column) => column.name === 'expires_at')) return;
    for (const statement of customerSignInSchema({ timestamp: 'datetime', uuid: 'varchar' })) await runner.query(statement);
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const statement of dropCustomerSignInSchema()) await runner.query(statement);
  }
}
