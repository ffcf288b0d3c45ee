import { readFileSync } from 'node:fs';
import type { PlaintConfig } from '@plaint/config';
import {
  azerbaijanHolidays,
  BusinessCalendar,
  calendarDays,
  type Clock,
  holidaysFor,
  type HolidaySource,
  NO_OVERRIDES,
  parseHolidayOverrides,
} from '@plaint/domain';

/** Years of holidays loaded at boot: deadlines reach at most a few weeks ahead. */
const YEARS_BACK = 1;
const YEARS_AHEAD = 3;

/**
 * The company's business days: the configured time zone, Saturday and Sunday off, the country's
 * public holidays (Azerbaijan's with the policy's corrections) and the operator's decree file.
 */
export function businessCalendarFor(config: PlaintConfig, clock: Clock): BusinessCalendar {
  const { holidayCountry, holidayOverridesFile, timeZone } = config.policy;
  const overrides = holidayOverridesFile ? parseHolidayOverrides(readFileSync(holidayOverridesFile, 'utf8')) : NO_OVERRIDES;
  const source: HolidaySource =
    holidayCountry === 'AZ' ? azerbaijanHolidays : (year, yearOverrides) => holidaysFor(holidayCountry, year, { overrides: yearOverrides });
  const year = clock.now().getUTCFullYear();
  const days = calendarDays({ from: year - YEARS_BACK, to: year + YEARS_AHEAD }, overrides, source);
  return new BusinessCalendar({ timeZone, weekendDays: [6, 7], holidays: days.daysOff, workdays: days.workdays });
}
