import { type DeadlineKind, runningDeadlines } from '@plaint/domain';
import type { ComplaintEntity } from '@plaint/persistence';

export interface DueAlert {
  deadline: DeadlineKind;
  dueAt: Date;
  kind: 'warning' | 'breach';
}

/**
 * The alerts a complaint is due now: a breach for each running deadline that has passed, a
 * warning for each that falls within the warning time (which deadlines run is the domain's
 * `runningDeadlines`). Waiting for the customer stops the clock, so it raises nothing; a finished
 * review stops the review deadline.
 */
export function dueAlerts(
  complaint: Pick<ComplaintEntity, 'state' | 'acceptBy' | 'reviewBy' | 'reviewedAt' | 'resolveBy'>,
  now: Date,
  warnBeforeMs: number,
): DueAlert[] {
  return runningDeadlines(complaint).flatMap(({ deadline, dueAt }): DueAlert[] => {
    if (now.getTime() > dueAt.getTime()) return [{ deadline, dueAt, kind: 'breach' }];
    if (now.getTime() >= dueAt.getTime() - warnBeforeMs) return [{ deadline, dueAt, kind: 'warning' }];
    return [];
  });
}
