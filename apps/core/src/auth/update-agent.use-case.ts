import { Injectable } from '@nestjs/common';
import { cleanName } from '@plaint/contracts';
import { Clock } from '@plaint/domain';
import { MAX_DISPLAY_NAME_LENGTH } from './agent-account-rules';
import { AgentError } from './agent-error';
import type { AgentRole } from './agent-role';
import { type AgentView, toAgentView } from './agent-view';
import { AgentsRepository, type AgentChanges } from './agents.repository';

export interface AgentUpdate {
  displayName?: string;
  role?: AgentRole;
  active?: boolean;
  /** null removes the address. */
  email?: string | null;
}

/**
 * An admin renames, re-roles, deactivates or reactivates an agent, or changes their e-mail address. A deactivated agent's tokens
 * stop working at once (the guard reads the agent on every request). The last active admin
 * cannot be demoted or deactivated: nobody could manage the staff afterwards. Nor can an admin
 * deactivate themselves: their session would end mid-action, and another admin should decide.
 */
@Injectable()
export class UpdateAgent {
  constructor(
    private readonly agents: AgentsRepository,
    private readonly clock: Clock,
  ) {}

  /** `byId`: the admin making the change. */
  async execute(id: string, update: AgentUpdate, byId: string): Promise<AgentView> {
    const agent = await this.agents.findById(id);
    if (!agent) throw new AgentError({ code: 'not_found' });
    if (update.active === false && id === byId) throw new AgentError({ code: 'self_deactivation' });

    const changes: AgentChanges = {};
    if (update.displayName !== undefined) {
      const displayName = cleanName(update.displayName);
      if (displayName.length === 0 || displayName.length > MAX_DISPLAY_NAME_LENGTH) {
        throw new AgentError({
          code: 'invalid',
          fields: [{ field: 'displayName', problems: [`displayName must be 1 to ${MAX_DISPLAY_NAME_LENGTH} characters`] }],
        });
      }
      changes.displayName = displayName;
    }
    if (update.role !== undefined) changes.role = update.role;
    if (update.active !== undefined) changes.active = update.active;
    if (update.email !== undefined) changes.email = update.email?.trim().toLowerCase() || null;

    const stopsBeingAdmin = agent.role === 'admin' && agent.active && ((changes.role ?? 'admin') !== 'admin' || changes.active === false);
    if (stopsBeingAdmin && (await this.agents.countActiveAdmins()) <= 1) throw new AgentError({ code: 'last_admin' });

    changes.updatedAt = this.clock.now();
    await this.agents.update(id, changes);
    return toAgentView(Object.assign(agent, changes));
  }
}
