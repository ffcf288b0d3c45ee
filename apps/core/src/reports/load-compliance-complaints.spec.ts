import { randomUUID } from 'node:crypto';
import { DataSource, type Logger } from 'typeorm';
import { ComplaintEntity, ComplaintHistoryEntity, CustomerEntity, dataSourceOptions, NoticeEntity } from '@plaint/persistence';
import { complaintRow } from '../../../../test/support/complaint-row';
import { CoreStore } from '../store/core-store';
import { LoadComplianceComplaints } from './load-compliance-complaints';

const at = (iso: string): Date => new Date(iso);
const period = { from: at('2026-11-01T00:00:00Z'), to: at('2026-12-01T00:00:00Z') };
const customerId = randomUUID();

function historyLine(complaintId: string, changes: Partial<ComplaintHistoryEntity>): ComplaintHistoryEntity {
  return Object.assign(new ComplaintHistoryEntity(), {
    id: randomUUID(),
    complaintId,
    at: at('2026-11-10T09:00:00Z'),
    actorKind: 'agent',
    actorId: null,
    fromState: 'in_review',
    toState: 'in_review',
    why: 'a step',
    step: null,
    details: null,
    ...changes,
  });
}

function notice(complaintId: string, eventType: string, changes: Partial<NoticeEntity> = {}): NoticeEntity {
  return Object.assign(new NoticeEntity(), {
    id: randomUUID(),
    eventId: randomUUID(),
    complaintId,
    reference: 'AZ-0001',
    eventType,
    channel: 'email',
    recipient: 'customer@example.az',
    language: 'az',
    text: 'Dear customer',
    status: 'sent',
    statusReason: null,
    attempts: 1,
    createdAt: at('2026-11-03T08:00:00Z'),
    sentAt: at('2026-11-03T08:00:02Z'),
    nextAttemptAt: null,
    messageId: null,
    emailThread: null,
    route: 'email',
    alternatives: null,
    receipt: null,
    receiptAt: null,
    customerWroteAt: null,
    expiresAt: null,
    traceParent: null,
    ...changes,
  });
}

