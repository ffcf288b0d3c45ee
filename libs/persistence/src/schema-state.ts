import { Client } from 'pg';
import { MIGRATIONS } from './migrations';

/** TypeORM's record of the migrations it applied (its default name, which the data source keeps). */
const MIGRATIONS_TABLE = 'migrations';

/** The names of this build's Postgres migrations, oldest first. */
export function buildMigrationNames(): string[] {
  return MIGRATIONS.map((migration) => new migration().name);
}

/**
 * The migrations of this build that the Postgres database at `url` has not applied, oldest
 * first; every one of them when the migrations table does not exist yet. Throws when the
 * database does not answer.
 */
export async function missingMigrations(url: string, connectTimeoutMs = 5_000): Promise<string[]> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: connectTimeoutMs });
  // A connection dropped by the server must end in a rejected query, not an unhandled 'error'.
  client.on('error', () => undefined);
  await client.connect();
  try {
    const table = await client.query<{ found: string | null }>('SELECT to_regclass($1)::text AS found', [MIGRATIONS_TABLE]);
    const wanted = buildMigrationNames();
    if (!table.rows[0]?.found) return wanted;
    const applied = await client.query<{ name: string }>(`SELECT name FROM ${MIGRATIONS_TABLE}`);
    const done = new Set(applied.rows.map((row) => row.name));
    return wanted.filter((name) => !done.has(name));
  } finally {
    await client.end().catch(() => undefined);
  }
}
