import type { DatabaseConfig } from '@plaint/config';
import type { DataSourceOptions } from 'typeorm';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';

/**
 * Postgres in production, schema by migrations; a SQLite file for one-process installs, schema
 * built from the same entities.
 */
export function dataSourceOptions(database: DatabaseConfig): DataSourceOptions {
  if (database.kind === 'sqlite') {
    return {
      type: 'better-sqlite3',
      database: database.file,
      entities: ENTITIES,
      synchronize: true,
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
