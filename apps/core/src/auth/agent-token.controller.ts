import { Body, Controller, HttpCode, Post, UseFilters, UseGuards } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { IssueTokenDto } from './agent.dto';
import { CoreErrorFilter } from '../errors/core-error.filter';
import { AgentTokenThrottler } from './agent-token.throttler';
import { type AgentTokenResponse, IssueToken } from './issue-token.use-case';

@ApiTags('auth')
@Controller('api/v1/agent/auth')
@UseFilters(CoreErrorFilter)
export class AgentTokenController {
  constructor(private readonly issueToken: IssueToken) {}

  @ApiOperation({
    summary: 'Sign in: a bearer token for the agent API. 401, one message, for any bad sign-in; 429 when guessing too fast',
  })
  @Post('token')
  @HttpCode(200)
  @UseGuards(AgentTokenThrottler)
  token(@Body() body: IssueTokenDto): Promise<AgentTokenResponse> {
    return this.issueToken.execute(body.username, body.password);
  }
}
