import { Injectable } from '@nestjs/common';
import { AgentError } from './agent-error';
import { AgentTokens } from './agent-tokens';
import { toSignedInAgent } from './agent-view';
import type { SignedInAgent } from './current-agent.decorator';
import { VerifyCredentials } from './verify-credentials.use-case';

export interface AgentTokenResponse {
  accessToken: string;
  tokenType: 'Bearer';
  expiresIn: number;
  agent: SignedInAgent;
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
    const { accessToken, expiresIn } = await this.tokens.issue(agent);
    return { accessToken, tokenType: 'Bearer', expiresIn, agent: toSignedInAgent(agent) };
  }
}
