import type { AgentRole } from '@plaint/persistence';

export type { AgentRole };

/** Lowest to highest: each role may do everything the ones before it may. */
export const AGENT_ROLES: readonly AgentRole[] = ['agent', 'supervisor', 'admin'];

/** Whether someone holding `held` may act where any of `required` is asked for. */
export function roleAdmits(held: AgentRole, required: readonly AgentRole[]): boolean {
  if (required.length === 0) return true;
  const rank = AGENT_ROLES.indexOf(held);
  return required.some((role) => rank >= AGENT_ROLES.indexOf(role));
}
