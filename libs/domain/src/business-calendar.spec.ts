import { BusinessCalendar } from './business-calendar';

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
