import type { AgentAudienceV1, AgentCommandV1 } from '@plaint/contracts';

/**
 * A command by mail or Telegram that is not carried out: the reason goes back to the sender in
 * plain words, and nothing else changes. What was learnt before the refusal (the agent, the
 * complaint) is kept with it in agent_commands.
 */
export class CommandRefused extends Error {
  constructor(
    readonly reason: string,
    readonly found: { agentId?: string; complaintId?: string } = {},
  ) {
    super(reason);
    this.name = 'CommandRefused';
  }
}

/** Where a refusal goes: back to the address or the chat (and topic) the command came from, in its thread. */
export function senderAudience(command: AgentCommandV1): AgentAudienceV1 {
  const { email, telegram } = command;
  if (telegram) {
    return {
      telegramBot: telegram.bot,
      telegramChatId: telegram.chatId,
      ...(telegram.threadId ? { telegramThreadId: telegram.threadId } : {}),
      inReplyTo: telegram.messageId,
    };
  }
  return { emailAddress: email?.from ?? '', ...(email?.messageId ? { inReplyTo: email.messageId } : {}) };
}

/** Who sent the command, as agent_commands keeps it: the From address or the Telegram user id. */
export function senderOf(command: AgentCommandV1): string {
  return command.telegram ? `telegram:${command.telegram.userId}` : (command.email?.from.trim().toLowerCase() ?? 'unknown');
}
