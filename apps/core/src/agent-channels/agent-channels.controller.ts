import { Body, Controller, Delete, Get, HttpCode, Post, Put, UseFilters, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiDefaultResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ErrorView } from '../agent-api/agent-api.responses';
import { AgentAuthGuard } from '../auth/agent-auth.guard';
import { CurrentAgent, type SignedInAgent } from '../auth/current-agent.decorator';
import { CoreErrorFilter } from '../errors/core-error.filter';
import { AgentChannelSettings } from './agent-channel-settings.use-case';
import { NotificationsDto, NotificationsView, TelegramLinkCodeView } from './agent-channels.dto';

/** The signed-in agent's own channels: notifications, and answering from Telegram (docs/agent-channels.md). */
@ApiTags('agents')
@ApiBearerAuth()
@Controller('api/v1/agent/me')
@UseGuards(AgentAuthGuard)
@UseFilters(CoreErrorFilter)
@ApiDefaultResponse({ type: ErrorView, description: 'A refusal or an error' })
export class AgentChannelsController {
  constructor(private readonly settings: AgentChannelSettings) {}

  @Get('notifications')
  @ApiOkResponse({ type: NotificationsView })
  @ApiOperation({ summary: 'Where you are told of your work' })
  notifications(@CurrentAgent() agent: SignedInAgent): Promise<NotificationsView> {
    return this.settings.notifications(agent.id);
  }

  @Put('notifications')
  @ApiOkResponse({ type: NotificationsView })
  @ApiOperation({ summary: 'Choose e-mail, Telegram, both or none; 409 when that channel is not set up for you' })
  setNotifications(@Body() body: NotificationsDto, @CurrentAgent() agent: SignedInAgent): Promise<NotificationsView> {
    return this.settings.setNotifications(agent.id, body.via);
  }

  @Post('telegram-link')
  @HttpCode(201)
  @ApiCreatedResponse({ type: TelegramLinkCodeView })
  @ApiOperation({ summary: 'A one-time code to send the bot in a direct chat (/link CODE); a new code replaces the last one; 409 when staff Telegram is not configured' })
  linkCode(@CurrentAgent() agent: SignedInAgent): Promise<TelegramLinkCodeView> {
    return this.settings.issueLinkCode(agent.id);
  }

  @Delete('telegram-link')
  @ApiOkResponse({ type: NotificationsView })
  @ApiOperation({ summary: 'Unlink your Telegram account; notifications by Telegram fall back to e-mail' })
  unlink(@CurrentAgent() agent: SignedInAgent): Promise<NotificationsView> {
    return this.settings.unlinkTelegram(agent.id);
  }
}
