import { DataSource } from 'typeorm';
import type { ComplaintEventV1 } from '@plaint/contracts';
import { dataSourceOptions, MessageEntity, OutboxEntity } from '@plaint/persistence';
import { complaintRow } from '../../../../test/support/complaint-row';
import { CoreStore } from '../store/core-store';
import { ComplaintJournal } from './complaint-journal';
import type { CustomerStep } from './complaint-step.event';

const ACCEPTED: CustomerStep = {
  type: 'complaint.accepted',
  deadlines: { reviewBy: '2026-11-09T19:59:59.999Z', resolveBy: '2026-11-16T19:59:59.999Z' },
};

describe('ComplaintJournal (SQLite): the staff view of a step', () => {
  let dataSource: DataSource;
  let store: CoreStore;
  const journal = new ComplaintJournal();

  beforeEach(async () => {
    dataSource = new DataSource(dataSourceOptions({ kind: 'sqlite', file: ':memory:' }));
    await dataSource.initialize();
    store = new CoreStore(dataSource);
  });
  afterEach(async () => {
    await dataSource.destroy();
  });

  const message = (complaintId: string, externalId: string, text: string, receivedAt: string, automated = false) =>
    Object.assign(new MessageEntity(), {
      id: externalId,
      channel: 'web_form',
      externalId,
      conversation: 'conversation',
      status: 'attached',
      complaintId,
      text,
      automated,
      receivedAt: new Date(receivedAt),
      raw: '{}',
      correlationId: null,
      createdAt: new Date(receivedAt),
    });
  const stepEvents = async () =>
    (await dataSource.getRepository(OutboxEntity).find()).map((row) => JSON.parse(row.payload) as ComplaintEventV1);

  it('carries the customer’s latest written message, not the complaint’s first text, and when it came', async () => {
    const complaint = complaintRow('AAAA-BBBB-JRN1', { essence: 'The washing machine was not delivered.' });
    await store.reads().complaints.insert([complaint]);
    const followUp = `The courier came today, but the drum is dented. ${'More details. '.repeat(60)}`;
    await store.reads().inbox.store([
      message(complaint.id, 'first', 'The washing machine was not delivered.', '2026-11-02T08:00:00Z'),
      message(complaint.id, 'follow-up', followUp, '2026-11-03T09:30:00Z'),
      message(complaint.id, 'auto-reply', 'I am away until Monday.', '2026-11-03T10:00:00Z', true),
    ]);

    await store.transaction((session) =>
      journal.write(session, complaint, [{ actor: { kind: 'system' }, from: 'received', to: 'accepted', why: 'accepted', step: ACCEPTED }], new Date('2026-11-03T11:00:00Z')),
    );

    const [event] = await stepEvents();
    expect(event?.desk?.lastMessage).toMatch(/^The courier came today, but the drum is dented\./);
    expect(event?.desk?.lastMessage).toHaveLength(500);
    expect(event?.customerWroteAt).toBe('2026-11-03T09:30:00.000Z');
  });

  it('shows the complaint’s own text when the customer has no written message on it', async () => {
    const complaint = complaintRow('AAAA-BBBB-JRN2', { essence: 'Registered by phone: the fridge leaks.' });
    await store.reads().complaints.insert([complaint]);

    await store.transaction((session) =>
      journal.write(session, complaint, [{ actor: { kind: 'system' }, from: 'received', to: 'accepted', why: 'accepted', step: ACCEPTED }], new Date('2026-11-03T11:00:00Z')),
    );

    const [event] = await stepEvents();
    expect(event?.desk?.lastMessage).toBe('Registered by phone: the fridge leaks.');
    expect(event?.customerWroteAt).toBeUndefined();
  });
});
