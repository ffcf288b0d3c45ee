import { Body, Controller, HttpCode, Post, UseFilters, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AgentAuthGuard } from './agent-auth.guard';
import { AgentTokenView, IssueTokenDto } from './agent.dto';
import { CurrentAgent, type SignedInAgent } from './current-agent.decorator';
import { CoreErrorFilter } from '../errors/core-error.filter';
import { AgentTokenThrottler } from './agent-token.throttler';
import { type AgentTokenResponse, IssueToken, RenewToken } from './issue-token.use-case';

@ApiTags('auth')
@Controller('api/v1/agent/auth')
@UseFilters(CoreErrorFilter)
export class AgentTokenController {
  constructor(
    private readonly issueToken: IssueToken,
    private readonly renewToken: RenewToken,
  ) {}

  @ApiOperation({
    summary: 'Sign in: a bearer token for the agent API. 401, one message, for any bad sign-in; 429 when guessing too fast',
  })
  @Post('token')
  @HttpCode(200)
  @ApiOkResponse({ type: AgentTokenView })
  @UseGuards(AgentTokenThrottler)
  token(@Body() body: IssueTokenDto): Promise<AgentTokenResponse> {
    return this.issueToken.execute(body.username, body.password);
  }

  @ApiOperation({ summary: 'Renew a still-valid bearer token: a fresh one, for as long as a sign-in gives; 401 once it has expired' })
  @Post('refresh')
  @HttpCode(200)
  @ApiBearerAuth()
  @ApiOkResponse({ type: AgentTokenView })
  @UseGuards(AgentAuthGuard)
  refresh(@CurrentAgent() agent: SignedInAgent): Promise<AgentTokenResponse> {
    return this.renewToken.execute(agent);
  }
}
