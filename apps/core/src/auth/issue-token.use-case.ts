import { Injectable } from '@nestjs/common';
import { AgentError } from './agent-error';
import { AgentTokens } from './agent-tokens';
import { toSignedInAgent } from './agent-view';
import type { AgentTokenView } from './agent.dto';
import type { SignedInAgent } from './current-agent.decorator';
import { VerifyCredentials } from './verify-credentials.use-case';

export type AgentTokenResponse = AgentTokenView;

async function tokenFor(tokens: AgentTokens, agent: SignedInAgent): Promise<AgentTokenResponse> {
  const { accessToken, expiresIn, expiresAt } = await tokens.issue(agent);
  return { accessToken, tokenType: 'Bearer', expiresIn, expiresAt: expiresAt.toISOString(), agent };
}

/** Sign-in: a username and password for a bearer token. */
@Injectable()
export class IssueToken {
  constructor(
    private readonly credentials: VerifyCredentials,
    private readonly tokens: AgentTokens,
  ) {}

  async execute(username: string, password: string): Promise<AgentTokenResponse> {
    const agent = await this.credentials.execute(username, password);
    if (!agent) throw new AgentError({ code: 'bad_credentials' });
    return tokenFor(this.tokens, toSignedInAgent(agent));
  }
}

/**
 * A fresh token for an agent whose token is still valid, so the desk renews its session before
 * it expires without asking for the password again. The guard in front has just read the agent:
 * a deactivated one is refused like on any request, and the new token carries the current role.
 */
@Injectable()
export class RenewToken {
  constructor(private readonly tokens: AgentTokens) {}

  execute(agent: SignedInAgent): Promise<AgentTokenResponse> {
    return tokenFor(this.tokens, agent);
  }
}
