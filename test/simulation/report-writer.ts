import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SimulationResult } from './run-simulation';

type Counts = Record<string, number>;

const count = (into: Counts, key: string, by = 1) => (into[key] = (into[key] ?? 0) + by);

/** The run's figures: what came in, what was met and missed, what the customers were told. */
export function summarise(result: SimulationResult) {
  const byChannel: Counts = {};
  const outcomes: Counts = {};
  const deadlines: Record<string, Counts> = { accept: {}, review: {}, resolve: {} };
  const noticesByChannelAndLanguage: Counts = {};
  const noticeStatus: Counts = {};
  let extensions = 0;
  let reviewsFinished = 0;
  for (const complaint of result.checked) {
    const { row } = complaint;
    count(byChannel, row.channel);
    count(outcomes, row.outcome);
    count(deadlines.accept!, row.accept.status);
    if (row.review) count(deadlines.review!, row.review.status);
    count(deadlines.resolve!, row.resolve.status);
    extensions += row.extensions.length;
    if (row.reviewedAt) reviewsFinished += 1;
    for (const notice of complaint.notices) {
      count(noticesByChannelAndLanguage, `${notice.channel}/${notice.language}`);
      count(noticeStatus, notice.status);
    }
  }
  const missesByKind: Counts = {};
  for (const miss of result.check.misses) count(missesByKind, `${miss.deadline}${miss.escalated ? ' (escalated)' : ' (not escalated)'}`);
  const statusAnswered = result.checked.reduce(
    (sum, c) => sum + c.statusLookups.filter((l) => l.answered).length + Math.min(c.statusRequestsByMessage.length, c.notices.filter((n) => n.event === 'complaint.status').length),
    0,
  );
  return {
    period: { from: result.options.from, to: result.options.to, simulatedUntil: result.endedAt.toISOString() },
    seed: result.options.seed,
    staffing: result.options.staffing,
    calendar: result.calendar,
    complaints: { sent: result.sent.length, inReport: result.rows.length, byChannel, outcomes },
    deadlines,
    missesByKind,
    /** Reviews finished with their written result before the resolution (the others ended with it). */
    reviewsFinished,
    extensions,
    detailsRequests: { asked: result.tally.detailsRequested, answered: result.tally.answersSent, neverAnswered: result.tally.neverAnswered },
    notices: { byChannelAndLanguage: noticesByChannelAndLanguage, byStatus: noticeStatus },
    statusRequests: { asked: result.tally.statusAsked, answered: statusAnswered },
    agentSteps: { done: result.tally.actions, refused: result.tally.refused },
    violations: result.check.violations,
    htmlReport: result.report.html === null ? `not available (the server answered ${result.report.htmlStatus})` : 'saved',
    wallSeconds: Math.round(result.wallMs / 1000),
  };
}

/** Writes the compliance report as fetched (JSON, CSV, HTML when served) and the summary. */
export function writeOutput(result: SimulationResult, dir: string): ReturnType<typeof summarise> {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'compliance-complaints.json'), result.report.json);
  writeFileSync(join(dir, 'compliance-complaints.csv'), result.report.csv);
  if (result.report.html !== null) writeFileSync(join(dir, 'compliance-complaints.html'), result.report.html);
  const summary = summarise(result);
  writeFileSync(join(dir, 'summary.json'), `${JSON.stringify(summary, null, 2)}\n`);
  return summary;
}

/** The headline numbers for the terminal. */
export function headline(summary: ReturnType<typeof summarise>): string {
  const lines = [
    `period ${summary.period.from} – ${summary.period.to} (seed ${summary.seed}), wall time ${summary.wallSeconds} s`,
    `complaints: ${summary.complaints.sent} sent, ${summary.complaints.inReport} in the report; by channel ${JSON.stringify(summary.complaints.byChannel)}`,
    `outcomes: ${JSON.stringify(summary.complaints.outcomes)}`,
    `deadlines: accept ${JSON.stringify(summary.deadlines.accept)}, review ${JSON.stringify(summary.deadlines.review)}, resolve ${JSON.stringify(summary.deadlines.resolve)}`,
    `misses: ${JSON.stringify(summary.missesByKind)}`,
    `reviews finished before the resolution ${summary.reviewsFinished}; extensions ${summary.extensions}; details asked ${summary.detailsRequests.asked}, answered ${summary.detailsRequests.answered}, never ${summary.detailsRequests.neverAnswered}`,
    `notices: ${JSON.stringify(summary.notices.byStatus)}; status requests ${summary.statusRequests.asked}, answered ${summary.statusRequests.answered}`,
    `calendar: days off ${summary.calendar.daysOff.map((d) => d.date).join(', ')}; worked Saturday ${summary.calendar.workingWeekendDays.join(', ')}; product mismatches ${summary.calendar.productMismatch.length}`,
    `policy violations: ${summary.violations.length}`,
    ...summary.violations.slice(0, 20).map((v) => `  ${v.reference} ${v.rule}: ${v.explanation}`),
  ];
  return lines.join('\n');
}
