import { BusinessCalendar } from './business-calendar';
import { businessTimeLeft } from './business-time-left';
import { calendarDays } from './calendar';

const baku = new BusinessCalendar({ timeZone: 'Asia/Baku', weekendDays: [6, 7] });
/** Azerbaijan's calendar as core builds it (date-holidays' AZ list, corrected, transferred). */
const days = calendarDays({ from: 2026, to: 2028 });
const az = new BusinessCalendar({ timeZone: 'Asia/Baku', weekendDays: [6, 7], holidays: days.daysOff, workdays: days.workdays });

/** A local time in Baku (+04:00 all year). */
const bakuTime = (local: string): Date => new Date(`${local}+04:00`);
const HOUR = 3_600_000;

describe('business time left to a deadline', () => {
  it('counts the rest of today and each business day up to the deadline’s, to the minute', () => {
    // Monday 10:00; accepted within 3 business days: by the end of Thursday.
    const now = bakuTime('2026-11-23T10:00:00');
    expect(businessTimeLeft(baku, baku.deadline(now, 3), now)).toEqual({ overdue: false, days: 3, hours: 14, minutes: 0 });
    expect(businessTimeLeft(baku, baku.deadline(now, 3), bakuTime('2026-11-26T22:30:00'))).toEqual({ overdue: false, days: 0, hours: 1, minutes: 30 });
  });

  it('leaves the weekend out: Friday afternoon to the end of Wednesday is three days and nine hours, not five', () => {
    const friday = bakuTime('2026-11-27T15:00:00');
    const wednesday = baku.deadline(friday, 3);
    expect(baku.localDate(wednesday)).toBe('2026-12-02');
    expect(businessTimeLeft(baku, wednesday, friday)).toEqual({ overdue: false, days: 3, hours: 9, minutes: 0 });
    // On Saturday and on Sunday the same three whole days are left.
    expect(businessTimeLeft(baku, wednesday, bakuTime('2026-11-28T10:00:00'))).toEqual({ overdue: false, days: 3, hours: 0, minutes: 0 });
    expect(businessTimeLeft(baku, wednesday, bakuTime('2026-11-29T23:00:00'))).toEqual({ overdue: false, days: 3, hours: 0, minutes: 0 });
  });

  it('leaves public holidays out: New Year in Azerbaijan, 31 December to 4 January', () => {
    // Wednesday 30 December 2026, noon: Thu 31 (Solidarity Day), Fri 1 and Sat 2 (New Year),
    // Sun 3 and Mon 4 (Saturday's holiday moved) are off; three business days end on Thu 7 January.
    const now = bakuTime('2026-12-30T12:00:00');
    const acceptBy = az.deadline(now, 3);
    expect(az.localDate(acceptBy)).toBe('2027-01-07');
    expect(businessTimeLeft(az, acceptBy, now)).toEqual({ overdue: false, days: 3, hours: 12, minutes: 0 });
    // The calendar says eight days and a half.
    expect(Math.round((acceptBy.getTime() - now.getTime()) / HOUR)).toBe(8 * 24 + 12);
    // Over the holidays, no business time goes by.
    expect(businessTimeLeft(az, acceptBy, bakuTime('2027-01-01T09:00:00'))).toEqual({ overdue: false, days: 3, hours: 0, minutes: 0 });
    expect(businessTimeLeft(az, acceptBy, bakuTime('2027-01-04T18:00:00'))).toEqual({ overdue: false, days: 3, hours: 0, minutes: 0 });
  });

  it('leaves the five Novruz days and their moved days off out (March 2027)', () => {
    const friday = bakuTime('2027-03-19T12:00:00');
    const acceptBy = az.deadline(friday, 3);
    expect(az.localDate(acceptBy)).toBe('2027-03-31');
    expect(businessTimeLeft(az, acceptBy, friday)).toEqual({ overdue: false, days: 3, hours: 12, minutes: 0 });
  });

  it('counts a weekend day a decree made a working day', () => {
    const decree = new BusinessCalendar({ timeZone: 'Asia/Baku', weekendDays: [6, 7], workdays: new Set(['2026-11-28']) });
    const friday = bakuTime('2026-11-27T15:00:00');
    // Friday's nine hours, Saturday (worked), Monday and Tuesday.
    expect(businessTimeLeft(decree, decree.endOfDay('2026-12-01'), friday)).toEqual({ overdue: false, days: 3, hours: 9, minutes: 0 });
  });

  it('counts the business time since a deadline that has passed', () => {
    const thursday = baku.endOfDay('2026-11-26');
    // Monday 10:00: all of Friday and ten hours of Monday; the weekend adds nothing.
    expect(businessTimeLeft(baku, thursday, bakuTime('2026-11-30T10:00:00'))).toEqual({ overdue: true, days: 1, hours: 10, minutes: 0 });
    expect(businessTimeLeft(baku, thursday, bakuTime('2026-11-28T10:00:00'))).toEqual({ overdue: true, days: 1, hours: 0, minutes: 0 });
    // Passed on Friday at midnight, read on Saturday: overdue, with no business time since.
    expect(businessTimeLeft(baku, baku.endOfDay('2026-11-27'), bakuTime('2026-11-28T10:00:00'))).toEqual({ overdue: true, days: 0, hours: 0, minutes: 0 });
    // Across the New Year holidays: nine hours of Tuesday 5 January.
    expect(businessTimeLeft(az, az.endOfDay('2026-12-30'), bakuTime('2027-01-05T09:00:00'))).toEqual({ overdue: true, days: 0, hours: 9, minutes: 0 });
  });

  it('is not overdue at the very instant of the deadline', () => {
    const deadline = baku.endOfDay('2026-11-26');
    expect(businessTimeLeft(baku, deadline, deadline)).toEqual({ overdue: false, days: 0, hours: 0, minutes: 0 });
  });
});

describe('the business days of a period', () => {
  it('lists the working days from one date to another, both included, without weekends and holidays', () => {
    expect(az.businessDaysIn('2026-12-28', '2027-01-08')).toEqual(['2026-12-28', '2026-12-29', '2026-12-30', '2027-01-05', '2027-01-06', '2027-01-07', '2027-01-08']);
    expect(az.businessDaysIn('2027-03-20', '2027-03-28')).toEqual([]);
    expect(baku.businessDaysIn('2026-11-27', '2026-11-27')).toEqual(['2026-11-27']);
    expect(baku.businessDaysIn('2026-11-30', '2026-11-27')).toEqual([]);
  });

  it('includes a weekend day worked by decree', () => {
    const decree = new BusinessCalendar({ timeZone: 'Asia/Baku', weekendDays: [6, 7], workdays: new Set(['2026-11-28']) });
    expect(decree.businessDaysIn('2026-11-27', '2026-11-30')).toEqual(['2026-11-27', '2026-11-28', '2026-11-30']);
  });

  it('refuses what is not a date', () => {
    expect(() => baku.businessDaysIn('2026-02-30', '2026-03-02')).toThrow(RangeError);
    expect(() => baku.businessDaysIn('2026-11-1', '2026-11-30')).toThrow(RangeError);
  });
});
