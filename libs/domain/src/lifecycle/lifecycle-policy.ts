/**
 * The lifecycle's time limits in business days (docs/policy.md, "Time limits"). Every number is a
 * configurable default because other companies run the product with their own policy.
 */
export interface LifecyclePolicy {
  /** From the arrival day to acceptance. */
  acceptWithin: number;
  /** From the acceptance day to the end of the review. */
  reviewWithin: number;
  /** From the arrival day to the resolution (unless extended). */
  resolveWithin: number;
}

export const DEFAULT_LIFECYCLE_POLICY: LifecyclePolicy = { acceptWithin: 3, reviewWithin: 3, resolveWithin: 10 };
