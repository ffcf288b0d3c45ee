/**
 * Deadlines kept per week, for the printable compliance report's chart: each deadline of each
 * complaint row counts in the week its due date falls in, in the company's time zone, the weeks
 * starting on Monday as the compliance report's own weeks do. Pure: the rows come from
 * complianceComplaintRows.
 */
import type { ComplianceComplaintRow, DeadlineView } from './compliance-complaints';
import { mondayOf } from './load-compliance-rows';

export const DEADLINE_KINDS = ['accept', 'review', 'resolve'] as const;
export type DeadlineKind = (typeof DEADLINE_KINDS)[number];

export interface DeadlineTally {
  met: number;
  missed: number;
  pending: number;
}

export interface WeekDeadlines {
  /** The week's Monday, YYYY-MM-DD. */
  week: string;
  /** The ISO 8601 week, as 2026-W49. */
  isoWeek: string;
  /** Every kind counted together. */
  all: DeadlineTally;
  accept: DeadlineTally;
  review: DeadlineTally;
  resolve: DeadlineTally;
}

const DAY_MS = 86_400_000;

const emptyTally = (): DeadlineTally => ({ met: 0, missed: 0, pending: 0 });

const emptyWeek = (week: string): WeekDeadlines => ({ week, isoWeek: isoWeekOf(week), all: emptyTally(), accept: emptyTally(), review: emptyTally(), resolve: emptyTally() });

/** The ISO 8601 week of a Monday (YYYY-MM-DD): its year is the year of its Thursday. */
export function isoWeekOf(monday: string): string {
  const thursday = new Date(Date.parse(`${monday}T00:00:00Z`) + 3 * DAY_MS);
  const year = thursday.getUTCFullYear();
  const week = Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / (7 * DAY_MS)) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/**
 * Per week of due date, oldest first, how many deadlines of each kind were met, missed or are
 * pending. A deadline the complaint no longer needed (status none) and the review deadline of a
 * complaint not accepted yet do not count. The resolution deadline is the one in force after any
 * extension, as the row's outcome measures it. Weeks between the first and the last with no
 * deadline are listed with zeros, so a chart of them has no gaps.
 */
export function deadlinesKeptByWeek(rows: readonly ComplianceComplaintRow[], localDate: (instant: Date) => string): WeekDeadlines[] {
  const weeks = new Map<string, WeekDeadlines>();
  for (const row of rows) {
    const deadlines: [DeadlineKind, DeadlineView | null][] = [
      ['accept', row.accept],
      ['review', row.review],
      ['resolve', row.resolve],
    ];
    for (const [kind, deadline] of deadlines) {
      if (!deadline || deadline.status === 'none') continue;
      const week = mondayOf(localDate(new Date(deadline.by)));
      const figures = weeks.get(week) ?? emptyWeek(week);
      weeks.set(week, figures);
      figures[kind][deadline.status] += 1;
      figures.all[deadline.status] += 1;
    }
  }
  const found = [...weeks.keys()].sort();
  const [first, last] = [found[0], found.at(-1)];
  if (first === undefined || last === undefined) return [];
  const listed: WeekDeadlines[] = [];
  for (let day = Date.parse(`${first}T00:00:00Z`); day <= Date.parse(`${last}T00:00:00Z`); day += 7 * DAY_MS) {
    const week = new Date(day).toISOString().slice(0, 10);
    listed.push(weeks.get(week) ?? emptyWeek(week));
  }
  return listed;
}
