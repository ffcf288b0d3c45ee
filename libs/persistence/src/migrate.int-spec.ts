import { DataSource } from 'typeorm';
import { createTestDatabase, queryDatabase, type TestDatabase } from '../../../test/support/postgres';
import { describeWithRealParts } from '../../../test/support/real-parts';
import { dataSourceOptions } from './data-source-options';
import { migrateWithLock } from './migrate';
import { MIGRATIONS } from './migrations';

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
      /"(created|updated|received|sent|published|next_attempt|accepted|resolved|due|merged|unmerged|acknowledged|personal_data_erased)_at"|"(accept|review|resolve)_by"|"at"/,
      /DROP INDEX "public"\."(ix_chat_lines_conversation|ix_outbox_unpublished|ix_notices_pending|ix_complaint_history_complaint|ix_sla_alerts_open|uq_sla_alerts_once|ix_callback_attempts_complaint|ix_audit_log_at)"/,
      // Foreign keys guard integrity in Postgres; the entities do not model relations.
      /DROP CONSTRAINT "[a-z_]+_fkey"/,
    ];
    const drift = pending.upQueries
      .map((query) => query.query)
      .filter((sql) => !onPurpose.some((pattern) => pattern.test(sql)));
    expect(drift).toEqual([]);
  });
});
