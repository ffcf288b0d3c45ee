import { Injectable } from '@nestjs/common';
import { type AgentView, toAgentView } from './agent-view';
import { AgentsRepository } from './agents.repository';

/** Every staff account, active or not, by username. */
@Injectable()
export class ListAgents {
  constructor(private readonly agents: AgentsRepository) {}

  async execute(): Promise<AgentView[]> {
    return (await this.agents.list()).map(toAgentView);
  }
}
