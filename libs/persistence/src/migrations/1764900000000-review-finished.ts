import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * When a complaint's review was finished and its result sent to the customer in writing
 * (docs/policy.md, "Lifecycle"): the review deadline is measured by it, and the SLA clock stops
 * the review deadline once it is set. Null until then, and for complaints resolved without it.
 * `timestamp` is the dialect's type.
 */
export const REVIEWED_AT_COLUMN = 'reviewed_at';

export function addReviewedAt(types: { timestamp: string }): string[] {
  return [`ALTER TABLE complaints ADD COLUMN ${REVIEWED_AT_COLUMN} ${types.timestamp}`];
}

export function dropReviewedAt(): string[] {
  return [`ALTER TABLE complaints DROP COLUMN ${REVIEWED_AT_COLUMN}`];
}

export class ReviewFinished1764900000000 implements MigrationInterface {
  name = 'ReviewFinished1764900000000';

  async up(runner: QueryRunner): Promise<void> {
    for (const statement of addReviewedAt({ timestamp: 'timestamptz' })) await runner.query(statement);
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const statement of dropReviewedAt()) await runner.query(statement);
  }
}
