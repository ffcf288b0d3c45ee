import { type ExecutionContext, ForbiddenException, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AgentEntity } from '@plaint/persistence';
import { AgentAuthGuard } from './agent-auth.guard';
import type { AgentRole } from './agent-role';
import type { AgentTokenClaims, AgentTokens } from './agent-tokens';
import type { AgentsRepository } from './agents.repository';
import type { AgentRequest } from './current-agent.decorator';
import { Roles } from './roles.decorator';

class Routes {
  @Roles('admin') forAdmins(): void {}
  @Roles('supervisor') forSupervisors(): void {}
  @Roles('agent') forAgents(): void {}
  forAnyone(): void {}
}

@Roles('admin')
class AdminRoutes {
  list(): void {}
  @Roles('agent') me(): void {}
}

const AGENT_ID = '0b4e6a3c-6f1e-4a53-9d56-7f0c6b1d2e3f';

function agentWith(role: AgentRole, active = true): AgentEntity {
  const now = new Date('2027-01-04T08:00:00Z');
  return Object.assign(new AgentEntity(), {
    id: AGENT_ID,
    username: `${role}.one`,
    displayName: `A ${role}`,
    email: null,
    passwordHash: '$argon2id$not-a-real-hash',
    role,
    active,
    createdAt: now,
    updatedAt: now,
  });
}

/** The guard over fakes: the token `good` belongs to `stored`; anything else is not ours. */
function guardFor(stored: AgentEntity | null): AgentAuthGuard {
  const tokens = {
    verify: (token: string): Promise<AgentTokenClaims | null> =>
      Promise.resolve(token === 'good' ? { sub: AGENT_ID, role: 'admin', iat: 0, exp: 1 } : null),
  } as unknown as AgentTokens;
  const agents = {
    findById: (id: string) => Promise.resolve(id === stored?.id ? stored : null),
  } as unknown as AgentsRepository;
  return new AgentAuthGuard(new Reflector(), tokens, agents);
}

function call(controller: object, handler: (...args: never[]) => unknown, authorization?: string) {
  const request = { headers: authorization === undefined ? {} : { authorization } } as AgentRequest;
  const headers: Record<string, string> = {};
  const response = { setHeader: (name: string, value: string) => (headers[name] = value) };
  const context = {
    switchToHttp: () => ({ getRequest: () => request, getResponse: () => response }),
    getHandler: () => handler,
    getClass: () => controller,
  } as unknown as ExecutionContext;
  return { context, request, headers };
}

async function admits(role: AgentRole, controller: object, handler: (...args: never[]) => unknown): Promise<boolean> {
  const { context } = call(controller, handler, 'Bearer good');
  try {
    return await guardFor(agentWith(role)).canActivate(context);
  } catch (error) {
    if (error instanceof ForbiddenException) return false;
    throw error;
  }
}

describe('AgentAuthGuard', () => {
  describe('roles are hierarchical: admin ⊃ supervisor ⊃ agent', () => {
    const routes = Routes.prototype;
    it.each<[AgentRole, boolean, boolean, boolean, boolean]>([
      // role,        admin route, supervisor route, agent route, no @Roles
      ['agent', false, false, true, true],
      ['supervisor', false, true, true, true],
      ['admin', true, true, true, true],
    ])('%s', async (role, admin, supervisor, agent, anyone) => {
      expect([
        await admits(role, Routes, routes.forAdmins),
        await admits(role, Routes, routes.forSupervisors),
        await admits(role, Routes, routes.forAgents),
        await admits(role, Routes, routes.forAnyone),
      ]).toEqual([admin, supervisor, agent, anyone]);
    });

    it("takes a route's @Roles over its controller's", async () => {
      expect(await admits('agent', AdminRoutes, AdminRoutes.prototype.me)).toBe(true);
      expect(await admits('agent', AdminRoutes, AdminRoutes.prototype.list)).toBe(false);
      expect(await admits('admin', AdminRoutes, AdminRoutes.prototype.list)).toBe(true);
    });

    it('answers a too-low role with 403, not 401', async () => {
      const { context } = call(Routes, Routes.prototype.forAdmins, 'Bearer good');
      await expect(guardFor(agentWith('supervisor')).canActivate(context)).rejects.toBeInstanceOf(ForbiddenException);
    });
  });

  it('puts the signed-in agent on the request, without the password hash', async () => {
    const { context, request } = call(Routes, Routes.prototype.forAnyone, 'bearer good');
    await guardFor(agentWith('supervisor')).canActivate(context);
    expect(request.agent).toEqual({ id: AGENT_ID, username: 'supervisor.one', displayName: 'A supervisor', role: 'supervisor' });
  });

  it.each([
    ['no Authorization header', undefined, 'Bearer'],
    ['another scheme', 'Basic YWRtaW46YWRtaW4=', 'Bearer'],
    ['an empty bearer', 'Bearer ', 'Bearer'],
    ['a token we did not sign', 'Bearer forged.token.here', 'Bearer error="invalid_token"'],
  ])('refuses %s with 401 and a Bearer challenge', async (_what, authorization, challenge) => {
    const { context, headers } = call(Routes, Routes.prototype.forAnyone, authorization);
    await expect(guardFor(agentWith('admin')).canActivate(context)).rejects.toBeInstanceOf(UnauthorizedException);
    expect(headers['WWW-Authenticate']).toBe(challenge);
  });

  it('refuses a good token whose agent was deactivated or removed, whatever the role', async () => {
    for (const stored of [agentWith('admin', false), null]) {
      const { context, headers } = call(Routes, Routes.prototype.forAnyone, 'Bearer good');
      await expect(guardFor(stored).canActivate(context)).rejects.toBeInstanceOf(UnauthorizedException);
      expect(headers['WWW-Authenticate']).toBe('Bearer error="invalid_token"');
    }
  });

  it("trusts the stored role over the token's: a demoted admin is an agent at once", async () => {
    // The fake token claims admin; the database says agent.
    expect(await admits('agent', Routes, Routes.prototype.forAdmins)).toBe(false);
  });
});
