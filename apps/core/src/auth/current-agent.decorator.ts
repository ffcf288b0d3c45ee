import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import type { AgentRole } from './agent-role';

/** Who is signed in, as the agent API sees them. */
export interface SignedInAgent {
  id: string;
  username: string;
  displayName: string;
  role: AgentRole;
}

/** A request that AgentAuthGuard let through. */
export interface AgentRequest extends Request {
  agent?: SignedInAgent;
}

/** The signed-in agent of a route behind AgentAuthGuard. */
export const CurrentAgent = createParamDecorator((_data: unknown, context: ExecutionContext): SignedInAgent => {
  const agent = context.switchToHttp().getRequest<AgentRequest>().agent;
  // A route that asks for the agent without the guard is a programming error, not a 401.
  if (!agent) throw new Error('@CurrentAgent() used on a route without AgentAuthGuard');
  return agent;
});
