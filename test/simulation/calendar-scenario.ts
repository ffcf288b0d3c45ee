import Holidays from 'date-holidays';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The company's time zone in the simulation: Asia/Baku, UTC+4 all year (no summer time since 2016). */
export const BAKU_OFFSET_MS = 4 * 3_600_000;

export interface NamedDay {
  date: string;
  name: string;
}

/**
 * The calendar the simulated quarter is played on: the decree file the harness writes (a Saturday
 * made a working day in exchange for a bridge day after Ramazan Bayram), and the days off the
 * policy gives for January to April 2027, written out by hand so that the checker counts deadlines on a
 * calendar of its own and a mistake in the product's calendar shows as a finding.
 */
export const Q1_2027 = {
  decree: {
    add: [{ date: '2027-03-11', name: 'Bridge day after Ramazan Bayram (decree; worked on Saturday 13 March)' }],
    remove: [] as string[],
    workdays: ['2027-03-13'],
  },
  daysOff: [
    { date: '2027-01-01', name: 'New Year' },
    { date: '2027-01-04', name: 'New Year (Saturday 2 January moved to Monday)' },
    { date: '2027-03-08', name: "Women's Day" },
    { date: '2027-03-09', name: 'Ramazan Bayram' },
    { date: '2027-03-10', name: 'Ramazan Bayram' },
    { date: '2027-03-11', name: 'Bridge day (decree)' },
    { date: '2027-03-22', name: 'Novruz' },
    { date: '2027-03-23', name: 'Novruz' },
    { date: '2027-03-24', name: 'Novruz' },
    { date: '2027-03-25', name: 'Novruz (Saturday 20 March moved to Thursday)' },
    { date: '2027-03-26', name: 'Novruz (Sunday 21 March moved to Friday)' },
  ] as NamedDay[],
  workingWeekendDays: ['2027-03-13'],
  /** The list is complete up to (not including) this day: April 2027 has no holiday. */
  coveredUntil: '2027-05-01',
};

/** Writes the decree file the product reads (PLAINT_HOLIDAY_OVERRIDES_FILE); returns its path. */
export function writeDecreeFile(dir: string): string {
  const file = join(dir, 'holiday-decrees.json');
  writeFileSync(file, JSON.stringify(Q1_2027.decree, null, 2));
  return file;
}

/** What date-holidays itself gives for Azerbaijan between two dates, to name them in the output. */
export function libraryHolidays(from: string, to: string): NamedDay[] {
  const years = new Set([Number(from.slice(0, 4)), Number(to.slice(0, 4))]);
  const calendar = new Holidays('AZ');
  return [...years]
    .flatMap((year) => calendar.getHolidays(year))
    .filter((h) => h.type === 'public')
    .map((h) => ({ date: h.date.slice(0, 10), name: h.substitute ? `${h.name} (substitute)` : h.name }))
    .filter((h) => h.date >= from && h.date < to);
}

/** The company's local date (YYYY-MM-DD) of an instant. */
export function localDate(instant: Date): string {
  return new Date(instant.getTime() + BAKU_OFFSET_MS).toISOString().slice(0, 10);
}

/** The company's local hour (0-23) and weekday (0 Sunday … 6 Saturday) of an instant. */
export function localHour(instant: Date): { hour: number; weekday: number } {
  const local = new Date(instant.getTime() + BAKU_OFFSET_MS);
  return { hour: local.getUTCHours(), weekday: local.getUTCDay() };
}

/** The instant of a local date and time in the company's zone. */
export function atLocal(date: string, hour = 0, minute = 0): Date {
  return new Date(Date.parse(`${date}T00:00:00Z`) - BAKU_OFFSET_MS + (hour * 60 + minute) * 60_000);
}

export function nextDate(date: string, days = 1): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** Business days counted on the scenario's own list of days off. */
export class ScenarioCalendar {
  private readonly off: Set<string>;
  private readonly worked: Set<string>;

  constructor(daysOff: readonly NamedDay[], workingWeekendDays: readonly string[]) {
    this.off = new Set(daysOff.map((d) => d.date));
    this.worked = new Set(workingWeekendDays);
  }

  isBusinessDay(date: string): boolean {
    if (this.worked.has(date)) return true;
    if (this.off.has(date)) return false;
    const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
    return weekday !== 0 && weekday !== 6;
  }

  /** The end (23:59:59.999 local) of the n-th business day after the local day of `from`. */
  endOfBusinessDaysAfter(from: Date, n: number): Date {
    let date = localDate(from);
    for (let counted = 0; counted < n; ) {
      date = nextDate(date);
      if (this.isBusinessDay(date)) counted += 1;
    }
    return new Date(atLocal(nextDate(date)).getTime() - 1);
  }

  /** The business days of [from, to). */
  businessDays(from: string, to: string): string[] {
    const days: string[] = [];
    for (let date = from; date < to; date = nextDate(date)) if (this.isBusinessDay(date)) days.push(date);
    return days;
  }
}
