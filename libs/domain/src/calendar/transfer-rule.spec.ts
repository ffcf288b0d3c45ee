import { type HolidayDay } from './holiday-day';
import { isoWeekday } from './iso-date';
import { applyTransferRule } from './transfer-rule';

const weekend = (date: string): boolean => isoWeekday(date) >= 6;
const day = (date: string, name: string): HolidayDay => ({ date, name, kind: 'public' });

describe('applyTransferRule', () => {
  it('leaves a weekday holiday alone', () => {
    expect(applyTransferRule([day('2026-06-15', 'A')], weekend)).toEqual([day('2026-06-15', 'A')]);
  });

  it('moves a Sunday holiday past a Monday holiday and a taken Tuesday', () => {
    // Sun 4 Jan 2026: A and B; Mon 5: C. A and B both need a day: Tue 6, then Wed 7.
    const result = applyTransferRule([day('2026-01-04', 'A'), day('2026-01-04', 'B'), day('2026-01-05', 'C')], weekend);
    expect(result.filter((d) => d.kind === 'transfer')).toEqual([
      { date: '2026-01-06', name: 'A (transferred from 2026-01-04)', kind: 'transfer' },
      { date: '2026-01-07', name: 'B (transferred from 2026-01-04)', kind: 'transfer' },
    ]);
  });

  it('skips the weekend when a Friday collision transfers', () => {
    const result = applyTransferRule([day('2026-01-09', 'A'), day('2026-01-09', 'B')], weekend);
    expect(result.at(-1)).toEqual({ date: '2026-01-12', name: 'B (transferred from 2026-01-09)', kind: 'transfer' });
  });
});
