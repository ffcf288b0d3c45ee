import { QUEUE_STATES } from '@plaint/domain';
import type { ComplaintEntity } from '@plaint/persistence';
import type { SignedInAgent } from '../auth/current-agent.decorator';
import { roleAdmits } from '../auth/agent-role';

/**
 * What a role may see and do on complaints. Supervisors and admins: everything. Agents: the
 * complaints assigned to them and the unassigned queue; working an unassigned one takes it.
 */
export function mayWorkOn(agent: SignedInAgent, complaint: Pick<ComplaintEntity, 'assigneeId' | 'state'>): boolean {
  if (roleAdmits(agent.role, ['supervisor']) || complaint.assigneeId === agent.id) return true;
  return complaint.assigneeId === null && (QUEUE_STATES as readonly string[]).includes(complaint.state);
}

export function isSupervisor(agent: SignedInAgent): boolean {
  return roleAdmits(agent.role, ['supervisor']);
}
