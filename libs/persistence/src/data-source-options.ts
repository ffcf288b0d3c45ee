import type { DatabaseConfig } from '@plaint/config';
import type { DataSourceOptions } from 'typeorm';
import { ENTITIES } from './entities';
import { MIGRATIONS, SQLITE_MIGRATIONS } from './migrations';
import { ListeningPgClient } from './pg-client';

/** What a SQLite connection offers in place of Postgres's own behaviour. */
interface SqliteConnection {
  pragma(statement: string): unknown;
  function(name: string, options: { deterministic: boolean }, implementation: (value: unknown) => unknown): unknown;
}

/**
 * Settings of every SQLite connection. SQLite's own LOWER folds only ASCII; the agent's search
 * compares LOWER(text) with lower-case words, so it is replaced by one that folds every
 * letter (Cyrillic, Azerbaijani), as Postgres's does.
 */
export function prepareSqlite(db: SqliteConnection): void {
  db.pragma('busy_timeout = 5000');
  db.pragma('foreign_keys = ON');
  db.function('lower', { deterministic: true }, (value) => (typeof value === 'string' ? value.toLowerCase() : value));
}

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
      prepareDatabase: prepareSqlite,
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
    // Every pooled connection listens for its own errors (see pg-client.ts).
    extra: { max: database.poolSize, Client: ListeningPgClient },
  };
}
