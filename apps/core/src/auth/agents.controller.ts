import { BadRequestException, Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post, UseFilters, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuditTrail } from '../audit/audit-trail';
import { CreateAgentDto, UpdateAgentDto } from './agent.dto';
import { CoreErrorFilter } from '../errors/core-error.filter';
import { AgentAuthGuard } from './agent-auth.guard';
import type { AgentView } from './agent-view';
import { CreateAgent } from './create-agent.use-case';
import { CurrentAgent, type SignedInAgent } from './current-agent.decorator';
import { ListAgents } from './list-agents.use-case';
import { Roles } from './roles.decorator';
import { UpdateAgent } from './update-agent.use-case';

/** Staff accounts: admins manage them; every agent may ask who they are signed in as. */
@ApiTags('agents')
@ApiBearerAuth()
@Controller('api/v1/agent/agents')
@UseGuards(AgentAuthGuard)
@UseFilters(CoreErrorFilter)
@Roles('admin')
export class AgentsController {
  constructor(
    private readonly createAgent: CreateAgent,
    private readonly listAgents: ListAgents,
    private readonly updateAgent: UpdateAgent,
    private readonly audit: AuditTrail,
  ) {}

  @ApiOperation({ summary: 'The signed-in agent (any role)' })
  @Get('me')
  @Roles('agent')
  me(@CurrentAgent() agent: SignedInAgent): SignedInAgent {
    return agent;
  }

  @ApiOperation({ summary: 'Create a staff account (admins); 409 when the username is taken' })
  @Post()
  async create(@Body() body: CreateAgentDto, @CurrentAgent() admin: SignedInAgent): Promise<AgentView> {
    const created = await this.createAgent.execute(body);
    await this.audit.record({ actorId: admin.id, action: 'agent.created', subject: { kind: 'agent', id: created.id }, details: { role: created.role } });
    return created;
  }

  @ApiOperation({ summary: 'Every staff account, active or not (admins)' })
  @Get()
  list(): Promise<AgentView[]> {
    return this.listAgents.execute();
  }

  @ApiOperation({ summary: 'Rename, change the role or e-mail address of, deactivate or reactivate an agent (admins); 409 for the last active admin, or an admin deactivating themselves' })
  @Patch(':id')
  async update(@Param('id', new ParseUUIDPipe()) id: string, @Body() body: UpdateAgentDto, @CurrentAgent() admin: SignedInAgent): Promise<AgentView> {
    if (body.displayName === undefined && body.role === undefined && body.active === undefined && body.email === undefined) {
      throw new BadRequestException({ message: 'Some fields are not valid', errors: [{ field: 'body', problems: ['give displayName, role, active or email'] }] });
    }
    const updated = await this.updateAgent.execute(id, body, admin.id);
    // Which fields changed, and the new role and activity; never the names themselves.
    const details: Record<string, string | boolean> = { changed: Object.keys(body).filter((key) => body[key as keyof UpdateAgentDto] !== undefined).sort().join(',') };
    if (body.role !== undefined) details.role = body.role;
    if (body.active !== undefined) details.active = body.active;
    await this.audit.record({ actorId: admin.id, action: 'agent.updated', subject: { kind: 'agent', id }, details });
    return updated;
  }
}
