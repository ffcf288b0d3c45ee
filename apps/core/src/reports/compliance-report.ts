/**
 * The compliance report: how the complaints received in a period fared against the policy's
 * deadlines (docs/policy.md, "Time limits"), and what they were about ("root causes must be
 * reportable"). Pure: the rows come from LoadComplianceRows.
 */
import { csvField } from './csv-field';

/** One complaint as the report needs it. */
export interface ComplianceRow {
  reference: string;
  channel: string;
  receivedAt: Date;
  acceptBy: Date;
  acceptedAt: Date | null;
  /** The resolution deadline now, after any extension. */
  resolveBy: Date;
  /** The resolution deadline before any extension (equal to `resolveBy` when not extended). */
  originalResolveBy: Date;
  resolvedAt: Date | null;
  extended: boolean;
  /** An SLA breach alert was raised for it. */
  breached: boolean;
  rootCause: string | null;
  state: string;
  /** The Monday (YYYY-MM-DD, the company's time zone) of the week it came in. */
  receivedWeek: string;
}

/** Complaints received at or after `from` and before `to`. */
export interface ReportPeriod {
  from: Date;
  to: Date;
}

/** The deadlines the report measures against; they are configurable, so the report names them. */
export interface CompliancePolicy {
  acceptWithinBusinessDays: number;
  resolveWithinBusinessDays: number;
}

export interface ComplianceReport {
  policy: CompliancePolicy;
  /** ISO instants; `to` is exclusive. */
  period: { from: string; to: string };
  /** Complaints received in the period, not counting those merged into another. */
  complaints: number;
  /** Complaints received in the period that were merged into another as duplicates. */
  merged: number;
  accepted: {
    total: number;
    /** Accepted at or before the acceptance deadline. */
    withinDeadline: number;
    late: number;
    /** Not accepted yet. */
    pending: number;
    /** Rejected or withdrawn without being accepted. */
    rejectedOrWithdrawn: number;
  };
  resolved: {
    total: number;
    /** Resolved at or before the deadline the policy gave at first (before any extension). */
    withinDeadline: number;
    /** Resolved after the first deadline, but within the extended one. */
    withinExtendedDeadline: number;
    /** Resolved after the deadline in force (the extended one where there was an extension). */
    late: number;
    /** Not resolved yet. */
    pending: number;
    /** Rejected or withdrawn without being resolved. */
    rejectedOrWithdrawn: number;
  };
  /** Complaints whose resolution deadline was extended. */
  extended: number;
  /** Complaints for which an SLA breach alert was raised. */
  breached: number;
  /** Complaints tagged with each root cause, most frequent first; untagged ones are not listed. */
  byRootCause: { rootCause: string; complaints: number }[];
  /** Complaints per channel, most frequent first. */
  byChannel: { channel: string; complaints: number }[];
  /** The same figures per week the complaints came in (weeks start on Monday), oldest first. */
  byWeek: WeekFigures[];
}

export interface WeekFigures {
  /** The week's Monday, YYYY-MM-DD. */
  week: string;
  complaints: number;
  /** Accepted at or before the acceptance deadline. */
  acceptedWithinDeadline: number;
  /** Resolved at or before the deadline the policy gave at first. */
  resolvedWithinDeadline: number;
  extended: number;
  breached: number;
}

const MERGED = 'merged';
/** States that end a complaint without acceptance or resolution. */
const ENDED_WITHOUT_OUTCOME: ReadonlySet<string> = new Set(['rejected', 'withdrawn']);

function assertPeriod(period: ReportPeriod): void {
  const from = period.from.getTime();
  const to = period.to.getTime();
  if (Number.isNaN(from) || Number.isNaN(to) || from >= to) {
    throw new RangeError('the report period needs valid dates with from before to');
  }
}

/** Counts per key, most frequent first, then by key so equal counts keep a stable order. */
function tally(keys: readonly string[]): [string, number][] {
  const counts = new Map<string, number>();
  for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1);
  return [...counts].sort(([a, m], [b, n]) => n - m || (a < b ? -1 : a > b ? 1 : 0));
}

