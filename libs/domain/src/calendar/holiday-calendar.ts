import Holidays from 'date-holidays';
import { correctAzerbaijanHolidays, type LibraryHoliday } from './azerbaijan-corrections';
import { byDate, type HolidayDay } from './holiday-day';
import { applyHolidayOverrides, NO_OVERRIDES, type HolidayOverrides } from './holiday-overrides';
import { isoWeekday, yearOf } from './iso-date';
import { applyTransferRule } from './transfer-rule';

export interface HolidaysForOptions {
  /** Subdivision (ISO 3166-2 suffix, e.g. 'BY' for Bavaria) where holidays differ by region. */
  readonly state?: string;
  readonly region?: string;
  /** ISO 639-1 language of the names; the country's own language when absent. */
  readonly language?: string;
  /** Keep date-holidays' own substitute days (default true). */
  readonly substitutes?: boolean;
  readonly overrides?: HolidayOverrides;
}

function assertYear(year: number): void {
  if (!Number.isInteger(year) || year < 1900 || year > 2200) throw new RangeError(`year out of range: ${year}`);
}

/** date-holidays' public holidays of a year, with their rules; other types are not days off. */
export function libraryHolidays(country: string, year: number, options: HolidaysForOptions = {}): LibraryHoliday[] {
  assertYear(year);
  // date-holidays returns an empty list for a country it does not know, which would quietly
  // make every day a business day; an unknown code must be an error instead.
  const countries = new Holidays().getCountries();
  if (!Object.hasOwn(countries, country)) throw new RangeError(`date-holidays does not know country "${country}"`);
  const calendar = new Holidays(country, options.state ?? '', options.region ?? '');
  return calendar
    .getHolidays(year, options.language)
    .filter((holiday) => holiday.type === 'public')
    .map((holiday) => ({
      // "YYYY-MM-DD hh:mm:ss [offset]" is already the local date in the country's own zone.
      date: holiday.date.slice(0, 10),
      name: holiday.name,
      rule: holiday.rule,
      substitute: holiday.substitute === true,
    }));
}

/** Public holidays of any country date-holidays knows, as local dates, overrides applied. */
export function holidaysFor(country: string, year: number, options: HolidaysForOptions = {}): HolidayDay[] {
  const keepSubstitutes = options.substitutes ?? true;
  const days: HolidayDay[] = libraryHolidays(country, year, options)
    .filter((holiday) => keepSubstitutes || !holiday.substitute)
    .map((holiday) => ({ date: holiday.date, name: holiday.name, kind: holiday.substitute ? 'transfer' : 'public' }));
  return applyHolidayOverrides(days.sort(byDate), year, options.overrides ?? NO_OVERRIDES);
}

const isAzerbaijaniWeekend = (isoDate: string): boolean => isoWeekday(isoDate) >= 6;

/**
 * Azerbaijan's days off in `year` (docs/policy.md, "Business days"): date-holidays' list corrected
 * (see azerbaijan-corrections.ts), the transfer rule applied, then the operator's overrides.
 * A date appears once per reason, so collisions stay visible.
 */
export function azerbaijanHolidays(year: number, overrides: HolidayOverrides = NO_OVERRIDES): HolidayDay[] {
  assertYear(year);
  // The previous year takes part because a holiday late in December (31 Dec on a weekend)
  // transfers into January.
  const base = [year - 1, year].flatMap((y) => correctAzerbaijanHolidays(libraryHolidays('AZ', y)));
  const withTransfers = applyTransferRule(base, isAzerbaijaniWeekend).filter((day) => yearOf(day.date) === year);
  return applyHolidayOverrides(withTransfers, year, overrides);
}
