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