// The same portable calls run on Postgres in production; here on SQLite, the one-process store.
describe('LoadComplianceComplaints (SQLite)', () => {
  let dataSource: DataSource;
  let queries = 0;
  const counting: Logger = {
    logQuery: (query) => {
      if (/^\s*SELECT/i.test(query)) queries += 1;
    },
    logQueryError: () => undefined,
    logQuerySlow: () => undefined,
    logSchemaBuild: () => undefined,
    logMigration: () => undefined,
    log: () => undefined,
  };

  beforeAll(async () => {
    dataSource = new DataSource({ ...dataSourceOptions({ kind: 'sqlite', file: ':memory:' }), logging: ['query'], logger: counting });
    await dataSource.initialize();
    await dataSource.getRepository(CustomerEntity).insert({ id: customerId, fullName: null, createdAt: at('2026-10-01T00:00:00Z') });
  });

  afterAll(async () => {
    await dataSource.destroy();
  });

  async function load() {
    queries = 0;
    const trails = await new LoadComplianceComplaints(new CoreStore(dataSource)).execute(period);
    return { trails, queries };
  }

  it('reads the period’s complaints with their extensions, ending and notices, and nothing of other periods', async () => {
    const extended = complaintRow('AZ-0002', {
      customerId,
      state: 'resolved',
      acceptedAt: at('2026-11-03T08:00:00Z'),
      reviewBy: at('2026-11-06T19:59:59.999Z'),
      reviewedAt: at('2026-11-05T15:00:00Z'),
      resolveBy: at('2026-11-23T19:59:59.999Z'),
      resolvedAt: at('2026-11-20T10:00:00Z'),
      lifecycle: { pausedBusinessDays: 0, providedDetails: {}, reviewStartedAt: '2026-11-04T08:00:00.000Z' },
    });
    const withdrawn = complaintRow('AZ-0001', { customerId, state: 'withdrawn', receivedAt: period.from });
    const before = complaintRow('AZ-0000', { customerId, receivedAt: at('2026-10-31T23:59:59.999Z') });
    for (const row of [extended, withdrawn, before]) await dataSource.getRepository(ComplaintEntity).insert(row);
    const lines = [
      historyLine(extended.id, {
        step: 'complaint.extended',
        at: at('2026-11-12T09:00:00Z'),
        details: { reason: 'supplier', previousResolveBy: '2026-11-16T19:59:59.999Z', resolveBy: '2026-11-23T19:59:59.999Z' },
      }),
      historyLine(extended.id, { step: 'complaint.resolved', toState: 'resolved', at: at('2026-11-20T10:00:00Z'), details: { outcome: 'replaced' } }),
      historyLine(withdrawn.id, { fromState: 'received', toState: 'withdrawn', at: at('2026-11-02T09:00:00Z') }),
      historyLine(before.id, { step: 'complaint.extended', details: { reason: 'other period', previousResolveBy: '2026-11-16T19:59:59.999Z', resolveBy: '2026-11-23T19:59:59.999Z' } }),
    ];
    for (const line of lines) await dataSource.getRepository(ComplaintHistoryEntity).insert(line);
    const notices = [
      notice(extended.id, 'complaint.accepted'),
      notice(extended.id, 'complaint.extended', { createdAt: at('2026-11-12T09:00:00Z'), status: 'failed', sentAt: null, route: 'whatsapp', channel: 'whatsapp' }),
      notice(before.id, 'complaint.accepted'),
    ];
    for (const row of notices) await dataSource.getRepository(NoticeEntity).insert(row);

    const { trails } = await load();

    expect(trails.map((trail) => trail.reference)).toEqual(['AZ-0001', 'AZ-0002']);
    expect(trails[0]).toMatchObject({ state: 'withdrawn', reviewedAt: null, endedAt: at('2026-11-02T09:00:00Z'), extensions: [], notices: [] });
    expect(trails[1]).toMatchObject({
      reviewBy: at('2026-11-06T19:59:59.999Z'),
      reviewStartedAt: at('2026-11-04T08:00:00Z'),
      reviewedAt: at('2026-11-05T15:00:00Z'),
      originalResolveBy: at('2026-11-16T19:59:59.999Z'),
      resolveBy: at('2026-11-23T19:59:59.999Z'),
      endedAt: null,
      extensions: [{ at: at('2026-11-12T09:00:00Z'), reason: 'supplier', previousDate: at('2026-11-16T19:59:59.999Z'), newDate: at('2026-11-23T19:59:59.999Z') }],
    });
    expect(trails[1]?.notices).toEqual([
      { event: 'complaint.accepted', channel: 'email', route: 'email', status: 'sent', createdAt: at('2026-11-03T08:00:00Z'), sentAt: at('2026-11-03T08:00:02Z'), receipt: null },
      { event: 'complaint.extended', channel: 'whatsapp', route: 'whatsapp', status: 'failed', createdAt: at('2026-11-12T09:00:00Z'), sentAt: null, receipt: null },
    ]);
  });

  it('reads a period of many complaints in as many queries as one of two', async () => {
    const { queries: withTwo } = await load();
    for (let i = 10; i < 30; i += 1) {
      const row = complaintRow(`AZ-00${String(i)}`, { customerId, receivedAt: at(`2026-11-${String(i - 5).padStart(2, '0')}T08:00:00Z`) });
      await dataSource.getRepository(ComplaintEntity).insert(row);
      await dataSource.getRepository(NoticeEntity).insert(notice(row.id, 'complaint.received'));
      await dataSource.getRepository(ComplaintHistoryEntity).insert(historyLine(row.id, { toState: 'rejected', step: 'complaint.rejected' }));
    }
    const { trails, queries: withMany } = await load();
    expect(trails).toHaveLength(22);
    expect(withTwo).toBe(3);
    expect(withMany).toBe(withTwo);
  });
});
