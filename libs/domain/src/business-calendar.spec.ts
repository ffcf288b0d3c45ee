import { BusinessCalendar } from './business-calendar';
import { calendarDays, holidaysFor, type HolidayOverrides, parseHolidayOverrides } from './calendar';

const baku = new BusinessCalendar({ timeZone: 'Asia/Baku', weekendDays: [6, 7] });

describe('BusinessCalendar without holidays', () => {
  it('gives a Monday arrival until the end of Thursday, Baku time', () => {
    const deadline = baku.deadline(new Date('2026-11-23T06:00:00Z'), 3); // Mon 10:00 Baku
    expect(deadline.toISOString()).toBe('2026-11-26T19:59:59.999Z'); // Thu 23:59:59.999 (+04:00)
  });

  it('skips the weekend: a Friday arrival runs until Wednesday', () => {
    const deadline = baku.deadline(new Date('2026-11-27T11:00:00Z'), 3); // Fri 15:00 Baku
    expect(baku.localDate(deadline)).toBe('2026-12-02');
  });

  it('treats an arrival on Saturday like one on Friday evening', () => {
    const deadline = baku.deadline(new Date('2026-11-28T09:00:00Z'), 3);
    expect(baku.localDate(deadline)).toBe('2026-12-02');
  });

  it('counts the day in the company zone, not in UTC', () => {
    // 21:30 UTC on Friday is already Saturday 01:30 in Baku.
    const lateFridayUtc = new Date('2026-11-27T21:30:00Z');
    expect(baku.localDate(lateFridayUtc)).toBe('2026-11-28');
    expect(baku.localDate(baku.deadline(lateFridayUtc, 1))).toBe('2026-11-30');
  });

  it('adds ten business days across two weekends', () => {
    expect(baku.localDate(baku.deadline(new Date('2026-11-23T06:00:00Z'), 10))).toBe('2026-12-07');
  });

  it('honours extra days off and another week', () => {
    const custom = new BusinessCalendar({
      timeZone: 'Europe/Berlin',
      weekendDays: [5, 6],
      holidays: new Set(['2026-11-24']),
    });
    expect(custom.isBusinessDay('2026-11-24')).toBe(false);
    expect(custom.isBusinessDay('2026-11-27')).toBe(false); // Friday off in this week
    expect(custom.localDate(custom.deadline(new Date('2026-11-23T10:00:00Z'), 2))).toBe('2026-11-26');
  });

  it('refuses nonsense', () => {
    expect(() => baku.deadline(new Date(), 0)).toThrow(RangeError);
    expect(() => new BusinessCalendar({ timeZone: 'Mars/Olympus', weekendDays: [] })).toThrow(/time zone/);
  });

  it('works a weekend day a decree made a working day', () => {
    const decree = new BusinessCalendar({ timeZone: 'Asia/Baku', weekendDays: [6, 7], workdays: new Set(['2026-11-28']) });
    expect(decree.isBusinessDay('2026-11-28')).toBe(true);
    // Friday arrival: Saturday (worked), Monday, Tuesday.
    expect(decree.localDate(decree.deadline(new Date('2026-11-27T11:00:00Z'), 3))).toBe('2026-12-01');
  });
});

/** Azerbaijan's calendar as the product builds it: date-holidays' AZ list, corrected, transferred. */
function azerbaijan(overrides?: HolidayOverrides): BusinessCalendar {
  const days = calendarDays({ from: 2026, to: 2028 }, overrides);
  return new BusinessCalendar({ timeZone: 'Asia/Baku', weekendDays: [6, 7], holidays: days.daysOff, workdays: days.workdays });
}

/** An arrival at 10:00 Baku time on a local date. */
const bakuMorning = (isoDate: string): Date => new Date(`${isoDate}T06:00:00Z`);

