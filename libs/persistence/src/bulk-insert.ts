import type { EntityManager, EntityMetadata, EntityTarget, ObjectLiteral } from 'typeorm';
import { type JsonColumn, jsonColumnsOf, jsonRows } from './json-rows';
import { queryRecords } from './query-records';

/** Postgres allows 65,535 bind parameters per statement, SQLite 32,766: stay under both. */
const MAX_PARAMETERS = 30_000;

export interface BulkInsertOptions {
  /** Skips rows that hit a unique constraint (Postgres ON CONFLICT DO NOTHING, SQLite INSERT OR IGNORE). */
  ignoreConflicts?: boolean;
}

/**
 * Inserts many rows of one entity in as few statements as the database allows: the hot path's
 * writes. Column names come from the entity; generated columns are left to the database.
 * Returns how many rows were written, counted by the same statement (RETURNING) when conflicts
 * may skip some.
 *
 * On Postgres the rows travel as one JSON parameter, turned back into rows of the table by
 * `json_populate_recordset` in a statement whose text depends only on the entity: the server
 * parses the same short text every time, and instead of converting and serialising a bind
 * parameter per value, the client writes one string that JSON.stringify escaped. Elsewhere
 * (SQLite), and for an entity with a column the JSON does not cover, it is a multi-row VALUES
 * with TypeORM's own value conversion.
 */
export async function bulkInsert<T extends ObjectLiteral>(
  manager: EntityManager,
  target: EntityTarget<T>,
  rows: readonly T[],
  options: BulkInsertOptions = {},
): Promise<number> {
  if (rows.length === 0) return 0;
  const metadata = manager.connection.getMetadata(target);
  const json = manager.connection.driver.options.type === 'postgres' ? jsonColumnsOf(metadata) : null;
  return json ? insertFromJson(manager, metadata, json, rows, options) : insertValues(manager, metadata, rows, options);
}

async function insertFromJson(
  manager: EntityManager,
  metadata: EntityMetadata,
  columns: readonly JsonColumn[],
  rows: readonly ObjectLiteral[],
  options: BulkInsertOptions,
): Promise<number> {
  const sql = jsonStatement(manager, metadata, columns, options);
  const parameters = [jsonRows(rows, columns)];
  if (!options.ignoreConflicts) {
    await manager.query(sql, parameters);
    return rows.length;
  }
  return (await queryRecords(manager, sql, parameters)).length;
}

const jsonStatements = new WeakMap<EntityMetadata, Map<boolean, string>>();

/**
 * `INSERT … SELECT … FROM json_populate_recordset(NULL::table, $1) … ORDER BY` the position:
 * the table's own column types read the values, and rows are inserted in the order given, as
 * with VALUES, so generated ids (the outbox's) follow it.
 */
function jsonStatement(manager: EntityManager, metadata: EntityMetadata, columns: readonly JsonColumn[], options: BulkInsertOptions): string {
  const ignoreConflicts = options.ignoreConflicts === true;
  const known = jsonStatements.get(metadata) ?? new Map<boolean, string>();
  jsonStatements.set(metadata, known);
  let sql = known.get(ignoreConflicts);
  if (sql === undefined) {
    const { driver } = manager.connection;
    const table = driver.escape(metadata.tableName);
    const names = columns.map((column) => driver.escape(column.databaseName)).join(', ');
    sql =
      `INSERT INTO ${table} (${names}) SELECT ${names} FROM json_populate_recordset(NULL::${table}, $1::json) WITH ORDINALITY AS r ORDER BY r.ordinality` +
      (ignoreConflicts ? ` ON CONFLICT DO NOTHING${returningOf(manager, metadata)}` : '');
    known.set(ignoreConflicts, sql);
  }
  return sql;
}

/** Multi-row VALUES, chunked under the bind parameter limit, values converted by TypeORM. */
async function insertValues(manager: EntityManager, metadata: EntityMetadata, rows: readonly ObjectLiteral[], options: BulkInsertOptions): Promise<number> {
  const driver = manager.connection.driver;
  const postgres = driver.options.type === 'postgres';
  const columns = metadata.columns.filter((column) => !column.isGenerated);
  const table = driver.escape(metadata.tableName);
  const names = columns.map((column) => driver.escape(column.databaseName)).join(', ');
  const perStatement = Math.max(1, Math.floor(MAX_PARAMETERS / columns.length));
  // Only a statement that may skip rows needs to say which it wrote.
  const returning = options.ignoreConflicts ? returningOf(manager, metadata) : '';
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

function returningOf(manager: EntityManager, metadata: EntityMetadata): string {
  return ` RETURNING ${manager.connection.driver.escape(metadata.primaryColumns[0]?.databaseName ?? 'id')}`;
}
