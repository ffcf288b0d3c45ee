import { DateTime } from 'luxon';

/**
 * Local calendar dates as "YYYY-MM-DD" strings. Holidays are days, not instants, so all the
 * arithmetic here runs in UTC: no daylight-saving shift can ever move a date by one.
 */

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function parse(isoDate: string): DateTime {
  return DateTime.fromISO(isoDate, { zone: 'utc' });
}

/** True for a real calendar date in the strict "YYYY-MM-DD" form ("2026-02-30" is not). */
export function isIsoDate(value: string): boolean {
  return ISO_DATE.test(value) && parse(value).isValid;
}

/** The date `days` after `isoDate` (negative goes back). */
export function addDays(isoDate: string, days: number): string {
  const date = parse(isoDate);
  if (!date.isValid) throw new RangeError(`not a date: ${isoDate}`);
  return date.plus({ days }).toISODate() ?? '';
}

/** How many days from `from` to `to` (negative when `to` comes first). */
export function daysBetween(from: string, to: string): number {
  const [start, end] = [parse(from), parse(to)];
  if (!start.isValid || !end.isValid) throw new RangeError(`not a date: ${start.isValid ? to : from}`);
  return Math.round(end.diff(start, 'days').days);
}

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export function isoWeekday(isoDate: string): number {
  const date = parse(isoDate);
  if (!date.isValid) throw new RangeError(`not a date: ${isoDate}`);
  return date.weekday;
}

/** The calendar year of an ISO date. */
export function yearOf(isoDate: string): number {
  return Number(isoDate.slice(0, 4));
}
