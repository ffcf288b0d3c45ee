import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { queryRecords } from './query-records';

/** Postgres allows 65,535 bind parameters per statement, SQLite 32,766: stay under both. */
const MAX_PARAMETERS = 30_000;

/**
 * One multi-row INSERT per chunk for the hot path. TypeORM's insert builder spends more time
 * per row preparing metadata than the database spends writing it; this keeps TypeORM's own
 * value conversion (dates, booleans, JSON columns) and column names from the entity, and skips
 * the rest. Generated columns are left to the database. With `ignoreConflicts`, rows that hit
 * a unique constraint are skipped (Postgres ON CONFLICT DO NOTHING, SQLite INSERT OR IGNORE).
 * Returns how many rows were written, counted by the same statement (RETURNING).
 */
export async function bulkInsert<T extends ObjectLiteral>(
  manager: EntityManager,
  target: EntityTarget<T>,
  rows: readonly T[],
  options: { ignoreConflicts?: boolean } = {},
): Promise<number> {
  if (rows.length === 0) return 0;
  const metadata = manager.connection.getMetadata(target);
  const driver = manager.connection.driver;
  const postgres = driver.options.type === 'postgres';
  const columns = metadata.columns.filter((column) => !column.isGenerated);
  const table = driver.escape(metadata.tableName);
  const names = columns.map((column) => driver.escape(column.databaseName)).join(', ');
  const perStatement = Math.max(1, Math.floor(MAX_PARAMETERS / columns.length));
  // Only a statement that may skip rows needs to say which it wrote.
  const returning = options.ignoreConflicts ? ` RETURNING ${driver.escape(metadata.primaryColumns[0]?.databaseName ?? 'id')}` : '';
  let written = 0;

  for (let start = 0; start < rows.length; start += perStatement) {
    const parameters: unknown[] = [];
    const tuples = rows.slice(start, start + perStatement).map((row) => {
      const placeholders = columns.map((column) => {
        const value: unknown = driver.preparePersistentValue(column.getEntityValue(row), column);
        parameters.push(value === undefined ? null : value);
        return postgres ? `$${parameters.length}` : '?';
      });
      return `(${placeholders.join(', ')})`;
    });
    const values = tuples.join(', ');
    const sql = postgres
      ? `INSERT INTO ${table} (${names}) VALUES ${values}${options.ignoreConflicts ? ' ON CONFLICT DO NOTHING' : ''}${returning}`
      : `INSERT ${options.ignoreConflicts ? 'OR IGNORE ' : ''}INTO ${table} (${names}) VALUES ${values}${returning}`;
    if (returning) written += (await queryRecords(manager, sql, parameters)).length;
    else {
      await manager.query(sql, parameters);
      written += tuples.length;
    }
  }
  return written;
}
