import { Inject, Injectable, Logger } from '@nestjs/common';
import { PLAINT_CONFIG, type PlaintConfig } from '@plaint/config';
import type { AgentCommandV1 } from '@plaint/contracts';
import { AGENT_COMMAND_HELP, type AgentCommand, BusinessCalendar, Clock, parseAgentCommand } from '@plaint/domain';
import { AgentCommandEntity } from '@plaint/persistence';
import { type AgentWork, WorkOnComplaint } from '../agent-api/work-on-complaint.use-case';
import { toSignedInAgent } from '../auth/agent-view';
import { ApplicationError } from '../errors/application-error';
import { CoreStore, type StoreSession } from '../store/core-store';
import { agentEvent } from './agent-events';
import { CommandRefused, senderAudience, senderOf } from './command-refused';
import { commandSender } from './command-sender';
import { linkTelegram } from './link-telegram';

export type CommandOutcome = 'done' | 'refused' | 'ignored' | 'repeat';

/** What a command did, for its agent_commands row. */
interface Done {
  outcome: 'done' | 'ignored';
  reason?: string;
  agentId?: string;
  complaintId?: string;
}

/**
 * An agent's command by mail or Telegram (docs/agent-channels.md), once per command id: the
 * sender is authenticated, the first line read, and the work done through the agent API's own
 * use case with the agent as actor, in the transaction that records the command. A refusal
 * (of the sender, of the command, of the lifecycle or of access) rolls all that back; a second
 * transaction records it and tells the sender why.
 */
@Injectable()
export class ActOnAgentCommand {
  private readonly logger = new Logger(ActOnAgentCommand.name);

  constructor(
    private readonly store: CoreStore,
    private readonly work: WorkOnComplaint,
    private readonly calendar: BusinessCalendar,
    private readonly clock: Clock,
    @Inject(PLAINT_CONFIG) private readonly config: PlaintConfig,
  ) {}

  async execute(command: AgentCommandV1): Promise<CommandOutcome> {
    try {
      return await this.store.transactionRetryingStale(async (store) => {
        if (await store.agentChannels.findCommand(command.commandId)) return 'repeat';
        const done = await this.act(store, command);
        await store.agentChannels.recordCommand(this.row(command, done.outcome, done));
        return done.outcome;
      });
    } catch (error) {
      const refusal = asRefusal(error);
      if (!refusal) throw error;
      return this.refuse(command, refusal);
    }
  }

  private async act(store: StoreSession, command: AgentCommandV1): Promise<Done> {
    // Out-of-office, auto-replies and bounces are kept and never answered: answering starts loops.
    const automated = command.email?.automated;
    if (automated) return { outcome: 'ignored', reason: automated };
    const parsed = parseAgentCommand(command.text);
    if (parsed.kind === 'link') return this.link(store, command, parsed.code);
    const { agent, complaint } = await commandSender(store, command, this.config.referenceSecret);
    const found = { agentId: agent.id };
    if (command.telegram?.edited) {
      throw new CommandRefused('An edited message is not sent again. Write a new message instead.', found);
    }
    const work = await this.workOf(store, parsed, agent.id, found);
    try {
      const row = await this.work.within(store, complaint, work, toSignedInAgent(agent));
      return { outcome: 'done', agentId: agent.id, complaintId: row.id };
    } catch (error) {
      if (error instanceof ApplicationError) throw new CommandRefused(`${error.message}. Nothing was done.`, found);
      throw error;
    }
  }

  private async link(store: StoreSession, command: AgentCommandV1, code: string): Promise<Done> {
    const { telegram } = command;
    if (!telegram || telegram.group) {
      throw new CommandRefused('Nothing was linked: send the link code to the bot in a direct Telegram chat, never in a group where others read it. Ask Plaint for a new code.');
    }
    const agent = await linkTelegram(store, telegram, code, this.clock.now());
    await store.outbox.enqueue(
      [
        agentEvent(
          {
            type: 'telegram.linked',
            audience: { agentIds: [agent.id], telegramBot: telegram.bot, telegramChatId: telegram.chatId, inReplyTo: telegram.messageId },
            text: `This Telegram account is now linked to ${agent.displayName}.`,
            actor: agent.displayName,
          },
          this.clock.now(),
          agent.id,
        ),
      ],
      this.clock.now(),
    );
    return { outcome: 'done', agentId: agent.id };
  }

