import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { AGENT_NOTIFY_VIA, type AgentNotifyVia } from '@plaint/persistence';

/** PUT /api/v1/agent/me/notifications */
export class NotificationsDto {
  @ApiProperty({ enum: AGENT_NOTIFY_VIA, description: 'Where you are told of your work: e-mail, Telegram, both, or nowhere' })
  @IsIn(AGENT_NOTIFY_VIA)
  via!: AgentNotifyVia;
}

/** Where the signed-in agent is told of their work. */
export class NotificationsView {
  @ApiProperty({ enum: AGENT_NOTIFY_VIA }) via!: AgentNotifyVia;
  @ApiProperty({ description: 'Whether a Telegram account is linked (needed for "telegram" and "both")' }) telegramLinked!: boolean;
  @ApiProperty({ type: String, nullable: true, description: 'The address notifications by e-mail go to' }) email!: string | null;
}

/** A one-time code to link a Telegram account. */
export class TelegramLinkCodeView {
  @ApiProperty({ example: 'K7QM2XHF' }) code!: string;
  @ApiProperty({ format: 'date-time' }) expiresAt!: string;
  @ApiProperty({ description: 'The bot to send it to, by its configured name' }) bot!: string;
  @ApiProperty({ example: 'Open a direct chat with the care bot in Telegram and send: /link K7QM2XHF' }) instructions!: string;
}
