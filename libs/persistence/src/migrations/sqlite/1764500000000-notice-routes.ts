import type { MigrationInterface, QueryRunner } from 'typeorm';
import { addNoticeRouteColumns, dropNoticeRouteColumns, NOTICE_ROUTE_COLUMNS } from '../1764500000000-notice-routes';

/**
 * The SQLite twin of NoticeRoutes1764500000000, in SQLite's types. A file an older release built
 * with TypeORM's synchronize may already have the columns (the baseline adopts such files as they
 * are), so it is taken as it is.
 */
export class SqliteNoticeRoutes1764500000000 implements MigrationInterface {
  name = 'SqliteNoticeRoutes1764500000000';

  async up(runner: QueryRunner): Promise<void> {
    const columns = (await runner.query(`PRAGMA table_info("notices")`)) as { name: string }[];
    if (columns.some((column) => NOTICE_ROUTE_COLUMNS.includes(column.name))) return;
    for (const statement of addNoticeRouteColumns('datetime')) await runner.query(statement);
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const statement of dropNoticeRouteColumns()) await runner.query(statement);
  }
}
