import { DataSource } from 'typeorm';
import { createTestDatabase, queryDatabase, type TestDatabase } from '../../../test/support/postgres';
import { describeWithRealParts } from '../../../test/support/real-parts';
import { dataSourceOptions } from './data-source-options';
import { migrateWithLock } from './migrate';
import { MIGRATIONS } from './migrations';

/** Columns, indexes and constraints of the public schema, as Postgres states them. */
async function schemaOf(source: DataSource): Promise<unknown[]> {
  const columns = await source.query(`
    SELECT table_name, column_name, data_type, character_maximum_length, is_nullable, column_default
      FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> 'migrations'
     ORDER BY table_name, column_name`);
  const indexes = await source.query(`
    SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename <> 'migrations' ORDER BY indexname`);
  const constraints = await source.query(`
    SELECT conrelid::regclass::text AS "table", conname, pg_get_constraintdef(oid) AS definition
      FROM pg_constraint WHERE connamespace = 'public'::regnamespace AND conrelid::regclass::text <> 'migrations'
     ORDER BY 1, 2`);
  return [...columns, ...indexes, ...constraints] as unknown[];
}

describeWithRealParts('Postgres migrations', (parts) => {
  let db: TestDatabase;
  const sources: DataSource[] = [];

  beforeAll(async () => {
    db = await createTestDatabase(parts.postgresUrl);
  });

  afterAll(async () => {
    for (const source of sources) if (source.isInitialized) await source.destroy();
    await db?.drop();
  });

  const open = async () => {
    const source = await new DataSource(
      dataSourceOptions({ kind: 'postgres', url: db.url, migrateOnBoot: true, poolSize: 2 }),
    ).initialize();
    sources.push(source);
    return source;
  };

  it('are applied once when several services boot against a fresh database at the same moment', async () => {
    const services = await Promise.all([open(), open(), open()]);
    const applied = await Promise.all(services.map((source) => migrateWithLock(source)));
    expect(applied.flat()).toEqual(MIGRATIONS.map((migration) => new migration().name));
    const rows = await queryDatabase<{ name: string }>(db.url, 'SELECT name FROM migrations');
    expect(rows).toHaveLength(MIGRATIONS.length);
  });

  it('leave the schema the entities describe, apart from what Postgres alone gets on purpose', async () => {
    const [source] = sources;
    const pending = await source!.driver.createSchemaBuilder().log();
    const onPurpose = [
      // Entities say Date (TypeORM: "timestamp"); the migrations make timestamptz, and TypeORM
      // would rebuild the indexes over those columns to change it.
      /"(created|updated|received|sent|published|next_attempt|accepted|reviewed|resolved|due|merged|unmerged|acknowledged|personal_data_erased|receipt|customer_wrote|expires|used|ended)_at"|"(accept|review|resolve)_by"|"at"/,
      /DROP INDEX "public"\."(ix_chat_lines_conversation|ix_outbox_unpublished|ix_notices_pending|ix_notices_route|ix_complaint_history_complaint|ix_sla_alerts_open|uq_sla_alerts_once|ix_callback_attempts_complaint|ix_audit_log_at|ix_agent_commands_sender|ix_staff_notifications_recipient|ix_staff_notifications_pending)"/,
      // Foreign keys guard integrity in Postgres; the entities do not model relations.
      /DROP CONSTRAINT "[a-z_]+_fkey"/,
    ];
    const drift = pending.upQueries
      .map((query) => query.query)
      .filter((sql) => !onPurpose.some((pattern) => pattern.test(sql)));
    expect(drift).toEqual([]);
  });

  it('each restore with down() the schema from before their up(), and up() again gives the same schema', async () => {
    const fresh = await createTestDatabase(parts.postgresUrl);
    // One data source per level, each knowing the migrations up to it.
    const levels = await Promise.all(
      MIGRATIONS.map((_, i) =>
        new DataSource({
          ...dataSourceOptions({ kind: 'postgres', url: fresh.url, migrateOnBoot: true, poolSize: 1 }),
          migrations: MIGRATIONS.slice(0, i + 1),
        }).initialize(),
      ),
    );
    try {
      const schemas: unknown[][] = [await schemaOf(levels[0]!)];
      for (const level of levels) {
        await level.runMigrations({ transaction: 'each' });
        schemas.push(await schemaOf(level));
      }
      for (let i = levels.length - 1; i >= 0; i -= 1) {
        const level = levels[i]!;
        const name = new MIGRATIONS[i]!().name;
        await level.undoLastMigration({ transaction: 'each' });
        expect({ name, schema: await schemaOf(level) }).toEqual({ name, schema: schemas[i] });
        await level.runMigrations({ transaction: 'each' });
        expect({ name, schema: await schemaOf(level) }).toEqual({ name, schema: schemas[i + 1] });
        await level.undoLastMigration({ transaction: 'each' });
      }
      expect(schemas[0]).toEqual([]);
    } finally {
      for (const level of levels) await level.destroy();
      await fresh.drop();
    }
  });
});
