import { Injectable } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { AGENT_ROLES, type AgentRole } from './agent-role';
import { AgentsRepository } from './agents.repository';

/** One active member of staff, as much as a supervisor needs to assign work: no username, no e-mail. */
export class StaffMemberView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() displayName!: string;
  @ApiProperty({ enum: AGENT_ROLES }) role!: AgentRole;
}

/** The active staff by name, for choosing whom a complaint goes to. */
@Injectable()
export class ListStaff {
  constructor(private readonly agents: AgentsRepository) {}

  async execute(): Promise<StaffMemberView[]> {
    return (await this.agents.listActive()).map((agent) => ({ id: agent.id, displayName: agent.displayName, role: agent.role }));
  }
}
