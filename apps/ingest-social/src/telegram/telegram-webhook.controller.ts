import { Body, Controller, HttpCode, Logger, NotFoundException, Param, Post, ServiceUnavailableException, BadRequestException } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { TelegramBots } from '@plaint/telegram';
import { AcceptUpdates, isRawUpdate } from './accept-updates';

/**
 * Where Telegram posts a bot's updates (`plaint telegram:set-webhook` registers it). The secret
 * token was checked before the body was read (telegramWebhookGate). Answers 200 once the update
 * is on the bus, and does nothing else on the request: Telegram redelivers whatever was not
 * answered 200, and the bus copy is worked through by TelegramUpdatesHandler.
 */
@ApiExcludeController()
@Controller('webhooks/telegram')
export class TelegramWebhookController {
  private readonly logger = new Logger('Telegram');

  constructor(
    private readonly bots: TelegramBots,
    private readonly acceptUpdates: AcceptUpdates,
  ) {}

  @Post(':bot')
  @HttpCode(200)
  async receive(@Param('bot') bot: string, @Body() body: unknown): Promise<Record<string, never>> {
    if (!this.bots.get(bot)) throw new NotFoundException({ message: `No Telegram bot named "${bot}" runs here`, errors: [] });
    if (!isRawUpdate(body)) throw new BadRequestException({ message: 'The body is not a Telegram update (no integer update_id)', errors: [] });
    try {
      await this.acceptUpdates.execute(bot, [body]);
    } catch (error) {
      this.logger.error(`update ${body.update_id} of bot ${bot} not accepted by the bus (Telegram will send it again): ${(error as Error).message}`);
      throw new ServiceUnavailableException({ message: 'The update could not be taken now; send it again', errors: [] });
    }
    return {};
  }
}