describe('BusinessCalendar on the Azerbaijani calendar (date-holidays 3.37, AZ)', () => {
  const az = azerbaijan();

  it('takes the five days of Novruz off, and the two of them on a weekend on the following days (2027)', () => {
    // 2027: Novruz Sat 20 - Wed 24 March; Sat 20 and Sun 21 move to Thu 25 and Fri 26.
    for (const date of ['2027-03-22', '2027-03-23', '2027-03-24', '2027-03-25', '2027-03-26']) {
      expect(az.isBusinessDay(date)).toBe(false);
    }
    expect(az.isBusinessDay('2027-03-29')).toBe(true);
    // Friday 19 March: nothing is worked until Monday 29 March.
    expect(az.localDate(az.deadline(bakuMorning('2027-03-19'), 3))).toBe('2027-03-31');
  });

  it('gives the next working day off for a holiday on a Saturday (Armed Forces Day, Saturday 26 June 2027)', () => {
    expect(az.isBusinessDay('2027-06-28')).toBe(false);
    // Friday 25 June: Monday 28 is off, so Tuesday, Wednesday, Thursday.
    expect(az.localDate(az.deadline(bakuMorning('2027-06-25'), 3))).toBe('2027-07-01');
  });

  it('counts across New Year: 31 December, 1-2 January, the weekend and the Monday that 2 January moves to', () => {
    // Tue 29 Dec 2026 → Wed 30 (1); Thu 31 Solidarity Day, Fri 1 and Sat 2 New Year, Sun 3,
    // Mon 4 (Saturday's New Year day moved) are off; Tue 5 Jan 2027 (2) … Fri 15 Jan (10).
    const arrival = bakuMorning('2026-12-29');
    expect(az.localDate(az.deadline(arrival, 3))).toBe('2027-01-06');
    expect(az.deadline(arrival, 10).toISOString()).toBe('2027-01-15T19:59:59.999Z');
  });

  it('moves both New Year days of a weekend into the new year (1-2 January 2028 → 3-4 January)', () => {
    // Thu 30 Dec 2027: Fri 31 Solidarity Day, the weekend, Mon 3 and Tue 4 January off.
    expect(az.localDate(az.deadline(bakuMorning('2027-12-30'), 1))).toBe('2028-01-05');
  });

  it('follows a decree in the operator file that moves a working day to bridge two days off', () => {
    // An illustrative decree (not a real one): Saturday 14 November 2026 is worked and Monday
    // 16 November is off instead, between the weekend and National Revival Day, Tue 17 November.
    const decree = parseHolidayOverrides(
      JSON.stringify({ add: [{ date: '2026-11-16', name: 'Decree: day off moved from Saturday 14 November' }], workdays: ['2026-11-14'] }),
    );
    const withDecree = azerbaijan(decree);
    expect([withDecree.isBusinessDay('2026-11-14'), withDecree.isBusinessDay('2026-11-16')]).toEqual([true, false]);
    // Wed 11 November; Thu 12 is Constitution Day. Without the decree: Fri 13, Mon 16.
    expect(az.localDate(az.deadline(bakuMorning('2026-11-11'), 2))).toBe('2026-11-16');
    expect(withDecree.localDate(withDecree.deadline(bakuMorning('2026-11-11'), 2))).toBe('2026-11-14');
    expect(withDecree.localDate(withDecree.deadline(bakuMorning('2026-11-11'), 3))).toBe('2026-11-18');
  });

  it('follows a decree that moves a computed day off to another date', () => {
    // Illustrative: the Novruz day the transfer rule puts on Mon 30 March 2026 moved to Tue 31.
    const decree = parseHolidayOverrides(
      JSON.stringify({ remove: ['2026-03-30'], add: [{ date: '2026-03-31', name: 'Decree: Novruz day moved to 31 March' }] }),
    );
    // Friday 27 March 2026 is itself a transferred day off.
    expect(az.localDate(az.deadline(bakuMorning('2026-03-27'), 1))).toBe('2026-03-31');
    const withDecree = azerbaijan(decree);
    expect(withDecree.localDate(withDecree.deadline(bakuMorning('2026-03-27'), 1))).toBe('2026-03-30');
    expect(withDecree.localDate(withDecree.deadline(bakuMorning('2026-03-27'), 2))).toBe('2026-04-01');
  });
});

