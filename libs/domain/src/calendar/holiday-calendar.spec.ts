import { azerbaijanHolidays, holidaysFor } from './holiday-calendar';
import { parseHolidayOverrides } from './holiday-overrides';

const datesOf = (year: number): Set<string> => new Set(azerbaijanHolidays(year).map((day) => day.date));
const namesOn = (year: number, date: string): string[] =>
  azerbaijanHolidays(year)
    .filter((day) => day.date === date)
    .map((day) => day.name);

describe('azerbaijanHolidays', () => {
  it.each([2026, 2027])('gives Novruz five days, 20-24 March %i (date-holidays gives one)', (year) => {
    const novruz = azerbaijanHolidays(year).filter((day) => day.name === 'Novruz' && day.kind === 'public');
    expect(novruz.map((day) => day.date)).toEqual([20, 21, 22, 23, 24].map((d) => `${year}-03-${d}`));
  });

  it('gives New Year on 1 and 2 January', () => {
    expect(namesOn(2026, '2026-01-01')).toEqual(['Yeni il']);
    expect(namesOn(2026, '2026-01-02')).toEqual(['Yeni il']);
  });

  it('moves a Saturday holiday to the next Monday (Victory Day, Saturday 9 May 2026)', () => {
    expect(namesOn(2026, '2026-05-11')).toEqual(['Faşizm üzərində qələbə günü (transferred from 2026-05-09)']);
    // Armed Forces Day, Saturday 26 June 2027, the same way.
    expect(datesOf(2027).has('2027-06-28')).toBe(true);
  });

  it('moves a Sunday holiday to the Monday (Independence Restoration Day, 18 October 2026)', () => {
    expect(datesOf(2026).has('2026-10-19')).toBe(true);
  });

  it('gives Ramazan and Gurban two days each', () => {
    const feast = (year: number, name: string): string[] =>
      azerbaijanHolidays(year)
        .filter((day) => day.name === name)
        .map((day) => day.date);
    expect(feast(2027, 'Ramazan Bayramı')).toEqual(['2027-03-09', '2027-03-10']);
    expect(feast(2026, 'Qurban Bayramı')).toEqual(['2026-05-27', '2026-05-28']);
  });

  it('gives one extra day when two holidays share a working day (Gurban and Independence Day, 28 May 2026)', () => {
    expect(namesOn(2026, '2026-05-28').sort()).toEqual(['Qurban Bayramı', 'Respublika günü']);
    expect(namesOn(2026, '2026-05-29')).toEqual(['Respublika günü (transferred from 2026-05-28)']);
  });

  it('moves transfers past other holidays when Ramazan collides with Novruz (March 2026)', () => {
    // Fri 20: Novruz + Ramazan; Sat 21: Novruz + Ramazan; Sun 22: Novruz; Mon 23, Tue 24: Novruz.
    // Four displaced days skip Novruz's 23-24 and the weekend of 28-29 March.
    const transfers = azerbaijanHolidays(2026)
      .filter((day) => day.kind === 'transfer' && day.date >= '2026-03-20' && day.date <= '2026-03-31')
      .map((day) => day.date);
    expect(transfers).toEqual(['2026-03-25', '2026-03-26', '2026-03-27', '2026-03-30']);
    expect(datesOf(2026).has('2026-03-28')).toBe(false);
  });

  it('moves the weekend days of Novruz past its last day (Sat 20, Sun 21 March 2027 → Thu 25, Fri 26)', () => {
    const transfers = azerbaijanHolidays(2027).filter((day) => day.kind === 'transfer' && day.date.startsWith('2027-03'));
    expect(transfers.map((day) => [day.date, day.name])).toEqual([
      ['2027-03-25', 'Novruz (transferred from 2027-03-20)'],
      ['2027-03-26', 'Novruz (transferred from 2027-03-21)'],
    ]);
  });

  it('carries transfers across the turn of the year', () => {
    // New Year on Sat 1 and Sun 2 January 2028: Mon 3 and Tue 4 off.
    expect(namesOn(2028, '2028-01-03')).toEqual(['Yeni il (transferred from 2028-01-01)']);
    expect(namesOn(2028, '2028-01-04')).toEqual(['Yeni il (transferred from 2028-01-02)']);
    // Solidarity Day on Sun 31 December 2028 lands past New Year, on Wed 3 January 2029, and
    // belongs to 2029's list, not 2028's.
    expect(namesOn(2029, '2029-01-03')).toEqual(['Dünya azərbaycanlıların həmrəyliyi günü (transferred from 2028-12-31)']);
    expect(azerbaijanHolidays(2028).every((day) => day.date.startsWith('2028-'))).toBe(true);
  });

  it('leaves out Flag Day, which date-holidays marks public but the policy does not list', () => {
    expect(datesOf(2026).has('2026-11-09')).toBe(false);
  });

  it('applies decree overrides', () => {
    const overrides = parseHolidayOverrides(
      JSON.stringify({ add: [{ date: '2026-01-05', name: 'Decree 123: bridge day' }], remove: ['2026-03-30'] }),
    );
    const days = azerbaijanHolidays(2026, overrides);
    expect(days).toContainEqual({ date: '2026-01-05', name: 'Decree 123: bridge day', kind: 'decree' });
    expect(days.some((day) => day.date === '2026-03-30')).toBe(false);
  });

  it('rejects a year it cannot compute', () => {
    expect(() => azerbaijanHolidays(2026.5)).toThrow(RangeError);
  });
});

describe('holidaysFor', () => {
  it('works for another country through the same function (Germany 2026)', () => {
    const germany = holidaysFor('DE', 2026, { language: 'en' });
    expect(germany.map((day) => day.date)).toEqual(
      expect.arrayContaining(['2026-01-01', '2026-04-03', '2026-04-06', '2026-10-03', '2026-12-25', '2026-12-26']),
    );
    // Only public holidays: no observances, no state-only days without a state.
    expect(germany).toHaveLength(9);
  });

  it('takes only public holidays (Black January, 20 January, is an observance in AZ)', () => {
    expect(holidaysFor('AZ', 2026).some((day) => day.date === '2026-01-20')).toBe(false);
  });

  it('can drop date-holidays substitute days', () => {
    const withThem = holidaysFor('AZ', 2026).some((day) => day.kind === 'transfer');
    const without = holidaysFor('AZ', 2026, { substitutes: false }).some((day) => day.kind === 'transfer');
    expect([withThem, without]).toEqual([true, false]);
  });

  it('refuses a country date-holidays does not know instead of returning no holidays', () => {
    expect(() => holidaysFor('XX', 2026)).toThrow('date-holidays does not know country "XX"');
  });
});
