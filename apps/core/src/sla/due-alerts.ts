import type { ComplaintEntity } from '@plaint/persistence';

export type SlaDeadline = 'accept' | 'review' | 'resolve';

export interface DueAlert {
  deadline: SlaDeadline;
  dueAt: Date;
  kind: 'warning' | 'breach';
}

/**
 * The alerts a complaint is due now: a breach for each running deadline that has passed, a
 * warning for each that falls within the warning time. Accept runs while received; review
 * while accepted or in review; resolve until the complaint is resolved. Waiting for the
 * customer stops the clock, so it raises nothing.
 */
export function dueAlerts(
  complaint: Pick<ComplaintEntity, 'state' | 'acceptBy' | 'reviewBy' | 'resolveBy'>,
  now: Date,
  warnBeforeMs: number,
): DueAlert[] {
  const running: { deadline: SlaDeadline; dueAt: Date }[] = [];
  if (complaint.state === 'received') running.push({ deadline: 'accept', dueAt: complaint.acceptBy });
  if ((complaint.state === 'accepted' || complaint.state === 'in_review') && complaint.reviewBy) {
    running.push({ deadline: 'review', dueAt: complaint.reviewBy });
  }
  if (['received', 'accepted', 'in_review'].includes(complaint.state)) running.push({ deadline: 'resolve', dueAt: complaint.resolveBy });
  return running.flatMap(({ deadline, dueAt }): DueAlert[] => {
    if (now.getTime() > dueAt.getTime()) return [{ deadline, dueAt, kind: 'breach' }];
    if (now.getTime() >= dueAt.getTime() - warnBeforeMs) return [{ deadline, dueAt, kind: 'warning' }];
    return [];
  });
}
