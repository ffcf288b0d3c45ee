import type { AgentTelegramOriginV1 } from '@plaint/contracts';
import type { AgentEntity } from '@plaint/persistence';
import type { StoreSession } from '../store/core-store';
import { CommandRefused } from './command-refused';
import { linkCodeHash } from './link-code';

/**
 * Binds the Telegram account that sent a one-time code to the agent the code was made for; the
 * code is used up. An unknown, used or expired code links nothing.
 */
export async function linkTelegram(store: StoreSession, telegram: AgentTelegramOriginV1, code: string, now: Date): Promise<AgentEntity> {
  const agentId = await store.agentChannels.useLinkCode(linkCodeHash(code), now);
  const agent = agentId ? await store.agentChannels.findAgent(agentId) : null;
  if (!agent?.active) throw new CommandRefused('This link code is unknown, used or expired. Ask Plaint for a new one.');
  await store.agentChannels.linkTelegram(agent.id, { userId: telegram.userId, chatId: telegram.chatId, bot: telegram.bot }, now);
  return agent;
}