  /** The agent API work a parsed command is; what is not one is refused with how to write it. */
  private async workOf(store: StoreSession, parsed: AgentCommand, agentId: string, found: { agentId: string }): Promise<AgentWork> {
    switch (parsed.kind) {
      case 'reply':
        return { type: 'reply', text: parsed.text };
      case 'note':
        return { type: 'note', text: parsed.text };
      case 'accept':
        return { type: 'lifecycle', command: { type: 'accept' } };
      case 'review':
        return { type: 'lifecycle', command: { type: 'startReview' } };
      case 'reviewed':
        return { type: 'lifecycle', command: { type: 'finishReview', result: parsed.result } };
      case 'details':
        return { type: 'lifecycle', command: { type: 'requestDetails', what: parsed.what, from: 'customer' } };
      case 'extend':
        return { type: 'lifecycle', command: { type: 'extend', reason: parsed.reason, newDate: this.endOfDay(parsed.date, found) } };
      case 'resolve':
        if (!parsed.rootCause) throw new CommandRefused('Nothing was done: tag the root cause with a line "cause: <category>" under #resolve.', found);
        return { type: 'lifecycle', command: { type: 'resolve', outcome: parsed.outcome, rootCause: parsed.rootCause } };
      case 'close':
        return { type: 'lifecycle', command: { type: 'close' } };
      case 'assign': {
        if (parsed.to === 'me') return { type: 'assign', agentId };
        const target = await store.agentChannels.findActiveByUsername(parsed.to);
        if (!target) throw new CommandRefused(`Nothing was done: there is no active agent "${parsed.to}".`, found);
        return { type: 'assign', agentId: target.id };
      }
      case 'invalid':
        throw new CommandRefused(`Nothing was done: ${parsed.problem}.`, found);
      case 'unknown':
        throw new CommandRefused(`Nothing was done: ${parsed.word} is not a command, and it was not sent to the customer. Commands: ${AGENT_COMMAND_HELP}`, found);
      case 'empty':
        throw new CommandRefused('Nothing was done: the message is empty.', found);
      case 'link':
        throw new CommandRefused('Send the link code to the bot in a direct Telegram chat.', found);
    }
  }

  private endOfDay(date: string, found: { agentId: string }): Date {
    try {
      return this.calendar.endOfDay(date);
    } catch {
      throw new CommandRefused(`Nothing was done: ${date} is not a date.`, found);
    }
  }

  /** Records the refusal and tells the sender, once: a redelivered refused command is not answered twice. */
  private async refuse(command: AgentCommandV1, refusal: CommandRefused): Promise<CommandOutcome> {
    this.logger.log(`agent command ${command.commandId} refused: ${refusal.reason}`);
    return this.store.transaction(async (store) => {
      if (await store.agentChannels.findCommand(command.commandId)) return 'repeat';
      const now = this.clock.now();
      await store.agentChannels.recordCommand(this.row(command, 'refused', { reason: refusal.reason, ...refusal.found }));
      const key = refusal.found.complaintId ?? senderOf(command);
      await store.outbox.enqueue([agentEvent({ type: 'command.refused', audience: senderAudience(command), text: refusal.reason }, now, key)], now);
      return 'refused';
    });
  }

  private row(command: AgentCommandV1, outcome: AgentCommandEntity['outcome'], details: Omit<Done, 'outcome'>): AgentCommandEntity {
    return Object.assign(new AgentCommandEntity(), {
      commandId: command.commandId,
      source: command.source,
      sender: senderOf(command).slice(0, 320),
      agentId: details.agentId ?? null,
      complaintId: details.complaintId ?? null,
      outcome,
      reason: details.reason ?? null,
      receivedAt: this.clock.now(),
    });
  }
}

/** A refusal to tell the sender, or undefined for a failure (the bus retries those). */
function asRefusal(error: unknown): CommandRefused | undefined {
  if (error instanceof CommandRefused) return error;
  if (error instanceof ApplicationError) return new CommandRefused(`${error.message}. Nothing was done.`);
  return undefined;
}
