import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An agent's reply in the live chat is shown under the agent's first name: the transcript keeps
 * it with the line, so a customer who reconnects sees the same. Staff's surnames are never stored here.
 */
export const CHAT_LINE_AUTHOR_COLUMN = 'author_name';

export function addChatLineAuthor(): string[] {
  return [`ALTER TABLE chat_lines ADD COLUMN ${CHAT_LINE_AUTHOR_COLUMN} varchar(100)`];
}

export function dropChatLineAuthor(): string[] {
  return [`ALTER TABLE chat_lines DROP COLUMN ${CHAT_LINE_AUTHOR_COLUMN}`];
}

export class ChatLineAuthor1764720000000 implements MigrationInterface {
  name = 'ChatLineAuthor1764720000000';

  async up(runner: QueryRunner): Promise<void> {
    for (const statement of addChatLineAuthor()) await runner.query(statement);
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const statement of dropChatLineAuthor()) await runner.query(statement);
  }
}
