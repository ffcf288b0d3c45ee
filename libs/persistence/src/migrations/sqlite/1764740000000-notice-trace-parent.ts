import type { MigrationInterface, QueryRunner } from 'typeorm';
import { addNoticeTraceParent, dropNoticeTraceParent, NOTICE_TRACE_PARENT_COLUMN } from '../1764740000000-notice-trace-parent';

/**
 * The SQLite twin of NoticeTraceParent1764740000000. A file an older release built with
 * TypeORM's synchronize may already have the column, so it is taken as it is.
 */
export class SqliteNoticeTraceParent1764740000000 implements MigrationInterface {
  name = 'SqliteNoticeTraceParent1764740000000';

  async up(runner: QueryRunner): Promise<void> {
    const columns = (await runner.query(`PRAGMA table_info("notices")`)) as { name: string }[];
    if (columns.some((column) => column.name === NOTICE_TRACE_PARENT_COLUMN)) return;
    for (const statement of addNoticeTraceParent()) await runner.query(statement);
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const statement of dropNoticeTraceParent()) await runner.query(statement);
  }
}
