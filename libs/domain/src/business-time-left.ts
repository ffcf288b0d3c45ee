import type { BusinessCalendar } from './business-calendar';

/**
 * How much business time a deadline leaves, as an agent reads it: whole business days, then
 * hours and minutes. Once it has passed, the same figures count the business time since.
 */
export interface BusinessTimeLeft {
  overdue: boolean;
  /** Whole business days, each 24 hours of business time. */
  days: number;
  hours: number;
  minutes: number;
}

/**
 * The business time from `now` to `deadline` in the company's calendar: the rest of today if it
 * is a business day, and every business day after it up to the deadline's (docs/desk.md).
 * Weekends, public holidays and decree days off do not count; a decree's working day does.
 */
export function businessTimeLeft(calendar: BusinessCalendar, deadline: Date, now: Date): BusinessTimeLeft {
  const left = calendar.businessTimeBetween(now, deadline);
  const total = Math.round(Math.abs(left) / 60_000);
  return {
    // Passed by the clock, even on a day off that adds no business time to the delay.
    overdue: deadline.getTime() < now.getTime(),
    days: Math.floor(total / 1440),
    hours: Math.floor((total % 1440) / 60),
    minutes: total % 60,
  };
}
