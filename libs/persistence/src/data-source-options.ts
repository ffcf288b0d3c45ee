import type { DatabaseConfig } from '@plaint/config';
import type { DataSourceOptions } from 'typeorm';
import { ENTITIES } from './entities';
import { MIGRATIONS, SQLITE_MIGRATIONS } from './migrations';

/**
 * Postgres in production, a SQLite file for one-process installs; both get their schema from
 * migrations (each dialect its own set, see migrations/sqlite), so an embedded install upgrades
 * the way a production database does.
 */
export function dataSourceOptions(database: DatabaseConfig): DataSourceOptions {
  if (database.kind === 'sqlite') {
    return {
      type: 'better-sqlite3',
      database: database.file,
      entities: ENTITIES,
      migrations: SQLITE_MIGRATIONS,
      // One process owns the file: it migrates when it opens it, before anything reads.
      migrationsRun: true,
      migrationsTransactionMode: 'each',
      synchronize: false,
      // WAL lets the page and the API read while a batch commits.
      enableWAL: true,
      prepareDatabase: (db: { pragma(statement: string): unknown }) => {
        db.pragma('busy_timeout = 5000');
        db.pragma('foreign_keys = ON');
      },
    };
  }
  return {
    type: 'postgres',
    url: database.url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    // Run by migrateWithLock at boot (when PLAINT_DATABASE_MIGRATE) or by `plaint migrate`.
    migrationsRun: false,
    migrationsTransactionMode: 'each',
    synchronize: false,
    extra: { max: database.poolSize },
  };
}
