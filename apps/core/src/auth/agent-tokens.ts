import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { PLAINT_CONFIG, type PlaintConfig } from '@plaint/config';
import { Clock } from '@plaint/domain';
import type { AgentEntity } from '@plaint/persistence';
import { AGENT_ROLES, type AgentRole } from './agent-role';

/** What a bearer token says. `role` is informational: the guard trusts the database's. */
export interface AgentTokenClaims {
  sub: string;
  role: AgentRole;
  iat: number;
  exp: number;
}

export interface IssuedToken {
  accessToken: string;
  /** Seconds. */
  expiresIn: number;
  expiresAt: Date;
}

const ALGORITHM = 'HS256';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const seconds = (date: Date) => Math.floor(date.getTime() / 1000);

/**
 * Signs and checks the agent API's bearer tokens (JWT, HS256, the installation's auth secret).
 * Issue and expiry both read the injected Clock, so a test that moves time sees tokens expire.
 */
@Injectable()
export class AgentTokens {
  constructor(
    private readonly jwt: JwtService,
    private readonly clock: Clock,
    @Inject(PLAINT_CONFIG) private readonly config: PlaintConfig,
  ) {}

  async issue(agent: Pick<AgentEntity, 'id' | 'role'>): Promise<IssuedToken> {
    const expiresIn = this.config.auth.tokenTtlSeconds;
    const iat = seconds(this.clock.now());
    const claims: AgentTokenClaims = { sub: agent.id, role: agent.role, iat, exp: iat + expiresIn };
    const accessToken = await this.jwt.signAsync(claims, { algorithm: ALGORITHM });
    return { accessToken, expiresIn, expiresAt: new Date((iat + expiresIn) * 1000) };
  }

  /** The claims of a token we signed that has not expired, or null for anything else. */
  async verify(token: string): Promise<AgentTokenClaims | null> {
    let claims: Partial<Record<keyof AgentTokenClaims, unknown>>;
    try {
      claims = await this.jwt.verifyAsync(token, { algorithms: [ALGORITHM], clockTimestamp: seconds(this.clock.now()) });
    } catch {
      return null;
    }
    const { sub, role, iat, exp } = claims;
    if (typeof sub !== 'string' || !UUID.test(sub)) return null;
    if (typeof iat !== 'number' || typeof exp !== 'number') return null;
    if (typeof role !== 'string' || !(AGENT_ROLES as readonly string[]).includes(role)) return null;
    return { sub, role: role as AgentRole, iat, exp };
  }
}
