import { DateTime } from 'luxon';
import type { BusinessCalendar } from '../business-calendar';

/**
 * The pause rule. A business day counts as spent waiting when the complaint was already
 * waiting for the customer as that local day began: the days strictly after the local day of
 * the pause, up to and including the local day of the answer. So a pause and an answer on the
 * same day cost nothing, and a pause on Friday answered on Monday costs one day (Monday):
 * Friday had begun on the company's clock and the weekend is not business time anyway.
 */
export function businessDaysWaited(pausedAt: Date, resumedAt: Date, calendar: BusinessCalendar): number {
  const zone = calendar.timeZone;
  const last = DateTime.fromJSDate(resumedAt, { zone }).startOf('day');
  let day = DateTime.fromJSDate(pausedAt, { zone }).startOf('day').plus({ days: 1 });
  let waited = 0;
  while (day <= last) {
    if (calendar.isBusinessDay(day.toISODate() ?? '')) waited += 1;
    day = day.plus({ days: 1 });
  }
  return waited;
}

/**
 * Moves a running deadline by the business days the clock stood still. Deadlines end a local
 * day, so "n business days after it" is the end of the n-th business day after that day.
 */
export function pushDeadline(deadline: Date, businessDays: number, calendar: BusinessCalendar): Date {
  return businessDays > 0 ? calendar.deadline(deadline, businessDays) : deadline;
}
