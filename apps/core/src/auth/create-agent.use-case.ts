import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { QueryFailedError } from 'typeorm';
import { cleanName } from '@plaint/contracts';
import { Clock } from '@plaint/domain';
import { AgentEntity } from '@plaint/persistence';
import { accountProblems, type NewAgentAccount } from './agent-account-rules';
import { AgentError } from './agent-error';
import { type AgentView, toAgentView } from './agent-view';
import { AgentsRepository } from './agents.repository';
import { PasswordHasher } from './password-hasher';

/** A new staff account, active at once; from the admin API and `plaint agent:create-admin`. */
@Injectable()
export class CreateAgent {
  constructor(
    private readonly agents: AgentsRepository,
    private readonly passwords: PasswordHasher,
    private readonly clock: Clock,
  ) {}

  async execute(account: NewAgentAccount): Promise<AgentView> {
    const fields = accountProblems(account);
    if (fields.length > 0) throw new AgentError({ code: 'invalid', fields });
    if (await this.agents.findByUsername(account.username)) throw new AgentError({ code: 'username_taken', username: account.username });

    const now = this.clock.now();
    const agent = Object.assign(new AgentEntity(), {
      id: randomUUID(),
      username: account.username,
      displayName: cleanName(account.displayName),
      email: account.email?.trim() || null,
      passwordHash: await this.passwords.hash(account.password),
      role: account.role,
      active: true,
      createdAt: now,
      updatedAt: now,
    });
    try {
      await this.agents.insert(agent);
    } catch (error) {
      // Two creations of one username at once: the unique index lets one through.
      if (error instanceof QueryFailedError && (await this.agents.findByUsername(account.username))) {
        throw new AgentError({ code: 'username_taken', username: account.username });
      }
      throw error;
    }
    return toAgentView(agent);
  }
}
