import { azerbaijanHolidays } from './holiday-calendar';
import { type HolidayDay } from './holiday-day';
import { NO_OVERRIDES, type HolidayOverrides } from './holiday-overrides';
import { yearOf } from './iso-date';

/** What a business-day counter needs: extra days off, and weekend days that are working days. */
export interface CalendarDays {
  readonly daysOff: Set<string>;
  readonly workdays: Set<string>;
}

export interface YearRange {
  readonly from: number;
  readonly to: number;
}

/** Any yearly holiday source; `azerbaijanHolidays` by default, `holidaysFor` for other countries. */
export type HolidaySource = (year: number, overrides: HolidayOverrides) => readonly HolidayDay[];

/**
 * The days off and decree workdays of every year in the range (inclusive). A counter treats a
 * date in `workdays` as a working day even when it is a weekend day or also in `daysOff`.
 */
export function calendarDays(
  range: YearRange,
  overrides: HolidayOverrides = NO_OVERRIDES,
  holidaysOf: HolidaySource = azerbaijanHolidays,
): CalendarDays {
  if (!Number.isInteger(range.from) || !Number.isInteger(range.to) || range.from > range.to) {
    throw new RangeError(`bad year range: ${range.from}..${range.to}`);
  }
  const daysOff = new Set<string>();
  for (let year = range.from; year <= range.to; year += 1) {
    for (const day of holidaysOf(year, overrides)) daysOff.add(day.date);
  }
  const inRange = (date: string): boolean => yearOf(date) >= range.from && yearOf(date) <= range.to;
  return { daysOff, workdays: new Set(overrides.workdays.filter(inRange)) };
}
