import { BusinessCalendar } from '../business-calendar';
import { calendarDays, type HolidaySource } from './calendar-days';
import { azerbaijanHolidays, holidaysFor } from './holiday-calendar';
import type { HolidayOverrides } from './holiday-overrides';

/** Years of holidays a calendar holds around the current one: deadlines reach a few weeks ahead. */
const YEARS_BACK = 1;
const YEARS_AHEAD = 3;

export interface CompanyCalendarSettings {
  /** IANA zone the company counts its days in. */
  timeZone: string;
  /** ISO 3166 code whose public holidays are days off (AZ with the policy's corrections). */
  holidayCountry: string;
}

/**
 * The company's business days around `year`: the time zone, Saturday and Sunday off, the
 * country's public holidays (Azerbaijan's with the policy's corrections) and the operator's
 * decrees.
 */
export function companyCalendar(settings: CompanyCalendarSettings, overrides: HolidayOverrides, year: number): BusinessCalendar {
  const { holidayCountry, timeZone } = settings;
  const source: HolidaySource =
    holidayCountry === 'AZ' ? azerbaijanHolidays : (each, yearOverrides) => holidaysFor(holidayCountry, each, { overrides: yearOverrides });
  const days = calendarDays({ from: year - YEARS_BACK, to: year + YEARS_AHEAD }, overrides, source);
  return new BusinessCalendar({ timeZone, weekendDays: [6, 7], holidays: days.daysOff, workdays: days.workdays });
}
