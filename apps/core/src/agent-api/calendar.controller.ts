import { Controller, Get, Query, UseFilters, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiDefaultResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AgentAuthGuard } from '../auth/agent-auth.guard';
import { CoreErrorFilter } from '../errors/core-error.filter';
import { BusinessDaysQuery } from './agent-api.dto';
import { BusinessDaysView, ErrorView } from './agent-api.responses';
import { ReadBusinessDays } from './read-business-days.use-case';

/** The company's business calendar, as the desk's date picker reads it. */
@ApiTags('desk')
@ApiBearerAuth()
@Controller('api/v1/agent/calendar')
@UseGuards(AgentAuthGuard)
@UseFilters(CoreErrorFilter)
@ApiDefaultResponse({ type: ErrorView, description: 'A refusal or an error' })
export class CalendarController {
  constructor(private readonly businessDays: ReadBusinessDays) {}

  @Get()
  @ApiOkResponse({ type: BusinessDaysView })
  @ApiOperation({ summary: 'The business days of a period (at most 366 days; the current month without dates), in the company’s time zone' })
  read(@Query() query: BusinessDaysQuery): BusinessDaysView {
    return this.businessDays.execute(query);
  }
}
