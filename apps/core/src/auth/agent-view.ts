import type { AgentEntity, AgentNotifyVia } from '@plaint/persistence';
import type { AgentRole } from './agent-role';
import type { SignedInAgent } from './current-agent.decorator';

/** An agent as the admin API shows it: never the password hash. */
export interface AgentView {
  id: string;
  username: string;
  displayName: string;
  email: string | null;
  role: AgentRole;
  active: boolean;
  /** Where the agent is told of their work (docs/agent-channels.md). */
  notifyVia: AgentNotifyVia;
  telegramLinked: boolean;
  createdAt: string;
  updatedAt: string;
}

export function toAgentView(agent: AgentEntity): AgentView {
  return {
    id: agent.id,
    username: agent.username,
    displayName: agent.displayName,
    email: agent.email,
    role: agent.role,
    active: agent.active,
    notifyVia: agent.notifyVia,
    telegramLinked: agent.telegramUserId !== null,
    createdAt: agent.createdAt.toISOString(),
    updatedAt: agent.updatedAt.toISOString(),
  };
}

export function toSignedInAgent(agent: AgentEntity): SignedInAgent {
  return { id: agent.id, username: agent.username, displayName: agent.displayName, role: agent.role };
}
