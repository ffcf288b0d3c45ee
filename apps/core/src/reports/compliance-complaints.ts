/**
 * The compliance report complaint by complaint, for an auditor who asks "show me this one": its
 * deadlines, when each step happened, whether each deadline was met, its extensions and the
 * notices sent. References only: no names or contacts. Pure: the trails come from
 * LoadComplianceComplaints.
 */
import { csvField } from './csv-field';

/** What the loader reads of one complaint. */
export interface ComplaintTrail {
  reference: string;
  channel: string;
  state: string;
  receivedAt: Date;
  acceptBy: Date;
  acceptedAt: Date | null;
  /** Set on acceptance; null before it (and for complaints that never had one). */
  reviewBy: Date | null;
  reviewStartedAt: Date | null;
  /** When the review was finished with its written result; null while it runs, or when the resolution ended it. */
  reviewedAt: Date | null;
  /** The resolution deadline in force, after any extension. */
  resolveBy: Date;
  /** The resolution deadline before any extension (equal to `resolveBy` when not extended). */
  originalResolveBy: Date;
  resolvedAt: Date | null;
  /** When it was rejected, withdrawn or merged, from its history; null when it was not. */
  endedAt: Date | null;
  extensions: TrailExtension[];
  notices: TrailNotice[];
}

export interface TrailExtension {
  at: Date;
  reason: string;
  previousDate: Date;
  newDate: Date;
}

export interface TrailNotice {
  /** The step it told the customer of (an event type such as `complaint.accepted`). */
  event: string;
  channel: string;
  /** How it travels: email, a social conversation, SMS; null for the live chat. */
  route: string | null;
  /** pending, sent or failed. */
  status: string;
  createdAt: Date;
  sentAt: Date | null;
  /** What the platform reported after accepting it: delivered or read. */
  receipt: string | null;
}

/**
 * met: the step happened at or before the deadline; missed: after it, or not yet and the deadline
 * has passed; pending: not yet and still in time (or the clock stands still, waiting for the
 * customer); none: the complaint ended (rejected, withdrawn, merged) in time without the step.
 */
export type DeadlineStatus = 'met' | 'missed' | 'pending' | 'none';

/** met: every deadline met (or not needed); missed: any missed; pending: none missed, some still running. */
export type ComplaintOutcome = 'met' | 'missed' | 'pending';

export interface DeadlineView {
  by: string;
  status: DeadlineStatus;
}

export interface ComplianceComplaintRow {
  reference: string;
  channel: string;
  state: string;
  receivedAt: string;
  acceptedAt: string | null;
  reviewStartedAt: string | null;
  /** When the review was finished with its written result; null when the resolution ended it (or not yet). */
  reviewedAt: string | null;
  resolvedAt: string | null;
  /** When it was rejected, withdrawn or merged. */
  endedAt: string | null;
  accept: DeadlineView;
  /** Absent before acceptance: the review deadline is set then. */
  review: DeadlineView | null;
  /** The resolution deadline in force, after any extension. */
  resolve: DeadlineView;
  /** The resolution deadline the policy gave at first, measured as if it had never been extended. */
  originalResolve: DeadlineView;
  outcome: ComplaintOutcome;
  extensions: { at: string; reason: string; previousDate: string; newDate: string }[];
  notices: { event: string; channel: string; route: string | null; status: string; createdAt: string; sentAt: string | null; receipt: string | null }[];
}

export interface ComplaintRowFilter {
  channel?: string;
  outcome?: ComplaintOutcome;
}

const ENDED: ReadonlySet<string> = new Set(['rejected', 'withdrawn', 'merged']);
/** The clock stands still while the company waits for the customer; the deadlines move on the answer. */
const WAITING = 'waiting_for_customer';

function deadlineStatus(by: Date, doneAt: Date | null, trail: ComplaintTrail, now: Date): DeadlineStatus {
  if (doneAt) return doneAt <= by ? 'met' : 'missed';
  if (ENDED.has(trail.state)) {
    // Ended without the step: late only if the deadline had passed by then.
    return trail.endedAt && trail.endedAt > by ? 'missed' : 'none';
  }
  if (trail.state === WAITING) return 'pending';
  return now > by ? 'missed' : 'pending';
}

function outcomeOf(statuses: readonly DeadlineStatus[]): ComplaintOutcome {
  if (statuses.includes('missed')) return 'missed';
  return statuses.includes('pending') ? 'pending' : 'met';
}