export function complianceReport(rows: readonly ComplianceRow[], period: ReportPeriod, policy: CompliancePolicy): ComplianceReport {
  assertPeriod(period);
  const inPeriod = rows.filter((row) => row.receivedAt >= period.from && row.receivedAt < period.to);
  const counted = inPeriod.filter((row) => row.state !== MERGED);
  const report: ComplianceReport = {
    policy: { acceptWithinBusinessDays: policy.acceptWithinBusinessDays, resolveWithinBusinessDays: policy.resolveWithinBusinessDays },
    period: { from: period.from.toISOString(), to: period.to.toISOString() },
    complaints: counted.length,
    merged: inPeriod.length - counted.length,
    accepted: { total: 0, withinDeadline: 0, late: 0, pending: 0, rejectedOrWithdrawn: 0 },
    resolved: { total: 0, withinDeadline: 0, withinExtendedDeadline: 0, late: 0, pending: 0, rejectedOrWithdrawn: 0 },
    extended: 0,
    breached: 0,
    byRootCause: [],
    byChannel: [],
    byWeek: [],
  };
  const weeks = new Map<string, WeekFigures>();
  const { accepted, resolved } = report;
  for (const row of counted) {
    const ended = ENDED_WITHOUT_OUTCOME.has(row.state);
    if (row.acceptedAt) {
      accepted.total += 1;
      if (row.acceptedAt <= row.acceptBy) accepted.withinDeadline += 1;
      else accepted.late += 1;
    } else if (ended) accepted.rejectedOrWithdrawn += 1;
    else accepted.pending += 1;

    if (row.resolvedAt) {
      resolved.total += 1;
      if (row.resolvedAt <= row.originalResolveBy) resolved.withinDeadline += 1;
      else if (row.resolvedAt <= row.resolveBy) resolved.withinExtendedDeadline += 1;
      else resolved.late += 1;
    } else if (ended) resolved.rejectedOrWithdrawn += 1;
    else resolved.pending += 1;

    if (row.extended) report.extended += 1;
    if (row.breached) report.breached += 1;

    const week = weeks.get(row.receivedWeek) ?? { week: row.receivedWeek, complaints: 0, acceptedWithinDeadline: 0, resolvedWithinDeadline: 0, extended: 0, breached: 0 };
    weeks.set(row.receivedWeek, week);
    week.complaints += 1;
    if (row.acceptedAt && row.acceptedAt <= row.acceptBy) week.acceptedWithinDeadline += 1;
    if (row.resolvedAt && row.resolvedAt <= row.originalResolveBy) week.resolvedWithinDeadline += 1;
    if (row.extended) week.extended += 1;
    if (row.breached) week.breached += 1;
  }
  report.byWeek = [...weeks.values()].sort((a, b) => (a.week < b.week ? -1 : a.week > b.week ? 1 : 0));
  const rootCauses = counted.flatMap((row) => (row.rootCause === null ? [] : [row.rootCause]));
  report.byRootCause = tally(rootCauses).map(([rootCause, complaints]) => ({ rootCause, complaints }));
  report.byChannel = tally(counted.map((row) => row.channel)).map(([channel, complaints]) => ({ channel, complaints }));
  return report;
}

/** The report as RFC 4180 CSV, one `section,metric,value` row per figure, CRLF line ends. */
export function complianceReportCsv(report: ComplianceReport): string {
  const rows: [string, string, string | number][] = [
    ['policy', 'acceptWithinBusinessDays', report.policy.acceptWithinBusinessDays],
    ['policy', 'resolveWithinBusinessDays', report.policy.resolveWithinBusinessDays],
    ['period', 'from', report.period.from],
    ['period', 'to', report.period.to],
    ['complaints', 'total', report.complaints],
    ['complaints', 'merged', report.merged],
    ['complaints', 'extended', report.extended],
    ['complaints', 'breached', report.breached],
    ...Object.entries(report.accepted).map(([metric, value]): [string, string, number] => ['accepted', metric, value]),
    ...Object.entries(report.resolved).map(([metric, value]): [string, string, number] => ['resolved', metric, value]),
    ...report.byRootCause.map(({ rootCause, complaints }): [string, string, number] => ['byRootCause', rootCause, complaints]),
    ...report.byChannel.map(({ channel, complaints }): [string, string, number] => ['byChannel', channel, complaints]),
    ...report.byWeek.flatMap(({ week, ...figures }) => Object.entries(figures).map(([metric, value]): [string, string, number] => [`week ${week}`, metric, value])),
  ];
  const lines = [['section', 'metric', 'value'], ...rows].map((row) => row.map(csvField).join(','));
  return `${lines.join('\r\n')}\r\n`;
}
