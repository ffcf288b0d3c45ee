/// <reference lib="es2024.string" />
import type { EntityMetadata } from 'typeorm';

/** One column of an insert, with how a value of it is written into the rows' JSON. */
export interface JsonColumn {
  property: string;
  databaseName: string;
  toJson: (value: unknown) => unknown;
}

const asIs = (value: unknown): unknown => value;
// A lone UTF-16 surrogate becomes U+FFFD, as when pg writes a text parameter: Postgres refuses
// its JSON escape (`\ud800`).
const asText = (value: unknown): unknown => (typeof value === 'string' && !value.isWellFormed() ? value.toWellFormed() : value);
/**
 * Dates as ISO instants, which JSON.stringify would otherwise get from each one's toJSON, the
 * slowest part of it. A column's rows often share one (the batch's `now`): formatted once.
 */
function asInstant(): (value: unknown) => unknown {
  let lastTime = Number.NaN;
  let lastText = '';
  return (value) => {
    if (!(value instanceof Date)) return value;
    const time = value.getTime();
    if (time !== lastTime) {
      lastText = value.toISOString();
      lastTime = time;
    }
    return lastText;
  };
}
// TypeORM keeps these as JSON text in a text column.
const asJsonText = (value: unknown): unknown => (value === null || value === undefined ? value : JSON.stringify(value));

/**
 * How each column type the entities use goes into JSON so that Postgres reads back what
 * TypeORM's driver would have written (`preparePersistentValue`): text, uuids, numbers and
 * booleans as they are, dates as ISO instants, simple-json as its JSON text.
 */
function toJsonOf(type: unknown): JsonColumn['toJson'] | undefined {
  if (type === Date) return asInstant();
  switch (type) {
    case 'uuid':
    case 'varchar':
    case 'character varying':
    case 'text':
      return asText;
    case 'boolean':
    case 'integer':
    case 'bigint':
      return asIs;
    case 'timestamptz':
    case 'timestamp with time zone':
      return asInstant();
    case 'simple-json':
      return asJsonText;
    default:
      return undefined;
  }
}

const jsonColumns = new WeakMap<EntityMetadata, readonly JsonColumn[] | null>();

/**
 * The columns an insert writes (all but generated ones), or null when one of them is of a kind
 * written otherwise (a value transformer, an embedded entity, a type not listed above).
 */
export function jsonColumnsOf(metadata: EntityMetadata): readonly JsonColumn[] | null {
  let columns = jsonColumns.get(metadata);
  if (columns === undefined) {
    const found = metadata.columns
      .filter((column) => !column.isGenerated)
      .map((column) => {
        const toJson = column.transformer || column.embeddedMetadata ? undefined : toJsonOf(column.type);
        return toJson && { property: column.propertyName, databaseName: column.databaseName, toJson };
      });
    columns = found.every((column) => column !== undefined) ? found : null;
    jsonColumns.set(metadata, columns);
  }
  return columns;
}

/**
 * The rows as one JSON array of objects keyed by column name, for `json_populate_recordset`:
 * a single bind parameter for the whole batch, escaped by the engine's JSON.stringify instead of
 * value by value. A missing value is null.
 */
export function jsonRows(rows: readonly object[], columns: readonly JsonColumn[]): string {
  return JSON.stringify(
    rows.map((row) => {
      const json: Record<string, unknown> = {};
      for (const column of columns) json[column.databaseName] = column.toJson((row as Record<string, unknown>)[column.property]) ?? null;
      return json;
    }),
  );
}
