import type { ComplianceComplaintRow } from '../../apps/core/src/reports/compliance-complaints';
import type { ScenarioCalendar } from './calendar-scenario';

export type Language = 'az' | 'ru' | 'en';
export type DeadlineKind = 'accept' | 'review' | 'resolve';

/**
 * A row of the compliance report complaint by complaint, as the agent API answers it: the
 * product's own row type, read from the report's JSON.
 */
export type ReportRow = ComplianceComplaintRow;

/** A written notice as the product stored it. */
export interface StoredNotice {
  event: string;
  channel: string;
  route: string | null;
  language: string;
  status: string;
  text: string;
  createdAt: Date;
}

export interface StoredAlert {
  deadline: string;
  kind: string;
  dueAt: Date;
  createdAt: Date;
}

/** One complaint as the checker sees it: from the report and the database, plus what the customer did. */
export interface CheckedComplaint {
  row: ReportRow;
  /** The customer's language (what they wrote in): their notices must be in it. */
  language: Language;
  /** The name the customer gave, which notices quote as given. */
  customerName: string;
  notices: StoredNotice[];
  alerts: StoredAlert[];
  /** How often an agent asked the customer for details (from the complaint's history). */
  detailsRequests: number;
  /** Status requests the customer sent on the complaint's conversation. */
  statusRequestsByMessage: Date[];
  /** Status looked up on the web: whether each got the complaint's state. */
  /** Each web lookup: when, whether it answered with the state, and the HTTP status it got. */
  statusLookups: { at: Date; answered: boolean; status?: number }[];
}

export interface Violation {
  reference: string;
  rule: string;
  explanation: string;
}

export interface Miss {
  reference: string;
  deadline: DeadlineKind;
  by: string;
  /** Warned before the deadline and escalated to supervisors once it passed. */
  escalated: boolean;
}

export interface CheckResult {
  violations: Violation[];
  misses: Miss[];
}

/** The route a notice of each channel travels (docs/policy.md, Notices): the chat itself, the bot, else e-mail. */
const ROUTE: Record<string, string | null> = { chat: null, telegram: 'telegram', email: 'email', web_form: 'email', phone: 'email', complaint_book: 'email' };

/**
 * The language a notice is written in, by the letters only one of them uses (Cyrillic for Russian;
 * schwa, soft g, dotless i, s-cedilla for Azerbaijani), leaving out the customer's name, which a
 * notice quotes in whatever script it was given.
 */
function writtenIn(notice: string, customerName: string): Language {
  const text = customerName ? notice.split(customerName).join(' ') : notice;
  if (/[а-яё]/i.test(text)) return 'ru';
  if (/[əğış]/i.test(text)) return 'az';
  return 'en';
}

const ACCEPT_DAYS = 3;

/**
 * The complaint policy, complaint by complaint, on what the product recorded: deadlines on the
 * company calendar, each met or else warned of and escalated before it passed (the review ends
 * with its written result, `reviewedAt`, or else with the resolution); extensions
 * before the deadline with a reason and a later business day; a written notice of every step on
 * the complaint's channel in the customer's language; every status request answered.
 */
export function checkPolicy(complaints: readonly CheckedComplaint[], calendar: ScenarioCalendar, end: Date): CheckResult {
  const violations: Violation[] = [];
  const misses: Miss[] = [];
  for (const complaint of complaints) {
    const { row } = complaint;
    const flag = (rule: string, explanation: string) => violations.push({ reference: row.reference, rule, explanation });
    checkDeadlines(complaint, calendar, end, flag, misses);
    checkExtensions(complaint, calendar, flag);
    checkNotices(complaint, flag);
    checkStatusAnswers(complaint, flag);
  }
  return { violations, misses };
}

type Flag = (rule: string, explanation: string) => void;

