import { type BusinessCalendar, type ComplaintLifecycle, decide, type DeadlinePolicy, type LifecycleCommand } from '@plaint/domain';
import type { ComplaintEntity } from '@plaint/persistence';
import type { SignedInAgent } from '../auth/current-agent.decorator';
import { isSupervisor, mayWorkOn } from './complaint-access';

/** The buttons of the desk, named after the agent API's routes (POST :id/<action>). */
export const COMPLAINT_ACTIONS = [
  'accept', 'request-details', 'review', 'finish-review', 'reply', 'note', 'extend', 'resolve', 'close', 'reject', 'assign', 'merge', 'unmerge',
] as const;
export type ComplaintAction = (typeof COMPLAINT_ACTIONS)[number];

type LifecycleAction = Exclude<ComplaintAction, 'reply' | 'note' | 'assign'>;

/** Supervisors' actions (the routes' @Roles in complaints.controller.ts). */
const SUPERVISORS_ONLY: readonly ComplaintAction[] = ['reject', 'merge', 'unmerge'];

/**
 * A command the lifecycle would accept whenever the complaint's state and dates allow the
 * action: what the agent types (reasons, outcome, the new date) is filled in validly, so only
 * the complaint decides.
 */
function probe(action: LifecycleAction, lifecycle: ComplaintLifecycle, calendar: BusinessCalendar): LifecycleCommand {
  switch (action) {
    case 'accept':
      return { type: 'accept' };
    case 'request-details':
      return { type: 'requestDetails', what: ['details'], from: 'customer' };
    case 'review':
      return { type: 'startReview' };
    case 'finish-review':
      return { type: 'finishReview', result: 'result' };
    case 'extend':
      // The first business day after the deadline's.
      return { type: 'extend', reason: 'reason', newDate: calendar.deadline(lifecycle.deadlines.resolveBy, 1) };
    case 'resolve':
      return { type: 'resolve', outcome: 'outcome', rootCause: 'cause' };
    case 'close':
      return { type: 'close' };
    case 'reject':
      return { type: 'reject', reason: 'reason' };
    case 'merge':
      return { type: 'merge', into: `${lifecycle.reference}-another` };
    case 'unmerge':
      return { type: 'unmerge' };
  }
}

/**
 * What this agent may do to the complaint now. The lifecycle's own actions are asked of
 * `decide` itself, so a button shows exactly when the API would take the step (given valid
 * input); the others follow WorkOnComplaint's rules: no reply on a merged complaint, and an
 * agent takes only an unassigned complaint, while a supervisor assigns any.
 */
export function complaintActions(
  complaint: ComplaintEntity,
  lifecycle: ComplaintLifecycle,
  agent: SignedInAgent,
  context: { now: Date; calendar: BusinessCalendar; policy: DeadlinePolicy },
): ComplaintAction[] {
  if (!mayWorkOn(agent, complaint)) return [];
  const supervisor = isSupervisor(agent);
  const actor = { kind: 'agent' as const, id: agent.id };
  return COMPLAINT_ACTIONS.filter((action) => {
    if (SUPERVISORS_ONLY.includes(action) && !supervisor) return false;
    switch (action) {
      case 'reply':
        return complaint.state !== 'merged';
      case 'note':
        return true;
      case 'assign':
        return supervisor || complaint.assigneeId === null;
      case 'accept':
      case 'request-details':
      case 'review':
      case 'finish-review':
      case 'extend':
      case 'resolve':
      case 'close':
      case 'reject':
      case 'merge':
      case 'unmerge':
        return decide(lifecycle, probe(action, lifecycle, context.calendar), actor, context.now, context.calendar, context.policy).ok;
    }
  });
}