describe('BusinessCalendar in another time zone (Europe/Berlin, country DE)', () => {
  const germany = (): BusinessCalendar => {
    const days = calendarDays({ from: 2026, to: 2027 }, undefined, (year, overrides) => holidaysFor('DE', year, { overrides }));
    return new BusinessCalendar({ timeZone: 'Europe/Berlin', weekendDays: [6, 7], holidays: days.daysOff, workdays: days.workdays });
  };
  const berlin = germany();

  it('ends a deadline at the end of the local day, in summer time (+02:00)', () => {
    // Thu 2 April 2026, 10:00 Berlin; Good Friday 3 April and Easter Monday 6 April are off.
    const deadline = berlin.deadline(new Date('2026-04-02T08:00:00Z'), 3);
    expect(deadline.toISOString()).toBe('2026-04-09T21:59:59.999Z'); // Thu 9 April 23:59:59.999 CEST
  });

  it('counts the arrival on the local date, and ends the deadline in winter time after the clocks change', () => {
    // 22:30 UTC on Friday 23 October 2026 is already Saturday 00:30 in Berlin; summer time ends
    // on Sunday 25 October, so the deadline, Wednesday 28, ends at 23:59:59.999 +01:00.
    const lateFridayUtc = new Date('2026-10-23T22:30:00Z');
    expect(berlin.localDate(lateFridayUtc)).toBe('2026-10-24');
    expect(berlin.deadline(lateFridayUtc, 3).toISOString()).toBe('2026-10-28T22:59:59.999Z');
  });

  it('does not apply the Azerbaijani transfer rule: German Unity Day on Saturday 3 October 2026 gives no Monday off', () => {
    expect(berlin.isBusinessDay('2026-10-05')).toBe(true);
    expect(berlin.localDate(berlin.deadline(new Date('2026-10-02T08:00:00Z'), 1))).toBe('2026-10-05');
  });
});

describe('BusinessCalendar across the local days it has met', () => {
  it('gives an instant the local day it is on, also around midnight on the day the clocks go back', () => {
    const calendar = new BusinessCalendar({ timeZone: 'Europe/Berlin', weekendDays: [6, 7] });
    // Sunday 25 October 2026 is 25 hours long in Berlin: 24 Oct 22:00 UTC to 25 Oct 23:00 UTC.
    const instants: [string, string][] = [
      ['2026-10-25T12:00:00Z', '2026-10-25'],
      ['2026-10-24T21:59:59.999Z', '2026-10-24'],
      ['2026-10-24T22:00:00Z', '2026-10-25'],
      ['2026-10-25T22:59:59.999Z', '2026-10-25'],
      ['2026-10-25T23:00:00Z', '2026-10-26'],
      ['2026-10-25T12:00:00Z', '2026-10-25'],
    ];
    for (const [instant, day] of instants) expect([instant, calendar.localDate(new Date(instant))]).toEqual([instant, day]);
  });

  it('gives the next day its own deadline right after a deadline of the day before', () => {
    const calendar = new BusinessCalendar({ timeZone: 'Asia/Baku', weekendDays: [6, 7] });
    expect(calendar.localDate(calendar.deadline(new Date('2026-11-23T19:59:59.999Z'), 1))).toBe('2026-11-24'); // Mon 23:59 Baku
    expect(calendar.localDate(calendar.deadline(new Date('2026-11-23T20:00:00Z'), 1))).toBe('2026-11-25'); // Tue 00:00 Baku
    expect(calendar.localDate(calendar.deadline(new Date('2026-11-23T19:00:00Z'), 1))).toBe('2026-11-24');
  });
});
