import type { RequiredDetail } from '../complaint';

/** What the customer supplied in an answer; blank values count as not supplied. */
export type ProvidedDetails = Partial<Record<RequiredDetail, string>>;

/** How an outcome given orally was agreed (docs/policy.md: orally only by recorded mutual agreement). */
export interface OralDelivery {
  agreementRecorded: boolean;
  /** False only when the customer declined the written confirmation. */
  writtenConfirmation: boolean;
}

/** The longest written result of a review the customer can be sent, as long as an outcome may be. */
export const REVIEW_RESULT_MAX_LENGTH = 10000;

export type LifecycleCommand =
  | { type: 'accept' }
  | { type: 'startReview' }
  /**
   * The review's end: `result` is what the customer is told in writing, the findings and every
   * step taken (docs/policy.md, "after review the company informs the customer"). The resolution
   * may come later.
   */
  | { type: 'finishReview'; result: string }
  /**
   * `what`: the details asked for, by RequiredDetail key or in words ("receipt number");
   * `from`: whom they are asked from (the customer, a store, a courier), for the notice.
   */
  | { type: 'requestDetails'; what: readonly string[]; from: string }
  | { type: 'customerAnswered'; details?: ProvidedDetails }
  | { type: 'resolve'; outcome: string; rootCause: string; oral?: OralDelivery }
  | { type: 'close' }
  | { type: 'reject'; reason: string }
  | { type: 'withdraw' }
  | { type: 'extend'; reason: string; newDate: Date }
  | { type: 'merge'; into: string }
  | { type: 'unmerge' };

export type LifecycleCommandType = LifecycleCommand['type'];
