import { DataSource } from 'typeorm';
import { dataSourceOptions, MessageEntity } from '@plaint/persistence';
import { complaintRow } from '../../../../test/support/complaint-row';
import { StaleComplaint } from './complaint-repository';
import { parseComplaintSearch } from './complaint-search';
import { CoreStore } from './core-store';

// acceptBy of complaintRow: the end of Thursday 5 November 2026 in Baku.
const ACCEPT_BY = new Date('2026-11-05T19:59:59.999Z');

describe('ComplaintRepository (SQLite)', () => {
  let dataSource: DataSource;
  let store: CoreStore;

  beforeEach(async () => {
    dataSource = new DataSource(dataSourceOptions({ kind: 'sqlite', file: ':memory:' }));
    await dataSource.initialize();
    store = new CoreStore(dataSource);
  });
  afterEach(async () => {
    await dataSource.destroy();
  });

  it('counts a deadline falling exactly on the asked instant as due, in the SLA clock and in the agent list alike', async () => {
    const due = complaintRow('AAAA-BBBB-CCC1');
    const waiting = complaintRow('AAAA-BBBB-CCC2', { state: 'waiting_for_customer' });
    const later = complaintRow('AAAA-BBBB-CCC3', { acceptBy: new Date(ACCEPT_BY.getTime() + 1), resolveBy: new Date('2026-11-20T19:59:59.999Z') });
    await store.reads().complaints.insert([due, waiting, later]);
    const complaints = store.reads().complaints;
    expect((await complaints.findDeadlinesDueBy(ACCEPT_BY, 0, 10)).map((c) => c.reference)).toEqual([due.reference]);
    const [listed, total] = await complaints.search({ deadlineDueBy: ACCEPT_BY, limit: 10, offset: 0 });
    expect({ references: listed.map((c) => c.reference), total }).toEqual({ references: [due.reference], total: 1 });
  });

  it('finds a complaint by the reference as a customer types it', async () => {
    const row = complaintRow('K7QM-4MXA-9ZZ1');
    await store.reads().complaints.insert([row]);
    expect((await store.reads().complaints.findByIdOrReference('k7qm4mxa9zz1'))?.id).toBe(row.id);
    expect((await store.reads().complaints.findByIdOrReference(row.id.toUpperCase()))?.reference).toBe(row.reference);
  });

  it('refuses to save over a change made since the row was read', async () => {
    const row = complaintRow('AAAA-BBBB-CCC4');
    await store.reads().complaints.insert([row]);
    const first = await store.reads().complaints.findById(row.id);
    const second = await store.reads().complaints.findById(row.id);
    first!.assigneeId = null;
    await store.reads().complaints.save(first!, new Date(), ['assigneeId']);
    await expect(store.reads().complaints.save(second!, new Date(), ['assigneeId'])).rejects.toBeInstanceOf(StaleComplaint);
  });

  it('runs a change again on fresh data when it met a concurrent one', async () => {
    const row = complaintRow('AAAA-BBBB-CCC5');
    await store.reads().complaints.insert([row]);
    const stale = await store.reads().complaints.findById(row.id);
    await store.reads().complaints.save((await store.reads().complaints.findById(row.id))!, new Date());
    let attempts = 0;
    const revision = await store.transactionRetryingStale(async (session) => {
      attempts += 1;
      const current = attempts === 1 ? stale! : (await session.complaints.findById(row.id))!;
      await session.complaints.save(current, new Date(), ['essence']);
      return current.revision;
    });
    expect({ attempts, revision }).toEqual({ attempts: 2, revision: 2 });
  });

  describe('the agent search', () => {
    const found = async (text: string): Promise<string[]> => {
      const [rows] = await store.reads().complaints.search({ search: parseComplaintSearch(text) ?? undefined, sort: 'oldest', limit: 10, offset: 0 });
      return rows.map((row) => row.reference);
    };

    beforeEach(async () => {
      const complaints = store.reads().complaints;
      const leak = complaintRow('K7QM-4MXA-9ZZ1', { fullName: 'Rəşad Məmmədov', phone: '050 123 45 67', essence: 'The washing machine leaks.' });
      const refund = complaintRow('K7QM-4MXA-9ZZ2', { fullName: 'Ольга Петрова', email: 'Olga@Example.az', essence: 'Возврат 100% не пришёл' });
      await complaints.insert([leak, refund]);
      const message = Object.assign(new MessageEntity(), {
        id: 'm1', channel: 'web_chat', externalId: 'm1', conversation: 'c', status: 'attached', complaintId: leak.id,
        text: 'Also the DRUM is dented', automated: false, receivedAt: new Date(), raw: '{}', correlationId: null, createdAt: new Date(),
      });
      await dataSource.manager.insert(MessageEntity, message);
    });

    it('finds by the reference without dashes, by the name in any case, by phone digits and by the words of a message', async () => {
      expect(await found('k7qm4mxa9zz2')).toEqual(['K7QM-4MXA-9ZZ2']);
      expect(await found('MƏMMƏDOV')).toEqual(['K7QM-4MXA-9ZZ1']);
      expect(await found('ольга')).toEqual(['K7QM-4MXA-9ZZ2']);
      expect(await found('0501234567')).toEqual(['K7QM-4MXA-9ZZ1']);
      expect(await found('drum dented')).toEqual(['K7QM-4MXA-9ZZ1']);
      expect(await found('drum refund')).toEqual([]);
      expect(await found('olga@example')).toEqual(['K7QM-4MXA-9ZZ2']);
    });

    it('takes % and _ in the text literally', async () => {
      expect(await found('100%')).toEqual(['K7QM-4MXA-9ZZ2']);
      expect(await found('%')).toEqual(['K7QM-4MXA-9ZZ2']);
      expect(await found('_')).toEqual([]);
    });
  });
});
