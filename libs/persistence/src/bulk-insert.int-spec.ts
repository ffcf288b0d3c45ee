import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { complaintRow } from '../../../test/support/complaint-row';
import { createTestDatabase, type TestDatabase } from '../../../test/support/postgres';
import { describeWithRealParts } from '../../../test/support/real-parts';
import { bulkInsert } from './bulk-insert';
import { dataSourceOptions } from './data-source-options';
import { migrateWithLock } from './migrate';
import { ComplaintEntity, CustomerEntity, MessageEntity, OutboxEntity } from './entities';

/** Text that an array literal or a VALUES list could get wrong. */
const AWKWARD = ['say "hi", {then} \\ leave', 'NULL', '', 'line one\nline two\ttab', 'Ağ şəhər — 📦 ünvan', '\\"{}'];

function inboxRow(externalId: string): MessageEntity {
  return Object.assign(new MessageEntity(), {
    id: randomUUID(),
    channel: 'telegram',
    externalId,
    conversation: 'chat-1',
    status: 'attached',
    complaintId: null,
    text: `text of ${externalId}`,
    automated: false,
    receivedAt: new Date('2026-11-02T08:00:00.123Z'),
    raw: JSON.stringify({ externalId, quote: '"' }),
    correlationId: null,
    createdAt: new Date('2026-11-02T08:00:01.456Z'),
  });
}

/** What bulkInsert must do the same on both databases core runs on; gives the open database to further tests. */
function bulkInsertBehaviour(open: () => Promise<DataSource>): () => DataSource {
  let source: DataSource;

  beforeAll(async () => {
    source = await open();
  });
  afterAll(async () => {
    await source?.destroy();
  });

  it('stores every value as given: awkward text, JSON, instants to the millisecond, booleans and nulls', async () => {
    const rows = AWKWARD.map((text, i) =>
      complaintRow(`AWKW-ARD0-000${i}`, {
        essence: text,
        fullName: i % 2 === 0 ? text : null,
        callbackRequested: i % 2 === 1,
        missingDetails: [text, 'phone'],
        emailThread: { messageId: `<${text}@mail>`, references: [text] },
        lifecycle: i === 0 ? { pausedBusinessDays: 1, providedDetails: { essence: text } } : null,
        receivedAt: new Date(Date.UTC(2026, 10, 2, 8, 0, 0, i * 7)),
        revision: i,
        attention: null,
        forwardedBy: null,
        personalDataErasedAt: null,
      }),
    );
    const customers = rows.map((row, i) => Object.assign(new CustomerEntity(), { id: row.customerId, fullName: row.fullName, createdAt: new Date(Date.UTC(2026, 0, 1, 0, 0, 0, i)) }));
    expect(await bulkInsert(source.manager, CustomerEntity, customers)).toBe(rows.length);
    expect(await bulkInsert(source.manager, ComplaintEntity, rows)).toBe(rows.length);
    expect((await source.manager.find(CustomerEntity)).map((row) => ({ ...row }))).toEqual(expect.arrayContaining(customers.map((row) => ({ ...row }))));
    const stored = await source.manager.find(ComplaintEntity, { order: { reference: 'ASC' } });
    expect(stored.map((row) => ({ ...row }))).toEqual(rows.map((row) => ({ ...row })));
  });

  it('with ignoreConflicts, skips the rows already stored and says how many it wrote', async () => {
    expect(await bulkInsert(source.manager, MessageEntity, [inboxRow('m1'), inboxRow('m2')], { ignoreConflicts: true })).toBe(2);
    const again = [inboxRow('m2'), inboxRow('m3'), inboxRow('m3')];
    expect(await bulkInsert(source.manager, MessageEntity, again, { ignoreConflicts: true })).toBe(1);
    const stored = await source.manager.find(MessageEntity, { where: { channel: 'telegram' }, order: { externalId: 'ASC' } });
    expect(stored.map((row) => row.externalId)).toEqual(['m1', 'm2', 'm3']);
    expect(stored[1]).toEqual({ ...inboxRow('m2'), id: stored[1]?.id });
  });

  it('writes the rows in the order given, so generated ids follow it', async () => {
    const keys = ['c', 'a', 'd', 'b', 'e'];
    const rows = keys.map((key) =>
      Object.assign(new OutboxEntity(), { topic: 'topic', key, payload: `{"key":"${key}"}`, headers: { 'x-correlation-id': key }, createdAt: new Date(), publishedAt: null }),
    );
    await bulkInsert(source.manager, OutboxEntity, rows);
    const stored = await source.manager.find(OutboxEntity, { order: { id: 'ASC' } });
    expect(stored.map((row) => [row.key, row.headers])).toEqual(keys.map((key) => [key, { 'x-correlation-id': key }]));
  });
  return () => source;
}

describe('bulkInsert on SQLite', () => {
  bulkInsertBehaviour(() => new DataSource(dataSourceOptions({ kind: 'sqlite', file: ':memory:' })).initialize());
});

describeWithRealParts('bulkInsert on Postgres', (parts) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase(parts.postgresUrl);
  });
  afterAll(async () => {
    await db?.drop();
  });
  const source = bulkInsertBehaviour(async () => {
    const source = await new DataSource(dataSourceOptions({ kind: 'postgres', url: db.url, migrateOnBoot: true, poolSize: 2 })).initialize();
    await migrateWithLock(source);
    return source;
  });

  it('stores a lone UTF-16 surrogate as U+FFFD, as pg writes a text parameter', async () => {
    const row = Object.assign(inboxRow('lone-surrogate'), { channel: 'chat', text: 'Salam \ud83d, broken \udc00 twice' });
    await bulkInsert(source().manager, MessageEntity, [row]);
    const stored = await source().manager.findOneBy(MessageEntity, { id: row.id });
    expect(stored?.text).toBe('Salam \ufffd, broken \ufffd twice');
  });
});
