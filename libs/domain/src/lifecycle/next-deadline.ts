import type { DeadlineKind } from '../complaint-states';
import type { ComplaintLifecycle } from './complaint-lifecycle';

/**
 * The next date the customer can hold us to: acceptance while received, then the review (until
 * it is finished) and the resolution. None while we wait for the customer (the clock stands still) or once the
 * complaint is done.
 */
export function nextDeadline(lifecycle: ComplaintLifecycle, now: Date): { kind: DeadlineKind; by: Date } | undefined {
  const { state, deadlines } = lifecycle;
  switch (state) {
    case 'received':
      return { kind: 'accept', by: deadlines.acceptBy };
    case 'accepted':
    case 'in_review':
      // The review deadline runs until the review is finished (or the complaint resolved).
      if (deadlines.reviewBy && !lifecycle.reviewedAt && now.getTime() <= deadlines.reviewBy.getTime() && !lifecycle.outcome) {
        return { kind: 'review', by: deadlines.reviewBy };
      }
      return { kind: 'resolve', by: deadlines.resolveBy };
    case 'waiting_for_customer':
    case 'resolved':
    case 'closed':
    case 'rejected':
    case 'withdrawn':
    case 'merged':
      return undefined;
  }
}
