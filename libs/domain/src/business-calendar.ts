import { DateTime } from 'luxon';
import { addDays, isIsoDate } from './calendar/iso-date';

const DAY_MS = 86_400_000;

/** ISO weekday numbers: 1 = Monday … 7 = Sunday. */
export type IsoWeekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

export interface BusinessCalendarOptions {
  /** IANA zone the company counts its days in (Asia/Baku by default). */
  timeZone: string;
  /** Days off every week. */
  weekendDays: readonly IsoWeekday[];
  /** Extra days off as local dates, "YYYY-MM-DD" (public holidays, decrees). */
  holidays?: ReadonlySet<string>;
  /** Days worked although they fall on a weekend (moved by decree), "YYYY-MM-DD". */
  workdays?: ReadonlySet<string>;
}

/**
 * Counts business days in the company's time zone.
 *
 * Convention (documented in docs/policy.md): "within N business days of X" ends at the end of
 * the N-th business day after the local day on which X happened. A complaint that arrives on a
 * Friday afternoon in Baku has Monday, Tuesday and Wednesday to be accepted; its deadline is
 * Wednesday 23:59:59.999 Baku time.
 */
export class BusinessCalendar {
  private readonly weekend: ReadonlySet<number>;
  private readonly holidays: ReadonlySet<string>;
  private readonly workdays: ReadonlySet<string>;
  /** Deadlines by (arrival day, days): a batch of messages shares a handful of arrival days. */
  private readonly deadlines = new Map<string, Date>();
  /**
   * The local days met last, as instant ranges: finding an instant's day through the time zone
   * cost more than the rest of opening a complaint, and nearly every instant falls on one of them.
   */
  private recentDays: { start: number; end: number; isoDate: string }[] = [];

  constructor(private readonly options: BusinessCalendarOptions) {
    if (!DateTime.local().setZone(options.timeZone).isValid) {
      throw new RangeError(`unknown time zone: ${options.timeZone}`);
    }
    this.weekend = new Set(options.weekendDays);
    this.holidays = options.holidays ?? new Set();
    this.workdays = options.workdays ?? new Set();
  }

  get timeZone(): string {
    return this.options.timeZone;
  }

  /** True when the local day `isoDate` ("YYYY-MM-DD") is a working day. */
  isBusinessDay(isoDate: string): boolean {
    const day = DateTime.fromISO(isoDate, { zone: this.options.timeZone });
    if (!day.isValid) throw new RangeError(`not a date: ${isoDate}`);
    return this.worked(isoDate, day.weekday);
  }

  /**
   * The business days from `from` to `to` ("YYYY-MM-DD", both included), in order. Walks the
   * dates by the UTC calendar, which has the same days as any zone's, without a zone lookup each.
   */
  businessDaysIn(from: string, to: string): string[] {
    const days: string[] = [];
    for (let at = utcDay(from), end = utcDay(to); at <= end; at += DAY_MS) {
      const day = new Date(at);
      const isoDate = day.toISOString().slice(0, 10);
      if (this.worked(isoDate, day.getUTCDay() === 0 ? 7 : day.getUTCDay())) days.push(isoDate);
    }
    return days;
  }

  /**
   * The business time from `from` to `to`, in milliseconds: only what falls on business days
   * counts, a whole business day as 24 hours. Negative when `to` comes first.
   */
  businessTimeBetween(from: Date, to: Date): number {
    if (to.getTime() < from.getTime()) return -this.businessTimeBetween(to, from);
    const first = this.localDate(from);
    const last = this.localDate(to);
    if (first === last) return this.isBusinessDay(first) ? to.getTime() - from.getTime() : 0;
    const rest = this.isBusinessDay(first) ? this.endOfDay(first).getTime() + 1 - from.getTime() : 0;
    const start = this.isBusinessDay(last) ? to.getTime() - this.startOfDay(last).getTime() : 0;
    const between = this.businessDaysIn(addDays(first, 1), addDays(last, -1)).length;
    return rest + between * DAY_MS + start;
  }

  private worked(isoDate: string, weekday: number): boolean {
    if (this.workdays.has(isoDate)) return true;
    return !this.weekend.has(weekday) && !this.holidays.has(isoDate);
  }

  /** The instant at which "within `days` business days of `from`" runs out. */
  deadline(from: Date, days: number): Date {
    if (!Number.isInteger(days) || days < 1) throw new RangeError(`days must be a positive integer, got ${days}`);
    const key = `${this.localDate(from)}|${days}`;
    const known = this.deadlines.get(key);
    if (known) return new Date(known);
    let day = DateTime.fromJSDate(from, { zone: this.options.timeZone }).startOf('day');
    let counted = 0;
    while (counted < days) {
      day = day.plus({ days: 1 });
      if (this.isBusinessDay(day.toISODate() ?? '')) counted += 1;
    }
    const deadline = day.endOf('day').toJSDate();
    if (this.deadlines.size >= 1000) this.deadlines.clear();
    this.deadlines.set(key, deadline);
    return new Date(deadline);
  }

  /** The last instant of a local calendar day ("YYYY-MM-DD"): a date promised to a customer. */
  endOfDay(isoDate: string): Date {
    const day = DateTime.fromISO(isoDate, { zone: this.options.timeZone });
    if (!day.isValid) throw new RangeError(`not a date: ${isoDate}`);
    return day.endOf('day').toJSDate();
  }

  /** The start of a local calendar day ("YYYY-MM-DD"). */
  startOfDay(isoDate: string): Date {
    const day = DateTime.fromISO(isoDate, { zone: this.options.timeZone });
    if (!day.isValid) throw new RangeError(`not a date: ${isoDate}`);
    return day.startOf('day').toJSDate();
  }

  /** The local calendar date of an instant, "YYYY-MM-DD". */
  localDate(instant: Date): string {
    const at = instant.getTime();
    const recent = this.recentDays.find((day) => at >= day.start && at < day.end);
    if (recent) return recent.isoDate;
    const local = DateTime.fromJSDate(instant, { zone: this.options.timeZone });
    if (!local.isValid) return '';
    const start = local.startOf('day');
    // The next day's start, not 24 hours: a day that changes the clock is 23 or 25 hours long.
    const day = { start: start.toMillis(), end: start.plus({ days: 1 }).startOf('day').toMillis(), isoDate: local.toISODate() ?? '' };
    this.recentDays = [day, ...this.recentDays.slice(0, 7)];
    return day.isoDate;
  }
}

/** Midnight UTC of a date "YYYY-MM-DD"; throws on anything else (2026-02-30 included). */
function utcDay(isoDate: string): number {
  if (!isIsoDate(isoDate)) throw new RangeError(`not a date: ${isoDate}`);
  return Date.parse(`${isoDate}T00:00:00Z`);
}
