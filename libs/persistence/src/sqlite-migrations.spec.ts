import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { complaintRow } from '../../../test/support/complaint-row';
import { dataSourceOptions } from './data-source-options';
import { ComplaintEntity, CustomerEntity, ENTITIES } from './entities';
import { SQLITE_MIGRATIONS } from './migrations';

/** The schema as SQLite states it: every table and index with the statement that made it. */
async function schemaOf(source: DataSource): Promise<string[]> {
  const rows = await source.query<{ sql: string }[]>(
    `SELECT sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT IN ('migrations', 'sqlite_sequence') ORDER BY name`,
  );
  // IF NOT EXISTS is how a statement was run, not what it made.
  return rows.map((row) => row.sql.replace(/ IF NOT EXISTS/g, '').replace(/\s+/g, ' ').replace(/ \)/g, ')').trim());
}

async function pendingSchemaChanges(source: DataSource): Promise<string[]> {
  return (await source.driver.createSchemaBuilder().log()).upQueries.map((query) => query.query);
}

describe('SQLite schema by migrations (the one-process install)', () => {
  let dir: string;
  let file: string;
  const open = () => new DataSource(dataSourceOptions({ kind: 'sqlite', file })).initialize();

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'sqlite-migrations-'));
    file = join(dir, 'plaint.sqlite');
  });

  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('builds a fresh data file from the migrations, to the schema the entities describe', async () => {
    const source = await open();
    try {
      const applied = await source.query<{ name: string }[]>('SELECT name FROM migrations ORDER BY id');
      expect(applied.map((row) => row.name)).toEqual(SQLITE_MIGRATIONS.map((migration) => new migration().name));
      expect(await pendingSchemaChanges(source)).toEqual([]);
    } finally {
      await source.destroy();
    }
  });

  it('upgrades a data file the previous release built, keeping its complaints', async () => {
    // Until migrations ran on SQLite, TypeORM's synchronize built the file from the entities.
    const previous = await new DataSource({ type: 'better-sqlite3', database: file, entities: ENTITIES, synchronize: true }).initialize();
    const customerId = randomUUID();
    await previous.getRepository(CustomerEntity).insert({ id: customerId, fullName: 'Aysel Məmmədova', createdAt: new Date() });
    await previous.getRepository(ComplaintEntity).insert(complaintRow('PLT-7K3M-9Q', { customerId }));
    await previous.destroy();

    const source = await open();
    try {
      const kept = await source.getRepository(ComplaintEntity).findOneByOrFail({ reference: 'PLT-7K3M-9Q' });
      expect(kept.customerId).toBe(customerId);
      const applied = await source.query<{ name: string }[]>('SELECT name FROM migrations ORDER BY id');
      expect(applied.map((row) => row.name)).toEqual(SQLITE_MIGRATIONS.map((migration) => new migration().name));
      expect(await pendingSchemaChanges(source)).toEqual([]);
    } finally {
      await source.destroy();
    }
    // A second boot finds nothing left to do and the data still there.
    const again = await open();
    try {
      expect(await again.getRepository(ComplaintEntity).countBy({ reference: 'PLT-7K3M-9Q' })).toBe(1);
      expect(await again.showMigrations()).toBe(false);
    } finally {
      await again.destroy();
    }
  });

  it('restores with each down() the schema from before its up(), and up() again gives the same schema', async () => {
    const source = await open();
    try {
      const steps = SQLITE_MIGRATIONS.length;
      const after: string[][] = [await schemaOf(source)];
      // Walk down to nothing, remembering each level; then back up, comparing level by level.
      for (let i = 0; i < steps; i += 1) {
        await source.undoLastMigration({ transaction: 'each' });
        after.unshift(await schemaOf(source));
      }
      expect(after[0]).toEqual([]);
      for (let level = 1; level <= steps; level += 1) {
        const upTo = SQLITE_MIGRATIONS.slice(0, level);
        const partial = await new DataSource({ ...dataSourceOptions({ kind: 'sqlite', file }), migrations: upTo }).initialize();
        try {
          expect(await schemaOf(partial)).toEqual(after[level]);
        } finally {
          await partial.destroy();
        }
      }
    } finally {
      await source.destroy();
    }
  });
});
