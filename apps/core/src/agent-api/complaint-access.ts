import type { ComplaintState } from '@plaint/domain';
import type { ComplaintEntity } from '@plaint/persistence';
import type { SignedInAgent } from '../auth/current-agent.decorator';
import { roleAdmits } from '../auth/agent-role';

/**
 * The states of a complaint that still has work in it (resolved ones wait to be closed). An
 * unassigned complaint in one of these is in the queue; a finished one that nobody took (a
 * supervisor acted on it, or it was linked as a duplicate) is not, and stays with supervisors.
 */
export const QUEUE_STATES: readonly ComplaintState[] = ['received', 'accepted', 'in_review', 'waiting_for_customer', 'resolved'];

/**
 * What a role may see and do on complaints. Supervisors and admins: everything. Agents: the
 * complaints assigned to them and the unassigned queue; working an unassigned one takes it.
 */
export function mayWorkOn(agent: SignedInAgent, complaint: Pick<ComplaintEntity, 'assigneeId' | 'state'>): boolean {
  if (roleAdmits(agent.role, ['supervisor']) || complaint.assigneeId === agent.id) return true;
  return complaint.assigneeId === null && (QUEUE_STATES as readonly string[]).includes(complaint.state);
}

/** The same rule as a query condition on complaints aliased `c`, with its parameters. */
export function agentScope(agent: SignedInAgent): [string, Record<string, unknown>] {
  return ['(c.assigneeId = :self OR (c.assigneeId IS NULL AND c.state IN (:...queue)))', { self: agent.id, queue: [...QUEUE_STATES] }];
}

export function isSupervisor(agent: SignedInAgent): boolean {
  return roleAdmits(agent.role, ['supervisor']);
}
