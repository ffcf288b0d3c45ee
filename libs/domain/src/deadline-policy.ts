/**
 * The policy's time limits in business days (docs/policy.md, "Time limits"). Every number is a
 * configurable default because other companies run the product with their own policy.
 */
export interface DeadlinePolicy {
  /** From the arrival day to acceptance. */
  acceptWithinBusinessDays: number;
  /** From the acceptance day to the end of the review. */
  reviewWithinBusinessDays: number;
  /** From the arrival day to the resolution (unless extended). */
  resolveWithinBusinessDays: number;
}
