import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { type BusRecord, OnBatch } from '@plaint/bus';
import { TELEGRAM_UPDATES_TOPIC, type TelegramUpdateV1 } from '@plaint/contracts';
import { HandleTelegramUpdates } from './handle-telegram-updates.use-case';

export const TELEGRAM_GROUP = 'ingest-social-telegram';

/** Works through the updates the webhook or the poller accepted, in each chat's order. */
@Controller()
export class TelegramUpdatesHandler {
  constructor(private readonly handleUpdates: HandleTelegramUpdates) {}

  @OnBatch(TELEGRAM_UPDATES_TOPIC, TELEGRAM_GROUP)
  async handle(@Payload() records: readonly BusRecord<TelegramUpdateV1>[]): Promise<void> {
    await this.handleUpdates.execute(records);
  }
}
