import { BusinessCalendar } from '@plaint/domain';
import type { ComplianceComplaintRow, DeadlineView } from './compliance-complaints';
import { deadlinesKeptByWeek, isoWeekOf } from './deadlines-kept-by-week';

const baku = new BusinessCalendar({ timeZone: 'Asia/Baku', weekendDays: [6, 7] });
const localDate = (instant: Date) => baku.localDate(instant);

function row(accept: DeadlineView, review: DeadlineView | null, resolve: DeadlineView): ComplianceComplaintRow {
  return {
    reference: 'PLT-0001',
    channel: 'email',
    state: 'accepted',
    receivedAt: '2026-11-02T08:00:00.000Z',
    acceptedAt: null,
    reviewStartedAt: null,
    reviewedAt: null,
    resolvedAt: null,
    endedAt: null,
    accept,
    review,
    resolve,
    originalResolve: resolve,
    outcome: 'pending',
    extensions: [],
    notices: [],
  };
}

describe('deadlinesKeptByWeek', () => {
  it('counts each deadline in the week of its due date, by kind and status, oldest week first', () => {
    const weeks = deadlinesKeptByWeek(
      [
        row({ by: '2026-11-05T19:59:59.999Z', status: 'met' }, { by: '2026-11-09T19:59:59.999Z', status: 'missed' }, { by: '2026-11-16T19:59:59.999Z', status: 'pending' }),
        row({ by: '2026-11-04T19:59:59.999Z', status: 'missed' }, null, { by: '2026-11-17T19:59:59.999Z', status: 'pending' }),
      ],
      localDate,
    );
    expect(weeks).toEqual([
      { week: '2026-11-02', isoWeek: '2026-W45', all: { met: 1, missed: 1, pending: 0 }, accept: { met: 1, missed: 1, pending: 0 }, review: { met: 0, missed: 0, pending: 0 }, resolve: { met: 0, missed: 0, pending: 0 } },
      { week: '2026-11-09', isoWeek: '2026-W46', all: { met: 0, missed: 1, pending: 0 }, accept: { met: 0, missed: 0, pending: 0 }, review: { met: 0, missed: 1, pending: 0 }, resolve: { met: 0, missed: 0, pending: 0 } },
      { week: '2026-11-16', isoWeek: '2026-W47', all: { met: 0, missed: 0, pending: 2 }, accept: { met: 0, missed: 0, pending: 0 }, review: { met: 0, missed: 0, pending: 0 }, resolve: { met: 0, missed: 0, pending: 2 } },
    ]);
  });

  it('puts a deadline in the week of its local day: Sunday 20:30 UTC is already Monday in Baku', () => {
    const weeks = deadlinesKeptByWeek([row({ by: '2026-11-08T20:30:00.000Z', status: 'met' }, null, { by: '2026-11-08T19:00:00.000Z', status: 'met' })], localDate);
    expect(weeks[0]).toMatchObject({ week: '2026-11-02', resolve: { met: 1 }, accept: { met: 0 } });
    expect(weeks[1]).toMatchObject({ week: '2026-11-09', accept: { met: 1 }, resolve: { met: 0 } });
  });

  it('leaves out deadlines the complaint no longer needed, and lists empty weeks between with zeros', () => {
    const weeks = deadlinesKeptByWeek(
      [row({ by: '2026-11-05T19:59:59.999Z', status: 'met' }, null, { by: '2026-11-16T19:59:59.999Z', status: 'none' }), row({ by: '2026-11-26T19:59:59.999Z', status: 'missed' }, null, { by: '2026-12-07T19:59:59.999Z', status: 'none' })],
      localDate,
    );
    expect(weeks.map((week) => week.week)).toEqual(['2026-11-02', '2026-11-09', '2026-11-16', '2026-11-23']);
    expect(weeks.map((week) => week.all)).toEqual([
      { met: 1, missed: 0, pending: 0 },
      { met: 0, missed: 0, pending: 0 },
      { met: 0, missed: 0, pending: 0 },
      { met: 0, missed: 1, pending: 0 },
    ]);
  });

  it('gives no weeks for no rows', () => {
    expect(deadlinesKeptByWeek([], localDate)).toEqual([]);
  });
});

describe('isoWeekOf', () => {
  it('numbers weeks as ISO 8601 does, the year of the week being that of its Thursday', () => {
    expect(isoWeekOf('2026-11-30')).toBe('2026-W49');
    expect(isoWeekOf('2026-12-28')).toBe('2026-W53');
    expect(isoWeekOf('2027-01-04')).toBe('2027-W01');
    expect(isoWeekOf('2024-12-30')).toBe('2025-W01');
  });
});
