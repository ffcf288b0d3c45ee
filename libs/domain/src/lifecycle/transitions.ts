import type { ComplaintState } from '../complaint';
import { OPEN_STATES } from '../complaint-states';
import type { LifecycleCommandType } from './lifecycle-command';


/**
 * The states each command is accepted in. The target state depends on the command's data
 * (accept with missing details waits for the customer; unmerge returns to the state before the
 * merge), so `decide` computes it; this table is only the gate, kept apart so it reads at a glance.
 */
export const ALLOWED_FROM: Readonly<Record<LifecycleCommandType, readonly ComplaintState[]>> = {
  accept: ['received'],
  startReview: ['accepted'],
  // From accepted the review is taken as started then; not while waiting (the customer's answer
  // may change the findings) and not after resolution (which ended the review).
  finishReview: ['accepted', 'in_review'],
  requestDetails: ['accepted', 'in_review'],
  customerAnswered: ['waiting_for_customer'],
  resolve: ['in_review'],
  close: ['resolved'],
  reject: OPEN_STATES,
  withdraw: OPEN_STATES,
  // Waiting is listed so that it gets the clearer 'clock-paused' refusal, not a generic one.
  extend: OPEN_STATES,
  merge: OPEN_STATES,
  unmerge: ['merged'],
};

export function isAllowed(command: LifecycleCommandType, state: ComplaintState): boolean {
  return ALLOWED_FROM[command].includes(state);
}
