import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Notices on every written channel: the route a notice travels (e-mail, a social conversation,
 * SMS) and the customer's other routes to fall back to, the platform's delivery receipt, and when
 * the customer last wrote (platforms such as WhatsApp limit free text after that). Existing
 * notices get the route they were sent on.
 */
export const NOTICE_ROUTE_COLUMNS = ['route', 'alternatives', 'receipt', 'receipt_at', 'customer_wrote_at'];

export function addNoticeRouteColumns(timestamp: string): string[] {
  return [
    `ALTER TABLE notices ADD COLUMN route varchar(16)`,
    `ALTER TABLE notices ADD COLUMN alternatives text`,
    `ALTER TABLE notices ADD COLUMN receipt varchar(16)`,
    `ALTER TABLE notices ADD COLUMN receipt_at ${timestamp}`,
    `ALTER TABLE notices ADD COLUMN customer_wrote_at ${timestamp}`,
    `UPDATE notices SET route = 'email' WHERE channel <> 'chat' AND recipient LIKE '%@%'`,
    `CREATE INDEX ix_notices_route ON notices (route, status, next_attempt_at)`,
  ];
}

export function dropNoticeRouteColumns(): string[] {
  return [`DROP INDEX ix_notices_route`, ...NOTICE_ROUTE_COLUMNS.map((column) => `ALTER TABLE notices DROP COLUMN ${column}`)];
}

export class NoticeRoutes1764500000000 implements MigrationInterface {
  name = 'NoticeRoutes1764500000000';

  async up(runner: QueryRunner): Promise<void> {
    for (const statement of addNoticeRouteColumns('timestamptz')) await runner.query(statement);
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const statement of dropNoticeRouteColumns()) await runner.query(statement);
  }
}
