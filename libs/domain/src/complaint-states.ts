import type { ComplaintState } from './complaint';

/**
 * The groups of lifecycle states the rules speak of (docs/policy.md), named once here so that
 * intake, the SLA clock, the agent list, retention and the notices agree on them.
 */

/** Still being handled: new messages of the conversation belong to the complaint, and it may be rejected, withdrawn or merged. */
export const OPEN_STATES: readonly ComplaintState[] = ['received', 'accepted', 'in_review', 'waiting_for_customer'];

/** Open with the clock running: waiting for the customer stops it (docs/policy.md, "Time limits"). */
export const RUNNING_STATES: readonly ComplaintState[] = ['received', 'accepted', 'in_review'];

/** Handled to an end: nothing more is done, so a status answer names no next date. */
export const FINISHED_STATES: readonly ComplaintState[] = ['resolved', 'closed', 'rejected', 'withdrawn'];

/** States a complaint normally never leaves: the retention period runs from reaching one. */
export const FINAL_STATES: readonly ComplaintState[] = ['closed', 'rejected', 'withdrawn', 'merged'];

/**
 * Still with work in it (a resolved one waits to be closed). An unassigned complaint in one of
 * these is in the agents' queue; a finished one nobody took stays with supervisors.
 */
export const QUEUE_STATES: readonly ComplaintState[] = ['received', 'accepted', 'in_review', 'waiting_for_customer', 'resolved'];

const inSet = (states: readonly ComplaintState[]) => (state: string): boolean => (states as readonly string[]).includes(state);

export const isOpenState = inSet(OPEN_STATES);
export const isRunningState = inSet(RUNNING_STATES);
export const isFinishedState = inSet(FINISHED_STATES);
export const isFinalState = inSet(FINAL_STATES);

export type DeadlineKind = 'accept' | 'review' | 'resolve';

/**
 * The deadlines that run for a complaint in its state: accept while received; review while
 * accepted or in review and the review is not finished (`reviewedAt`); resolve until the complaint is resolved. None while waiting for the
 * customer (the clock stands still). A deadline is met up to and including its instant (it ends
 * a local day at 23:59:59.999), so one is due "by" a moment when it falls at or before it.
 */
export function runningDeadlines(complaint: {
  state: string;
  acceptBy: Date;
  reviewBy: Date | null;
  /** When the review was finished; absent or null while it runs. */
  reviewedAt?: Date | null;
  resolveBy: Date;
}): { deadline: DeadlineKind; dueAt: Date }[] {
  if (!isRunningState(complaint.state)) return [];
  const running: { deadline: DeadlineKind; dueAt: Date }[] = [];
  if (complaint.state === 'received') running.push({ deadline: 'accept', dueAt: complaint.acceptBy });
  else if (complaint.reviewBy && !complaint.reviewedAt) running.push({ deadline: 'review', dueAt: complaint.reviewBy });
  running.push({ deadline: 'resolve', dueAt: complaint.resolveBy });
  return running;
}
