import { Injectable } from '@nestjs/common';
import { MessageBus } from '@plaint/bus';
import { CORRELATION_HEADER, TELEGRAM_UPDATES_TOPIC } from '@plaint/contracts';
import { Clock } from '@plaint/domain';
import { correlationIdFrom, inSpan, SpanKind } from '@plaint/observability';

/** An update as Telegram sent it: an object with an integer update_id. */
export type RawUpdate = Record<string, unknown> & { update_id: number };

export function isRawUpdate(value: unknown): value is RawUpdate {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && Number.isSafeInteger((value as { update_id?: unknown }).update_id);
}

/**
 * Puts updates of a bot on the bus as they came, keyed by chat so one chat's updates stay in
 * order; resolves once the bus has accepted them all. The webhook and the poller both answer
 * Telegram (or move their offset) only after that.
 */
@Injectable()
export class AcceptUpdates {
  constructor(
    private readonly bus: MessageBus,
    private readonly clock: Clock,
  ) {}

  async execute(bot: string, updates: readonly RawUpdate[]): Promise<void> {
    if (updates.length === 0) return;
    const receivedAt = this.clock.now().toISOString();
    const publish = () =>
      this.bus.publish(
        TELEGRAM_UPDATES_TOPIC,
        updates.map((update) => ({
          key: `${bot}:${chatOf(update) ?? update.update_id}`,
          value: { bot, updateId: update.update_id, receivedAt, update },
          headers: { [CORRELATION_HEADER]: correlationIdFrom(undefined) },
        })),
      );
    await inSpan('telegram updates received', { 'plaint.channel': 'telegram', 'plaint.update.count': updates.length }, publish, { kind: SpanKind.SERVER });
  }
}

function chatOf(update: RawUpdate): number | undefined {
  for (const value of Object.values(update)) {
    const chat = (value as { chat?: { id?: unknown } } | null)?.chat;
    if (typeof chat?.id === 'number') return chat.id;
  }
  return undefined;
}
