import type { ComplaintState } from '../complaint';
import type { LifecycleCommandType } from './lifecycle-command';

/** Expected refusals: returned, never thrown, so callers must handle each one. */
export type LifecycleError =
  | { code: 'invalid-transition'; command: LifecycleCommandType; state: ComplaintState }
  | { code: 'reason-required'; command: 'reject' | 'extend' }
  | { code: 'nothing-requested' }
  | { code: 'outcome-required' }
  | { code: 'result-required' }
  | { code: 'result-too-long'; max: number }
  | { code: 'review-already-finished'; reviewedAt: Date }
  | { code: 'root-cause-required' }
  | { code: 'oral-without-agreement' }
  | { code: 'clock-paused' }
  | { code: 'deadline-passed'; resolveBy: Date }
  | { code: 'date-not-after-deadline'; resolveBy: Date; requested: Date }
  | { code: 'date-not-business-day'; requested: Date }
  | { code: 'reference-required' }
  | { code: 'merge-into-self'; reference: string };
