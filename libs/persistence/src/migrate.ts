import type { DataSource } from 'typeorm';

/** Any constant: the advisory lock that lets one process at a time migrate. */
const MIGRATION_LOCK = 74_250_002;

/**
 * Applies pending migrations under a Postgres advisory lock, so that several services booting
 * at once against a fresh database take turns instead of racing on the same DDL. Returns the
 * names of the migrations this call applied.
 */
export async function migrateWithLock(dataSource: DataSource): Promise<string[]> {
  if (dataSource.options.type !== 'postgres') {
    // SQLite: one process per file, nobody to take turns with.
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((migration) => migration.name);
  }
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    try {
      const applied = await dataSource.runMigrations({ transaction: 'each' });
      return applied.map((migration) => migration.name);
    } finally {
      await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
    }
  } finally {
    await runner.release();
  }
}
