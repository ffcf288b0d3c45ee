import { type EntityManager, IsNull, MoreThan } from 'typeorm';
import { AgentCommandEntity, AgentEntity, AgentLinkCodeEntity, type AgentNotifyVia, StaffTopicEntity } from '@plaint/persistence';

/**
 * What core keeps of agents' own channels: the commands they sent by mail or Telegram (once
 * each), their Telegram links and link codes, and where they want to be told of their work.
 * The staff group's topics are the notifier's; core only reads them.
 */
export class AgentChannelRepository {
  constructor(private readonly manager: EntityManager) {}

  findAgent(id: string): Promise<AgentEntity | null> {
    return this.manager.findOneBy(AgentEntity, { id });
  }

  findActiveByUsername(username: string): Promise<AgentEntity | null> {
    return this.manager.findOneBy(AgentEntity, { username, active: true });
  }

  /** The active agent whose registered address this is, compared without regard to case. */
  findActiveByEmail(address: string): Promise<AgentEntity | null> {
    return this.manager
      .getRepository(AgentEntity)
      .createQueryBuilder('agent')
      .where('LOWER(agent.email) = :address', { address: address.trim().toLowerCase() })
      .andWhere('agent.active = :active', { active: true })
      .getOne();
  }

  findActiveByTelegramUser(userId: string): Promise<AgentEntity | null> {
    return this.manager.findOneBy(AgentEntity, { telegramUserId: userId, active: true });
  }

  /**
   * Records a command in the caller's transaction. Its id is the primary key: should the same
   * message be taken twice at once, one insert fails and that transaction acts on nothing.
   */
  async recordCommand(command: AgentCommandEntity): Promise<void> {
    await this.manager.insert(AgentCommandEntity, command);
  }

  findCommand(commandId: string): Promise<AgentCommandEntity | null> {
    return this.manager.findOneBy(AgentCommandEntity, { commandId });
  }

  /** The complaint whose staff-group topic this is. */
  async complaintOfTopic(chatId: string, threadId: string): Promise<string | null> {
    const topic = await this.manager.findOneBy(StaffTopicEntity, { chatId, threadId });
    return topic?.complaintId ?? null;
  }

  async saveLinkCode(code: AgentLinkCodeEntity): Promise<void> {
    await this.manager.insert(AgentLinkCodeEntity, code);
  }

  /** Forgets an agent's codes not used yet: a new code replaces the one given before. */
  async dropUnusedLinkCodes(agentId: string): Promise<void> {
    await this.manager.delete(AgentLinkCodeEntity, { agentId, usedAt: IsNull() });
  }

  /**
   * Uses a link code once: the agent it was made for, or null when it is unknown, expired or
   * used. The conditional update lets only one of two concurrent uses win.
   */
  async useLinkCode(codeHash: string, now: Date): Promise<string | null> {
    const result = await this.manager.update(AgentLinkCodeEntity, { codeHash, usedAt: IsNull(), expiresAt: MoreThan(now) }, { usedAt: now });
    if (!result.affected) return null;
    const code = await this.manager.findOneBy(AgentLinkCodeEntity, { codeHash });
    return code?.agentId ?? null;
  }

  /** Binds a Telegram account (and the direct chat with the bot) to an agent; another agent holding it loses it. */
  async linkTelegram(agentId: string, telegram: { userId: string; chatId: string; bot: string }, now: Date): Promise<void> {
    await this.manager.update(AgentEntity, { telegramUserId: telegram.userId }, { telegramUserId: null, telegramChatId: null, telegramBot: null, updatedAt: now });
    await this.manager.update(AgentEntity, { id: agentId }, { telegramUserId: telegram.userId, telegramChatId: telegram.chatId, telegramBot: telegram.bot, updatedAt: now });
  }

  async unlinkTelegram(agentId: string, now: Date): Promise<void> {
    await this.manager.update(AgentEntity, { id: agentId }, { telegramUserId: null, telegramChatId: null, telegramBot: null, updatedAt: now });
  }

  async setNotifyVia(agentId: string, via: AgentNotifyVia, now: Date): Promise<void> {
    await this.manager.update(AgentEntity, { id: agentId }, { notifyVia: via, updatedAt: now });
  }
}
