import type { MigrationInterface, QueryRunner } from 'typeorm';
import { addReviewedAt, dropReviewedAt, REVIEWED_AT_COLUMN } from '../1764900000000-review-finished';

/**
 * The SQLite twin of ReviewFinished1764900000000, in SQLite's types. A file an older release built
 * with TypeORM's synchronize may already have the column, so it is taken as it is.
 */
export class SqliteReviewFinished1764900000000 implements MigrationInterface {
  name = 'SqliteReviewFinished1764900000000';

  async up(runner: QueryRunner): Promise<void> {
    const columns = (await runner.query(`PRAGMA table_info("complaints")`)) as { name: string }[];
    if (columns.some((column) => column.name === REVIEWED_AT_COLUMN)) return;
    for (const statement of addReviewedAt({ timestamp: 'datetime' })) await runner.query(statement);
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const statement of dropReviewedAt()) await runner.query(statement);
  }
}
