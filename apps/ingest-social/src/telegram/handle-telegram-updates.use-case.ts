import { Inject, Injectable, Logger } from '@nestjs/common';
import { type BusRecord, MessageBus, type OutgoingMessage } from '@plaint/bus';
import { PLAINT_CONFIG, type PlaintConfig } from '@plaint/config';
import { CORRELATION_HEADER, INBOUND_TOPIC, type InboundMessageV1, type TelegramUpdateV1 } from '@plaint/contracts';
import { customerKey } from '@plaint/domain';
import { correlationIdFrom, Metrics } from '@plaint/observability';
import { RawMessageStore } from '@plaint/persistence';
import { TelegramBots } from '@plaint/telegram';
import { directReplyText } from './direct-replies';
import { readUpdate, type UpdateReading } from './read-update';
import { fetchFiles } from './telegram-files';
import { toInboundMessage } from './to-inbound-message';

const REPLY_ATTEMPTS = 3;

/**
 * Turns the accepted updates into inbound messages (files fetched into the blob store), or
 * answers them directly (a greeting, a request for words), or leaves them. The inbound
 * messages of a batch go on the bus together; a failure there fails the batch, which the bus
 * retries, and a repeat is harmless (core keeps a message once).
 */
@Injectable()
export class HandleTelegramUpdates {
  private readonly logger = new Logger('Telegram');

  constructor(
    private readonly bots: TelegramBots,
    private readonly bus: MessageBus,
    private readonly store: RawMessageStore,
    private readonly metrics: Metrics,
    @Inject(PLAINT_CONFIG) private readonly config: PlaintConfig,
  ) {}

  async execute(records: readonly BusRecord<TelegramUpdateV1>[]): Promise<void> {
    const inbound: OutgoingMessage<InboundMessageV1>[] = [];
    const replies: Extract<UpdateReading, { kind: 'reply' }>[] = [];
    for (const record of records) {
      const bot = this.bots.get(record.value.bot);
      if (!bot) {
        this.logger.warn(`update ${record.value.updateId} for bot "${record.value.bot}", which this process does not run: left`);
        continue;
      }
      const reading = readUpdate(bot.name, record.value.update);
      if (reading.kind === 'ignore') {
        this.logger.debug(`update ${record.value.updateId} of bot ${bot.name} ignored: ${reading.why}`);
      } else if (reading.kind === 'reply') {
        replies.push(reading);
      } else {
        const files = await fetchFiles(bot.client, this.store, reading.message.files, this.config.telegram.maxFileBytes);
        const message = toInboundMessage(reading.message, files);
        const correlationId = correlationIdFrom(record.headers[CORRELATION_HEADER]);
        inbound.push({ key: customerKey('telegram', message.sender, message.conversation), value: message, headers: { [CORRELATION_HEADER]: correlationId } });
      }
    }
    if (inbound.length > 0) {
      await this.bus.publish(INBOUND_TOPIC, inbound);
      this.metrics.messagesIngested.inc({ channel: 'telegram' }, inbound.length);
    }
    for (const reply of replies) await this.answer(reply);
  }

  /** A direct answer waits out Telegram's 429 a few times; it is not worth holding the chat's updates longer. */
  private async answer(reply: Extract<UpdateReading, { kind: 'reply' }>): Promise<void> {
    const messenger = this.bots.get(reply.bot)?.messenger;
    if (!messenger) return;
    const text = directReplyText(reply.reply, reply.language ?? this.config.policy.defaultLanguage);
    for (let attempt = 1; ; attempt += 1) {
      const outcome = await messenger.send(reply.chatId, text);
      if (outcome.ok) return;
      if (outcome.retryAfterMs === undefined || attempt >= REPLY_ATTEMPTS) {
        this.logger.warn(`the ${reply.reply} to a chat of bot ${reply.bot} was not sent: ${outcome.reason}`);
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, outcome.retryAfterMs));
    }
  }
}
