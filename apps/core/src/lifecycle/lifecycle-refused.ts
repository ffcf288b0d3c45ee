import type { BusinessCalendar, ComplaintState, LifecycleCommandType, LifecycleError } from '@plaint/domain';
import { ApplicationError, type ErrorKind } from '../errors/application-error';

export type LifecycleRefusal =
  | LifecycleError
  | { code: 'merge-target-unknown' | 'merge-target-merged' | 'merge-target-finished' | 'merge-target-other-customer'; reference: string };

/** What each command does, as an agent says it ("… cannot be accepted now"). */
const DONE: Readonly<Record<LifecycleCommandType, string>> = {
  accept: 'accepted',
  startReview: 'taken into review',
  finishReview: 'given the review’s result',
  requestDetails: 'sent a request for details',
  customerAnswered: 'given the customer’s answer',
  resolve: 'resolved',
  close: 'closed',
  reject: 'rejected',
  withdraw: 'withdrawn',
  extend: 'extended',
  merge: 'merged',
  unmerge: 'separated again',
};

const STATE_WORDS: Readonly<Record<ComplaintState, string>> = {
  received: 'received and not accepted yet',
  accepted: 'accepted',
  in_review: 'in review',
  waiting_for_customer: 'waiting for the customer',
  resolved: 'resolved',
  closed: 'closed',
  rejected: 'rejected',
  withdrawn: 'withdrawn',
  merged: 'merged into another complaint',
};

/** The lifecycle refused the command; the message says why in the agent's words, dates in the company's time zone. */
export class LifecycleRefused extends ApplicationError {
  constructor(
    readonly refusal: LifecycleRefusal,
    calendar: Pick<BusinessCalendar, 'localDate'>,
  ) {
    const [kind, message] = describe(refusal, (date) => calendar.localDate(date));
    super(kind, refusal.code, message);
  }
}

export class ComplaintNotFound extends ApplicationError {
  constructor(readonly idOrReference: string) {
    super('not-found', 'complaint-not-found', 'No such complaint');
  }
}

function describe(refusal: LifecycleRefusal, day: (date: Date) => string): [ErrorKind, string] {
  switch (refusal.code) {
    case 'invalid-transition':
      return ['conflict', `The complaint is ${STATE_WORDS[refusal.state]}, so it cannot be ${DONE[refusal.command]} now`];
    case 'reason-required':
      return ['unprocessable', `A reason is required for a complaint to be ${DONE[refusal.command]}`];
    case 'nothing-requested':
      return ['unprocessable', 'Say what details are requested'];
    case 'outcome-required':
      return ['unprocessable', 'The outcome is required in writing'];
    case 'result-required':
      return ['unprocessable', 'The review’s result is required in writing: the findings and the steps taken'];
    case 'result-too-long':
      return ['unprocessable', `The review’s result may be at most ${refusal.max} characters`];
    case 'review-already-finished':
      return ['conflict', `The review was already finished on ${day(refusal.reviewedAt)}; the next step is the resolution`];
    case 'root-cause-required':
      return ['unprocessable', 'Tag the root cause of the complaint'];
    case 'oral-without-agreement':
      return ['unprocessable', 'An oral outcome needs the customer’s recorded agreement'];
    case 'clock-paused':
      return ['conflict', 'The clock stands still while waiting for the customer; extend after their answer'];
    case 'deadline-passed':
      return ['conflict', `The resolution deadline (${day(refusal.resolveBy)}) has passed; an extension must come before it`];
    case 'date-not-after-deadline':
      return ['unprocessable', `The new date must be after the current deadline, ${day(refusal.resolveBy)}`];
    case 'date-not-business-day':
      return ['unprocessable', `${day(refusal.requested)} is not a business day; choose a working day`];
    case 'reference-required':
      return ['unprocessable', 'The reference of the surviving complaint is required'];
    case 'merge-into-self':
      return ['unprocessable', 'A complaint cannot be merged into itself'];
    case 'merge-target-unknown':
      return ['unprocessable', `There is no complaint ${refusal.reference}`];
    case 'merge-target-merged':
      return ['conflict', `${refusal.reference} is itself merged; merge into the complaint that goes on`];
    case 'merge-target-finished':
      return ['conflict', `${refusal.reference} is no longer being handled; only an open complaint can take a duplicate`];
    case 'merge-target-other-customer':
      return ['conflict', `${refusal.reference} belongs to another customer record; merge the customer records first if they are the same person`];
  }
}
