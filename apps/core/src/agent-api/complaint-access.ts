import type { ComplaintEntity } from '@plaint/persistence';
import type { SignedInAgent } from '../auth/current-agent.decorator';
import { roleAdmits } from '../auth/agent-role';

/**
 * What a role may see and do on complaints. Supervisors and admins: everything. Agents: the
 * complaints assigned to them and the unassigned queue; working an unassigned one takes it.
 */
export function mayWorkOn(agent: SignedInAgent, complaint: Pick<ComplaintEntity, 'assigneeId'>): boolean {
  return roleAdmits(agent.role, ['supervisor']) || complaint.assigneeId === null || complaint.assigneeId === agent.id;
}

export function isSupervisor(agent: SignedInAgent): boolean {
  return roleAdmits(agent.role, ['supervisor']);
}
