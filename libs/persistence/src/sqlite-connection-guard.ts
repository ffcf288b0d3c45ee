import { AsyncLocalStorage } from 'node:async_hooks';
import type { DataSource } from 'typeorm';

/**
 * SQLite (the one-process install) has one connection, and TypeORM's better-sqlite3 driver
 * shares one query runner among all callers. Two transactions started at once would nest (the
 * second becomes a savepoint of the first), and any query made while a transaction is open runs
 * inside it: rolled back with it, though it belonged to someone else.
 *
 * This guard gives SQLite the isolation a connection pool gives Postgres: transactions run one
 * at a time, and a query from outside the open transaction waits until it has finished. Queries
 * inside a transaction (including nested ones) are recognised through AsyncLocalStorage.
 */
export function guardSqliteConnection(dataSource: DataSource): void {
  if (dataSource.options.type !== 'better-sqlite3') return;
  const context = new AsyncLocalStorage<symbol>();
  let owner: symbol | null = null; // the open transaction
  let outsideQueries = 0; // queries under way that belong to no transaction
  const nextChange = () => {
    let resolve!: () => void;
    const promise = new Promise<void>((done) => (resolve = done));
    return { promise, resolve };
  };
  let changed = nextChange();
  const signal = () => {
    changed.resolve();
    changed = nextChange();
  };
  const inOpenTransaction = () => owner !== null && context.getStore() === owner;

  const manager = dataSource.manager;
  const transaction = manager.transaction.bind(manager) as (...args: unknown[]) => Promise<unknown>;
  manager.transaction = (async (...args: unknown[]) => {
    if (inOpenTransaction()) return transaction(...args);
    // No await between the last check and taking the connection: nobody can slip in between.
    while (owner !== null || outsideQueries > 0) await changed.promise;
    const mine = Symbol('sqlite transaction');
    owner = mine;
    try {
      return await context.run(mine, () => transaction(...args));
    } finally {
      owner = null;
      signal();
    }
  });

  const runner = dataSource.driver.createQueryRunner('master');
  const query = runner.query.bind(runner) as (...args: unknown[]) => Promise<unknown>;
  runner.query = (async (...args: unknown[]) => {
    if (inOpenTransaction()) return query(...args);
    while (owner !== null) await changed.promise;
    outsideQueries += 1;
    try {
      return await query(...args);
    } finally {
      outsideQueries -= 1;
      if (outsideQueries === 0) signal();
    }
  }) as typeof runner.query;
}