const iso = (date: Date | null): string | null => date?.toISOString() ?? null;

/**
 * One complaint's row as of `now`. The review ends when it is finished with its written result, or
 * with the resolution when that came first (`reviewedAt ?? resolvedAt`), as the SLA clock counts
 * it; the resolution deadline is measured against the date in force, and against the first one apart.
 */
export function complianceComplaintRow(trail: ComplaintTrail, now: Date): ComplianceComplaintRow {
  const accept = { by: trail.acceptBy.toISOString(), status: deadlineStatus(trail.acceptBy, trail.acceptedAt, trail, now) };
  const reviewEnded = trail.reviewedAt ?? trail.resolvedAt;
  const review = trail.reviewBy ? { by: trail.reviewBy.toISOString(), status: deadlineStatus(trail.reviewBy, reviewEnded, trail, now) } : null;
  const resolve = { by: trail.resolveBy.toISOString(), status: deadlineStatus(trail.resolveBy, trail.resolvedAt, trail, now) };
  const originalResolve = { by: trail.originalResolveBy.toISOString(), status: deadlineStatus(trail.originalResolveBy, trail.resolvedAt, trail, now) };
  return {
    reference: trail.reference,
    channel: trail.channel,
    state: trail.state,
    receivedAt: trail.receivedAt.toISOString(),
    acceptedAt: iso(trail.acceptedAt),
    reviewStartedAt: iso(trail.reviewStartedAt),
    reviewedAt: iso(trail.reviewedAt),
    resolvedAt: iso(trail.resolvedAt),
    endedAt: iso(trail.endedAt),
    accept,
    review,
    resolve,
    originalResolve,
    // An extension the policy allows is no breach: the outcome follows the deadline in force.
    outcome: outcomeOf([accept.status, review?.status ?? 'none', resolve.status]),
    extensions: trail.extensions.map((e) => ({ at: e.at.toISOString(), reason: e.reason, previousDate: e.previousDate.toISOString(), newDate: e.newDate.toISOString() })),
    notices: trail.notices.map((n) => ({ event: n.event, channel: n.channel, route: n.route, status: n.status, createdAt: n.createdAt.toISOString(), sentAt: iso(n.sentAt), receipt: n.receipt })),
  };
}

/** The rows of the complaints that pass the filter, in the order of the trails. */
export function complianceComplaintRows(trails: readonly ComplaintTrail[], filter: ComplaintRowFilter, now: Date): ComplianceComplaintRow[] {
  return trails
    .filter((trail) => filter.channel === undefined || trail.channel === filter.channel)
    .map((trail) => complianceComplaintRow(trail, now))
    .filter((row) => filter.outcome === undefined || row.outcome === filter.outcome);
}

const CSV_HEADER = [
  'reference',
  'channel',
  'state',
  'outcome',
  'receivedAt',
  'acceptBy',
  'acceptedAt',
  'accept',
  'reviewBy',
  'reviewStartedAt',
  'reviewedAt',
  'review',
  'originalResolveBy',
  'originalResolve',
  'resolveBy',
  'resolvedAt',
  'resolve',
  'endedAt',
  'extensions',
  'notices',
];

/**
 * The rows as RFC 4180 CSV, one line per complaint, CRLF line ends. Extensions and notices are
 * listed in one cell each, items separated by "; " and their parts by " | ".
 */
export function complianceComplaintsCsv(rows: readonly ComplianceComplaintRow[]): string {
  const lines = rows.map((row) => [
    row.reference,
    row.channel,
    row.state,
    row.outcome,
    row.receivedAt,
    row.accept.by,
    row.acceptedAt ?? '',
    row.accept.status,
    row.review?.by ?? '',
    row.reviewStartedAt ?? '',
    row.reviewedAt ?? '',
    row.review?.status ?? '',
    row.originalResolve.by,
    row.originalResolve.status,
    row.resolve.by,
    row.resolvedAt ?? '',
    row.resolve.status,
    row.endedAt ?? '',
    row.extensions.map((e) => [e.at, e.previousDate, e.newDate, e.reason].join(' | ')).join('; '),
    row.notices.map((n) => [n.event, n.channel, n.route ?? '', n.status, n.sentAt ?? '', n.receipt ?? ''].join(' | ')).join('; '),
  ]);
  return `${[CSV_HEADER, ...lines].map((line) => line.map(csvField).join(',')).join('\r\n')}\r\n`;
}
