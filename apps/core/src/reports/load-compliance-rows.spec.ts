import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { ComplaintEntity, CustomerEntity, dataSourceOptions, SlaAlertEntity } from '@plaint/persistence';
import { complaintRow } from '../../../../test/support/complaint-row';
import { BusinessCalendar } from '@plaint/domain';
import { CoreStore } from '../store/core-store';
import { LoadComplianceRows, mondayOf } from './load-compliance-rows';

const at = (iso: string): Date => new Date(iso);
const period = { from: at('2026-11-01T00:00:00Z'), to: at('2026-12-01T00:00:00Z') };
const customerId = randomUUID();

function complaint(reference: string, changes: Partial<ComplaintEntity> = {}): ComplaintEntity {
  return complaintRow(reference, { customerId, channel: 'email', ...changes });
}

function alert(complaintId: string, kind: 'warning' | 'breach', deadline: string): SlaAlertEntity {
  return Object.assign(new SlaAlertEntity(), {
    id: randomUUID(),
    complaintId,
    deadline,
    dueAt: at('2026-11-16T19:59:59.999Z'),
    kind,
    audience: 'supervisors',
    agentId: null,
    createdAt: at('2026-11-17T08:00:00Z'),
    acknowledgedAt: null,
  });
}

// The same portable calls run on Postgres in production; here on SQLite, the one-process store.
describe('LoadComplianceRows (SQLite)', () => {
  let dataSource: DataSource;

  beforeAll(async () => {
    dataSource = new DataSource(dataSourceOptions({ kind: 'sqlite', file: ':memory:' }));
    await dataSource.initialize();
    // Postgres's schema has the foreign key; inserting the customer keeps the test portable.
    await dataSource.getRepository(CustomerEntity).insert({ id: customerId, fullName: null, createdAt: at('2026-10-01T00:00:00Z') });
  });

  afterAll(async () => {
    await dataSource.destroy();
  });

  it('reads the period’s complaints with their extension and breach alerts', async () => {
    const extended = complaint('AZ-0002', {
      state: 'resolved',
      acceptedAt: at('2026-11-03T08:00:00Z'),
      resolveBy: at('2026-11-23T19:59:59.999Z'),
      resolvedAt: at('2026-11-20T10:00:00Z'),
      rootCause: 'late delivery',
      lifecycle: {
        pausedBusinessDays: 0,
        providedDetails: {},
        extension: {
          reason: 'supplier',
          newDate: '2026-11-23T19:59:59.999Z',
          previousDate: '2026-11-16T19:59:59.999Z',
          at: '2026-11-12T09:00:00.000Z',
        },
      },
    });
    const plain = complaint('AZ-0001', { receivedAt: period.from, channel: 'telegram' });
    const merged = complaint('AZ-0003', { state: 'merged', mergedInto: 'AZ-0001', receivedAt: at('2026-11-30T23:59:59.999Z') });
    const before = complaint('AZ-0000', { receivedAt: at('2026-10-31T23:59:59.999Z') });
    const after = complaint('AZ-0004', { receivedAt: period.to });
    // One row per insert: TypeORM 1.1 on SQLite writes the ids of a multi-row insert back onto
    // the entities in another order, which would tie the alerts below to the wrong complaints.
    for (const row of [extended, plain, merged, before, after]) await dataSource.getRepository(ComplaintEntity).insert(row);
    const alerts = [
      alert(extended.id, 'breach', 'accept'),
      alert(extended.id, 'breach', 'resolve'),
      alert(plain.id, 'warning', 'accept'),
      alert(before.id, 'breach', 'accept'),
    ];
    for (const row of alerts) await dataSource.getRepository(SlaAlertEntity).insert(row);

    const rows = await new LoadComplianceRows(new CoreStore(dataSource), new BusinessCalendar({ timeZone: 'Asia/Baku', weekendDays: [6, 7] })).execute(period);

    expect(rows.map((row) => row.reference)).toEqual(['AZ-0001', 'AZ-0002', 'AZ-0003']);
    expect(rows[1]).toEqual({
      reference: 'AZ-0002',
      channel: 'email',
      receivedAt: at('2026-11-02T08:00:00Z'),
      acceptBy: at('2026-11-05T19:59:59.999Z'),
      acceptedAt: at('2026-11-03T08:00:00Z'),
      resolveBy: at('2026-11-23T19:59:59.999Z'),
      originalResolveBy: at('2026-11-16T19:59:59.999Z'),
      resolvedAt: at('2026-11-20T10:00:00Z'),
      extended: true,
      breached: true,
      rootCause: 'late delivery',
      state: 'resolved',
      receivedWeek: '2026-11-02',
    });
    // Not extended: the first deadline is the one in force. A warning is not a breach.
    expect(rows[0]).toMatchObject({ channel: 'telegram', extended: false, breached: false, originalResolveBy: plain.resolveBy });
    expect(rows[2]?.state).toBe('merged');
    // Sunday 1 November 00:00 UTC is 04:00 in Baku: still that Sunday, in the week of Monday 26 October.
    expect(rows[0]?.receivedWeek).toBe('2026-10-26');
  });
});

describe('mondayOf', () => {
  it('gives the Monday of the ISO week, across a month and a year end', () => {
    expect(mondayOf('2026-11-02')).toBe('2026-11-02');
    expect(mondayOf('2026-11-08')).toBe('2026-11-02');
    expect(mondayOf('2026-12-01')).toBe('2026-11-30');
    expect(mondayOf('2027-01-01')).toBe('2026-12-28');
  });
});
