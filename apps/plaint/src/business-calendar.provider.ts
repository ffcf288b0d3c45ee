import { readFileSync } from 'node:fs';
import type { PlaintConfig } from '@plaint/config';
import { type BusinessCalendar, type Clock, companyCalendar, NO_OVERRIDES, parseHolidayOverrides } from '@plaint/domain';

/**
 * The business days every service of a process counts with (core's deadlines, the call-me
 * form's promise of a call): the configured time zone and country, and the operator's decree file.
 */
export function businessCalendarFor(config: PlaintConfig, clock: Clock): BusinessCalendar {
  const { holidayOverridesFile } = config.policy;
  const overrides = holidayOverridesFile ? parseHolidayOverrides(readFileSync(holidayOverridesFile, 'utf8')) : NO_OVERRIDES;
  return companyCalendar(config.policy, overrides, clock.now().getUTCFullYear());
}
