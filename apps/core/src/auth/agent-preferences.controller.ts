import { Body, Controller, Get, Put, UseFilters, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CoreErrorFilter } from '../errors/core-error.filter';
import { AgentAuthGuard } from './agent-auth.guard';
import { AgentPreferences, PreferencesDto, PreferencesView } from './agent-preferences';
import { CurrentAgent, type SignedInAgent } from './current-agent.decorator';

@ApiTags('agents')
@ApiBearerAuth()
@Controller('api/v1/agent/me')
@UseGuards(AgentAuthGuard)
@UseFilters(CoreErrorFilter)
export class AgentPreferencesController {
  constructor(private readonly preferences: AgentPreferences) {}

  @Get('preferences')
  @ApiOkResponse({ type: PreferencesView })
  @ApiOperation({ summary: 'The desk’s language for the signed-in agent, and the company’s time zone' })
  read(@CurrentAgent() agent: SignedInAgent): Promise<PreferencesView> {
    return this.preferences.read(agent.id);
  }

  @Put('preferences')
  @ApiOkResponse({ type: PreferencesView })
  @ApiOperation({ summary: 'Choose the desk’s language (az, ru, en); notifications follow it' })
  choose(@Body() body: PreferencesDto, @CurrentAgent() agent: SignedInAgent): Promise<PreferencesView> {
    return this.preferences.choose(agent.id, body.language);
  }
}
