import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';

/** Postgres allows 65,535 bind parameters per statement, SQLite 32,766: stay under both. */
const MAX_PARAMETERS = 30_000;

/**
 * One multi-row INSERT per chunk for the hot path. TypeORM's insert builder spends more time
 * per row preparing metadata than the database spends writing it; this keeps TypeORM's own
 * value conversion (dates, booleans, JSON columns) and column names from the entity, and skips
 * the rest. Generated columns are left to the database. With `ignoreConflicts`, rows that hit
 * a unique constraint are skipped (Postgres ON CONFLICT DO NOTHING, SQLite INSERT OR IGNORE).
 */
export async function bulkInsert<T extends ObjectLiteral>(
  manager: EntityManager,
  target: EntityTarget<T>,
  rows: readonly T[],
  options: { ignoreConflicts?: boolean } = {},
): Promise<void> {
  if (rows.length === 0) return;
  const metadata = manager.connection.getMetadata(target);
  const driver = manager.connection.driver;
  const postgres = driver.options.type === 'postgres';
  const columns = metadata.columns.filter((column) => !column.isGenerated);
  const table = driver.escape(metadata.tableName);
  const names = columns.map((column) => driver.escape(column.databaseName)).join(', ');
  const perStatement = Math.max(1, Math.floor(MAX_PARAMETERS / columns.length));

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
      ? `INSERT INTO ${table} (${names}) VALUES ${values}${options.ignoreConflicts ? ' ON CONFLICT DO NOTHING' : ''}`
      : `INSERT ${options.ignoreConflicts ? 'OR IGNORE ' : ''}INTO ${table} (${names}) VALUES ${values}`;
    await manager.query(sql, parameters);
  }
}
