import type { EntityManager, ObjectLiteral } from 'typeorm';

/**
 * The rows a statement returns, whatever kind it is: `EntityManager.query` hands an UPDATE's or
 * DELETE's RETURNING rows back in a driver-specific shape, the query runner's structured result
 * does not. Runs in the manager's transaction when it has one.
 */
export async function queryRecords<T extends ObjectLiteral>(manager: EntityManager, sql: string, parameters: unknown[] = []): Promise<T[]> {
  const own = manager.queryRunner === undefined;
  const runner = manager.queryRunner ?? manager.connection.createQueryRunner();
  try {
    return ((await runner.query(sql, parameters, true)).records ?? []) as T[];
  } finally {
    if (own) await runner.release();
  }
}

/**
 * The parameters of a raw statement written for both dialects: `$1, $2, …` on Postgres, `?`
 * elsewhere. A list is one array parameter on Postgres (`= ANY($n)`): the statement's text stays
 * the same whatever the list's length, and pg sends one value instead of one per element.
 */
export class SqlParameters {
  readonly values: unknown[] = [];
  private readonly postgres: boolean;

  constructor(manager: EntityManager) {
    this.postgres = manager.connection.driver.options.type === 'postgres';
  }

  /** The placeholder of one value. */
  one(value: unknown): string {
    this.values.push(value);
    return this.postgres ? `$${this.values.length}` : '?';
  }

  /** `= ANY($n)`, or `IN (?, …)`: a column is one of `values`. */
  anyOf(values: readonly unknown[]): string {
    if (this.postgres) return `= ANY(${this.one([...values])})`;
    return `IN (${values.map((value) => this.one(value)).join(', ')})`;
  }
}
