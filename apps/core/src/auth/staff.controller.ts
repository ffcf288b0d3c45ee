import { Controller, Get, UseFilters, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CoreErrorFilter } from '../errors/core-error.filter';
import { AgentAuthGuard } from './agent-auth.guard';
import { ListStaff, StaffMemberView } from './list-staff.use-case';
import { Roles } from './roles.decorator';

/** Who can be given a complaint: the supervisors' view of the staff (the accounts themselves are the admins'). */
@ApiTags('agents')
@ApiBearerAuth()
@Controller('api/v1/agent/staff')
@UseGuards(AgentAuthGuard)
@UseFilters(CoreErrorFilter)
export class StaffController {
  constructor(private readonly staff: ListStaff) {}

  @Get()
  @Roles('supervisor')
  @ApiOkResponse({ type: [StaffMemberView] })
  @ApiOperation({ summary: 'The active staff with id, display name and role, by name (supervisors)' })
  list(): Promise<StaffMemberView[]> {
    return this.staff.execute();
  }
}
