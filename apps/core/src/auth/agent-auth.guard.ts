import { type CanActivate, type ExecutionContext, ForbiddenException, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Response } from 'express';
import { type AgentRole, roleAdmits } from './agent-role';
import { AgentTokens } from './agent-tokens';
import { toSignedInAgent } from './agent-view';
import { AgentsRepository } from './agents.repository';
import type { AgentRequest } from './current-agent.decorator';
import { ROLES_KEY } from './roles.decorator';

const BEARER = /^Bearer +([A-Za-z0-9._~+/-]+=*) *$/i;

/**
 * The agent API's door: a bearer token we signed that has not expired, for an agent who still
 * exists and is active (one read, so a deactivation or a role change counts at once), holding
 * the role the route's @Roles asks for. 401 with a Bearer challenge when the token is missing or
 * not good, 403 when the role is too low. Puts the agent on the request for @CurrentAgent().
 */
@Injectable()
export class AgentAuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: AgentTokens,
    private readonly agents: AgentsRepository,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const http = context.switchToHttp();
    const request = http.getRequest<AgentRequest>();
    const response = http.getResponse<Response>();

    const token = BEARER.exec(request.headers.authorization ?? '')?.[1];
    if (!token) throw challenge(response, 'Bearer', 'Sign in to use the agent API');
    const claims = await this.tokens.verify(token);
    const agent = claims ? await this.agents.findById(claims.sub) : null;
    if (!agent?.active) {
      throw challenge(response, 'Bearer error="invalid_token"', 'The access token is not valid or has expired; sign in again');
    }

    const required = this.reflector.getAllAndOverride<AgentRole[] | undefined>(ROLES_KEY, [context.getHandler(), context.getClass()]) ?? [];
    if (!roleAdmits(agent.role, required)) throw new ForbiddenException('Your role does not allow this');
    request.agent = toSignedInAgent(agent);
    return true;
  }
}

function challenge(response: Response, header: string, message: string): UnauthorizedException {
  response.setHeader('WWW-Authenticate', header);
  return new UnauthorizedException(message);
}