function checkDeadlines(complaint: CheckedComplaint, calendar: ScenarioCalendar, end: Date, flag: Flag, misses: Miss[]): void {
  const { row } = complaint;
  const expectedAcceptBy = calendar.endOfBusinessDaysAfter(new Date(row.receivedAt), ACCEPT_DAYS);
  if (new Date(row.accept.by).getTime() !== expectedAcceptBy.getTime()) {
    flag('accept-deadline', `arrived ${row.receivedAt}: acceptance due ${row.accept.by}, but ${ACCEPT_DAYS} business days on the company calendar end ${expectedAcceptBy.toISOString()}`);
  }
  const waiting = row.state === 'waiting_for_customer';
  const deadlines: { kind: DeadlineKind; by: string; doneAt: string | null }[] = [{ kind: 'accept', by: row.accept.by, doneAt: row.acceptedAt }];
  // The review ends with its written result, or with the resolution when that came first.
  if (row.review) deadlines.push({ kind: 'review', by: row.review.by, doneAt: row.reviewedAt ?? row.resolvedAt });
  deadlines.push({ kind: 'resolve', by: row.resolve.by, doneAt: row.resolvedAt });
  for (const { kind, by, doneAt } of deadlines) {
    const due = new Date(by);
    const late = doneAt ? new Date(doneAt) > due : !(kind !== 'accept' && waiting) && end > due;
    if (!late) continue;
    const warned = complaint.alerts.some((a) => a.deadline === kind && a.kind === 'warning' && a.createdAt <= due);
    const escalated = complaint.alerts.some((a) => a.deadline === kind && a.kind === 'breach' && a.dueAt.getTime() === due.getTime());
    misses.push({ reference: row.reference, deadline: kind, by, escalated: warned && escalated });
    if (!warned) flag(`${kind}-late`, `${kind} due ${by}, ${doneAt ? `done ${doneAt}` : 'not done'}, and no warning before the deadline`);
    else if (!escalated) flag(`${kind}-late`, `${kind} due ${by}, ${doneAt ? `done ${doneAt}` : 'not done'}, and never escalated to supervisors`);
  }
}

function checkExtensions(complaint: CheckedComplaint, calendar: ScenarioCalendar, flag: Flag): void {
  for (const extension of complaint.row.extensions) {
    const previous = new Date(extension.previousDate);
    const next = new Date(extension.newDate);
    if (new Date(extension.at) > previous) flag('extension-late', `extended at ${extension.at}, after the deadline ${extension.previousDate} had passed`);
    if (!extension.reason.trim()) flag('extension-reason', `extended at ${extension.at} without a reason`);
    if (next <= previous) flag('extension-date', `extended at ${extension.at} to ${extension.newDate}, not after ${extension.previousDate}`);
    const newDay = new Date(next.getTime() + 4 * 3_600_000).toISOString().slice(0, 10);
    if (!calendar.isBusinessDay(newDay)) flag('extension-date', `extended to ${newDay}, which is not a business day`);
  }
}

function checkNotices(complaint: CheckedComplaint, flag: Flag): void {
  const { row } = complaint;
  const required: [string, number][] = [['complaint.received', 1]];
  if (row.acceptedAt) required.push(['complaint.accepted', 1]);
  // A review finished straight from acceptance started at that same instant, and is told as finished only.
  if (row.reviewStartedAt && row.reviewStartedAt !== row.reviewedAt) required.push(['complaint.review-started', 1]);
  if (row.reviewedAt) required.push(['complaint.reviewed', 1]);
  if (complaint.detailsRequests > 0) required.push(['complaint.details-requested', complaint.detailsRequests]);
  if (row.extensions.length > 0) required.push(['complaint.extended', row.extensions.length]);
  if (row.resolvedAt) required.push(['complaint.resolved', 1]);
  if (row.state === 'closed') required.push(['complaint.closed', 1]);
  for (const [event, count] of required) {
    const found = complaint.notices.filter((n) => n.event === event).length;
    if (found < count) flag('notice-missing', `${event}: ${count} step(s), ${found} written notice(s)`);
  }
  const route = ROUTE[row.channel];
  for (const notice of complaint.notices) {
    const what = `${notice.event} of ${notice.createdAt.toISOString()}`;
    if (notice.channel !== row.channel || notice.route !== route) {
      flag('notice-channel', `${what} went on ${notice.channel}/${notice.route ?? 'chat'}, not on the complaint's ${row.channel}/${route ?? 'chat'}`);
    }
    if (notice.language !== complaint.language || writtenIn(notice.text, complaint.customerName) !== complaint.language) {
      flag('notice-language', `${what} is in ${notice.language} (text reads as ${writtenIn(notice.text, complaint.customerName)}); the customer wrote in ${complaint.language}`);
    }
    if (notice.status !== 'sent') flag('notice-undelivered', `${what} is ${notice.status}`);
  }
}

function checkStatusAnswers(complaint: CheckedComplaint, flag: Flag): void {
  const answers = complaint.notices.filter((n) => n.event === 'complaint.status').map((n) => n.createdAt.getTime());
  for (const [i, asked] of complaint.statusRequestsByMessage.entries()) {
    const answered = answers.filter((at) => at >= asked.getTime()).length;
    const stillAsking = complaint.statusRequestsByMessage.length - i;
    if (answered < stillAsking) flag('status-unanswered', `status asked at ${asked.toISOString()} got no answer`);
  }
  for (const lookup of complaint.statusLookups) {
    if (!lookup.answered) flag('status-unanswered', `status looked up on the web at ${lookup.at.toISOString()} got no answer (HTTP ${lookup.status ?? '?'})`);
  }
}
