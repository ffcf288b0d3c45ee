import { Injectable } from '@nestjs/common';
import { addDays, BusinessCalendar, Clock, daysBetween, isIsoDate } from '@plaint/domain';
import { AgentApiRefused } from './agent-api.errors';
import type { BusinessDaysQuery } from './agent-api.dto';
import type { BusinessDaysView } from './agent-api.responses';

/** A year and a day: enough for any date picker, little enough to answer at once. */
export const MAX_CALENDAR_DAYS = 366;

/**
 * The business days of a period from the calendar deadlines are counted in, so that the desk
 * offers only dates the server takes (an extension refuses any other). Without dates: the
 * current month in the company's time zone.
 */
@Injectable()
export class ReadBusinessDays {
  constructor(
    private readonly calendar: BusinessCalendar,
    private readonly clock: Clock,
  ) {}

  execute(query: BusinessDaysQuery): BusinessDaysView {
    const today = this.calendar.localDate(this.clock.now());
    if ((query.from === undefined) !== (query.to === undefined)) throw new AgentApiRefused('invalid', 'Give both from and to, or neither');
    const from = query.from ?? `${today.slice(0, 8)}01`;
    const to = query.to ?? lastOfMonth(today);
    if (!isIsoDate(from) || !isIsoDate(to)) throw new AgentApiRefused('invalid', 'from and to must be dates (YYYY-MM-DD)');
    const span = daysBetween(from, to);
    if (span < 0) throw new AgentApiRefused('invalid', 'to must not be before from');
    if (span >= MAX_CALENDAR_DAYS) throw new AgentApiRefused('invalid', `A period of at most ${MAX_CALENDAR_DAYS} days`);
    return { timeZone: this.calendar.timeZone, today, from, to, businessDays: this.calendar.businessDaysIn(from, to) };
  }
}

/** The last day of the month of `isoDate`: the day before the first of the next. */
function lastOfMonth(isoDate: string): string {
  const [year = 0, month = 0] = isoDate.split('-').map(Number);
  const next = month === 12 ? `${year + 1}-01-01` : `${year}-${String(month + 1).padStart(2, '0')}-01`;
  return addDays(next, -1);
}
