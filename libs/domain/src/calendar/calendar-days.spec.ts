import { calendarDays } from './calendar-days';
import { holidaysFor } from './holiday-calendar';
import { parseHolidayOverrides } from './holiday-overrides';

describe('calendarDays', () => {
  const overrides = parseHolidayOverrides(
    JSON.stringify({
      add: [{ date: '2026-01-05', name: 'Decree 123: bridge day' }],
      remove: ['2026-03-25'],
      workdays: ['2026-01-10', '2030-01-05'],
    }),
  );

  it('collects days off over the range, with the decree applied', () => {
    const { daysOff } = calendarDays({ from: 2026, to: 2027 }, overrides);
    expect(daysOff.has('2026-01-05')).toBe(true); // added by decree
    expect(daysOff.has('2026-03-25')).toBe(false); // removed by decree
    expect(daysOff.has('2026-03-24')).toBe(true); // Novruz
    expect(daysOff.has('2027-06-28')).toBe(true); // transfer in the second year
  });

  it('makes a Saturday a workday by decree, within the range only', () => {
    expect([...calendarDays({ from: 2026, to: 2027 }, overrides).workdays]).toEqual(['2026-01-10']);
  });

  it('takes another country as its source', () => {
    const { daysOff } = calendarDays({ from: 2026, to: 2026 }, undefined, (year, o) => holidaysFor('TR', year, { overrides: o }));
    expect(daysOff.has('2026-04-23')).toBe(true); // National Sovereignty and Children's Day
    expect(daysOff.has('2026-10-29')).toBe(true); // Republic Day
  });

  it('rejects an inverted range', () => {
    expect(() => calendarDays({ from: 2027, to: 2026 })).toThrow(RangeError);
  });
});
