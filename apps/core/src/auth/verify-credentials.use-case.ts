import { Injectable } from '@nestjs/common';
import type { AgentEntity } from '@plaint/persistence';
import { AgentsRepository } from './agents.repository';
import { PasswordHasher } from './password-hasher';

/**
 * The active agent a username and password belong to, or null. Every way of failing (unknown
 * user, wrong password, inactive agent) runs one argon2 verification, so neither the answer nor
 * its timing tells them apart.
 */
@Injectable()
export class VerifyCredentials {
  constructor(
    private readonly agents: AgentsRepository,
    private readonly passwords: PasswordHasher,
  ) {}

  async execute(usernameInput: string, password: string): Promise<AgentEntity | null> {
    const username = usernameInput.trim().toLowerCase();
    const agent = username ? await this.agents.findByUsername(username) : null;
    if (!agent) {
      await this.passwords.verifyNobody(password);
      return null;
    }
    const matches = await this.passwords.verify(agent.passwordHash, password);
    return matches && agent.active ? agent : null;
  }
}
