import type { MigrationInterface, QueryRunner } from 'typeorm';
import { addChatLineAuthor, CHAT_LINE_AUTHOR_COLUMN, dropChatLineAuthor } from '../1764720000000-chat-line-author';

/**
 * The SQLite twin of ChatLineAuthor1764720000000. A file an older release built with TypeORM's
 * synchronize may already have the column (the baseline adopts such files as they are), so it
 * is taken as it is.
 */
export class SqliteChatLineAuthor1764720000000 implements MigrationInterface {
  name = 'SqliteChatLineAuthor1764720000000';

  async up(runner: QueryRunner): Promise<void> {
    const columns = (await runner.query(`PRAGMA table_info("chat_lines")`)) as { name: string }[];
    if (columns.some((column) => column.name === CHAT_LINE_AUTHOR_COLUMN)) return;
    for (const statement of addChatLineAuthor()) await runner.query(statement);
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const statement of dropChatLineAuthor()) await runner.query(statement);
  }
}
