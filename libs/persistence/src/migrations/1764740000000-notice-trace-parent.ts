import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A notice is sent later than it is recorded, by a delivery loop: it keeps the W3C
 * `traceparent` of the step that recorded it, so its send span joins the trace of the message
 * it answers (docs/observability.md). Null with tracing off, and for older notices.
 */
export const NOTICE_TRACE_PARENT_COLUMN = 'trace_parent';

export function addNoticeTraceParent(): string[] {
  // version-traceid-spanid-flags: 2 + 1 + 32 + 1 + 16 + 1 + 2 characters.
  return [`ALTER TABLE notices ADD COLUMN ${NOTICE_TRACE_PARENT_COLUMN} varchar(55)`];
}

export function dropNoticeTraceParent(): string[] {
  return [`ALTER TABLE notices DROP COLUMN ${NOTICE_TRACE_PARENT_COLUMN}`];
}

export class NoticeTraceParent1764740000000 implements MigrationInterface {
  name = 'NoticeTraceParent1764740000000';

  async up(runner: QueryRunner): Promise<void> {
    for (const statement of addNoticeTraceParent()) await runner.query(statement);
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const statement of dropNoticeTraceParent()) await runner.query(statement);
  }
}
