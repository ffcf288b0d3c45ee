import type { AgentCommandV1 } from '@plaint/contracts';
import { verifyAgentReplyToken } from '@plaint/domain';
import type { AgentEntity } from '@plaint/persistence';
import type { StoreSession } from '../store/core-store';
import { CommandRefused } from './command-refused';

/** The agent a command is from, and the complaint it is about (an id or a reference). */
export interface CommandSender {
  agent: AgentEntity;
  complaint: string;
}

const NOT_LINKED =
  'Your Telegram account is not linked to a Plaint agent, so nothing was done. Get a code in Plaint ' +
  '(POST /api/v1/agent/me/telegram-link) and send "/link <code>" to the bot in a direct chat.';
const WHICH_COMPLAINT = 'Nothing was done: reply to a notification about the complaint, or write in the complaint’s topic.';

/**
 * Who wrote, shown rather than claimed. A mail: the From address must be an active agent's
 * registered address, and the token it answers must have been made for that very agent; the
 * token alone names the complaint, so a token taken from one notification acts on its
 * complaint only. A Telegram message: the sender's user id must be linked to an active agent;
 * the complaint is the topic's, else the one the replied-to notification names.
 */
export async function commandSender(store: StoreSession, command: AgentCommandV1, secret: string): Promise<CommandSender> {
  if (command.telegram) {
    const agent = await store.agentChannels.findActiveByTelegramUser(command.telegram.userId);
    if (!agent) throw new CommandRefused(NOT_LINKED);
    const { chatId, threadId, group } = command.telegram;
    const inTopic = group && threadId ? await store.agentChannels.complaintOfTopic(chatId, threadId) : null;
    const complaint = inTopic ?? command.reference;
    if (!complaint) throw new CommandRefused(WHICH_COMPLAINT, { agentId: agent.id });
    return { agent, complaint };
  }
  const from = command.email?.from ?? '';
  const agent = from ? await store.agentChannels.findActiveByEmail(from) : null;
  if (!agent) throw new CommandRefused(`${from || 'This address'} is not the registered address of a Plaint agent, so nothing was done.`);
  const token = command.email?.token;
  const reference = token ? verifyAgentReplyToken(secret, token, agent.id) : null;
  if (!reference) {
    throw new CommandRefused('This mail does not answer a notification sent to you, so nothing was done. Reply to the notification itself.', { agentId: agent.id });
  }
  return { agent, complaint: reference };
}
