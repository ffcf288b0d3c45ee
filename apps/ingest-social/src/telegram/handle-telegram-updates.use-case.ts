import { Inject, Injectable, Logger } from '@nestjs/common';
import { type BusRecord, MessageBus, type OutgoingMessage } from '@plaint/bus';
import { PLAINT_CONFIG, type PlaintConfig } from '@plaint/config';
import {
  AGENT_COMMANDS_TOPIC,
  type AgentCommandV1,
  CORRELATION_HEADER,
  INBOUND_TOPIC,
  type InboundMessageV1,
  type TelegramUpdateV1,
} from '@plaint/contracts';
import { customerKey } from '@plaint/domain';
import { correlationIdFrom, Metrics } from '@plaint/observability';
import { RawMessageStore } from '@plaint/persistence';
import { TelegramBots } from '@plaint/telegram';
import { directReplyText } from './direct-replies';
import { LinkedAgents } from './linked-agents';
import { isLinkAttempt, type StaffContext } from './read-staff-message';
import { privateSenderOf, readUpdate, type UpdateReading } from './read-update';
import { fetchFiles } from './telegram-files';
import { toInboundMessage } from './to-inbound-message';

const REPLY_ATTEMPTS = 3;

/**
 * Turns the accepted updates into inbound messages (files fetched into the blob store) or, for
 * staff's messages to the staff bot, into agents' commands; or answers them directly (a
 * greeting, a request for words), or leaves them. The messages of a batch go on the bus
 * together; a failure there fails the batch, which the bus retries, and a repeat is harmless
 * (core keeps a message, and a command, once).
 */
@Injectable()
export class HandleTelegramUpdates {
  private readonly logger = new Logger('Telegram');

  constructor(
    private readonly bots: TelegramBots,
    private readonly bus: MessageBus,
    private readonly store: RawMessageStore,
    private readonly metrics: Metrics,
    private readonly linkedAgents: LinkedAgents,
    @Inject(PLAINT_CONFIG) private readonly config: PlaintConfig,
  ) {}

  async execute(records: readonly BusRecord<TelegramUpdateV1>[]): Promise<void> {
    const inbound: OutgoingMessage<InboundMessageV1>[] = [];
    const commands: OutgoingMessage<AgentCommandV1>[] = [];
    const replies: Extract<UpdateReading, { kind: 'reply' }>[] = [];
    for (const record of records) {
      const bot = this.bots.get(record.value.bot);
      if (!bot) {
        this.logger.warn(`update ${record.value.updateId} for bot "${record.value.bot}", which this process does not run: left`);
        continue;
      }
      const reading = readUpdate(bot.name, record.value.update, await this.staffContext(bot.name, record.value.update));
      const correlation = { [CORRELATION_HEADER]: correlationIdFrom(record.headers[CORRELATION_HEADER]) };
      if (reading.kind === 'ignore') {
        this.logger.debug(`update ${record.value.updateId} of bot ${bot.name} ignored: ${reading.why}`);
      } else if (reading.kind === 'agent') {
        const { key, command } = reading.message;
        if (isLinkAttempt(command.text) && command.telegram) this.linkedAgents.forget(command.telegram.userId);
        commands.push({ key, value: command, headers: correlation });
      } else if (reading.kind === 'reply') {
        replies.push(reading);
      } else {
        const files = await fetchFiles(bot.client, this.store, reading.message.files, this.config.telegram.maxFileBytes);
        const message = toInboundMessage(reading.message, files);
        inbound.push({ key: customerKey('telegram', message.sender, message.conversation), value: message, headers: correlation });
      }
    }
    if (commands.length > 0) await this.bus.publish(AGENT_COMMANDS_TOPIC, commands);
    if (inbound.length > 0) {
      await this.bus.publish(INBOUND_TOPIC, inbound);
      this.metrics.messagesIngested.inc({ channel: 'telegram' }, inbound.length);
    }
    for (const reply of replies) await this.answer(reply);
  }

  /** The staff bot and group, and, for a direct chat with the staff bot, whether the sender is a linked agent. */
  private async staffContext(bot: string, update: Record<string, unknown>): Promise<StaffContext> {
    const { telegramBot: staffBot, telegramGroupId: staffGroupId } = this.config.staff;
    const sender = bot === staffBot ? privateSenderOf(update) : undefined;
    return { staffBot, staffGroupId, senderIsAgent: sender !== undefined && (await this.linkedAgents.isAgent(sender)) };
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
