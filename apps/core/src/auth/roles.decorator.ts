import { SetMetadata } from '@nestjs/common';
import type { AgentRole } from './agent-role';

export const ROLES_KEY = 'plaint:agent-roles';

/**
 * The least role a route (or every route of a controller) needs; higher roles are admitted too
 * (admin ⊃ supervisor ⊃ agent). A route's own @Roles wins over its controller's. Without it,
 * any signed-in agent may call the route. Takes effect under AgentAuthGuard.
 */
export const Roles = (...roles: AgentRole[]) => SetMetadata(ROLES_KEY, roles);
