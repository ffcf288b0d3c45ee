import type { CampaignReport } from './campaign';
import { CHANNELS } from './checker';

const seconds = (ms: number | null) => (ms === null ? 'none seen' : `${(ms / 1000).toFixed(1)} s`);

/** The campaign's report as a person reads it. */
export function reportText(report: CampaignReport): string {
  const { verdict, options } = report;
  const lines = [
    `fault campaign: ${options.messages} messages at ${options.rate}/s, seed ${options.seed}, ${options.kills} core kills`,
    `wall time ${seconds(report.wallMs)} (load ${seconds(report.loadMs)}, drain ${seconds(report.drainMs)})`,
    '',
    'channel    sent  acked  stored  duplicates  lost',
    ...[...CHANNELS, 'total' as const].map((channel) => {
      const c = verdict.messages[channel];
      return `${channel.padEnd(9)}${String(c.sent).padStart(6)}${String(c.acknowledged).padStart(7)}${String(c.stored).padStart(8)}${String(c.duplicates).padStart(12)}${String(c.lost).padStart(6)}`;
    }),
    '',
    `complaints: expected ${verdict.complaints.expected}, stored ${verdict.complaints.stored}`,
    `notices: expected ${verdict.notices.expected}, seen by customers ${verdict.notices.sent}, missing ${verdict.notices.missing}, twice ${verdict.notices.twice}, naming no complaint ${verdict.notices.unknown}`,
    `consumer lag: ${Object.entries(verdict.lag).map(([group, n]) => `${group} ${n}`).join(', ') || 'no groups'}`,
    `dead letters: ${Object.entries(verdict.deadLetters).map(([topic, n]) => `${topic} ${n}`).join(', ') || 'no dead-letter topics'}`,
    `acknowledged → stored: p50 ${seconds(report.ackToStoredMs.p50)}, p99 ${seconds(report.ackToStoredMs.p99)}, max ${seconds(report.ackToStoredMs.max)}`,
    '',
    'fault              at     outage   progress again after',
    ...report.faults.map((f) => `${f.kind.padEnd(17)}${`${f.atS} s`.padStart(6)}${seconds(f.outageMs).padStart(11)}   ${seconds(f.recoveryMs)}`),
    '',
    verdict.problems.length === 0 ? 'verdict: nothing lost, nothing doubled, every notice once, lag zero, no dead letters' : `verdict: ${verdict.problems.length} problems`,
    ...verdict.problems.map((problem) => `  - ${problem}`),
  ];
  return lines.join('\n');
}
