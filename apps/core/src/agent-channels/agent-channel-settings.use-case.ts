import { Inject, Injectable } from '@nestjs/common';
import { PLAINT_CONFIG, type PlaintConfig } from '@plaint/config';
import { Clock } from '@plaint/domain';
import { AgentLinkCodeEntity, type AgentNotifyVia, type AgentEntity } from '@plaint/persistence';
import { AgentApiRefused } from '../agent-api/agent-api.errors';
import { CoreStore, type StoreSession } from '../store/core-store';
import type { NotificationsView, TelegramLinkCodeView } from './agent-channels.dto';
import { linkCodeHash, newLinkCode } from './link-code';

/**
 * The signed-in agent's own channels: where they are told of their work, and the link of their
 * Telegram account (a one-time code they send the bot; only its hash is stored).
 */
@Injectable()
export class AgentChannelSettings {
  constructor(
    private readonly store: CoreStore,
    private readonly clock: Clock,
    @Inject(PLAINT_CONFIG) private readonly config: PlaintConfig,
  ) {}

  async notifications(agentId: string): Promise<NotificationsView> {
    return notificationsView(await this.agent(this.store.reads(), agentId));
  }

  async setNotifications(agentId: string, via: AgentNotifyVia): Promise<NotificationsView> {
    return this.store.transaction(async (store) => {
      const agent = await this.agent(store, agentId);
      if ((via === 'email' || via === 'both') && !agent.email) throw new AgentApiRefused('conflict', 'Your account has no e-mail address; ask an admin to add one first');
      if ((via === 'telegram' || via === 'both') && !agent.telegramUserId) throw new AgentApiRefused('conflict', 'Link your Telegram account first (POST /api/v1/agent/me/telegram-link)');
      await store.agentChannels.setNotifyVia(agentId, via, this.clock.now());
      return notificationsView({ ...agent, notifyVia: via });
    });
  }

  /**
   * A new code replaces any unused one; it works once, for config.staff.linkCodeTtlMinutes.
   * Without a staff bot there is nobody to send it to: refused, and nothing is stored.
   */
  async issueLinkCode(agentId: string): Promise<TelegramLinkCodeView> {
    const bot = this.config.staff.telegramBot;
    if (!bot) throw new AgentApiRefused('conflict', 'Staff Telegram is not configured on this installation, so there is no bot to link your account with');
    const code = newLinkCode();
    const expiresAt = new Date(this.clock.now().getTime() + this.config.staff.linkCodeTtlMinutes * 60_000);
    await this.store.transaction(async (store) => {
      await this.agent(store, agentId);
      await store.agentChannels.dropUnusedLinkCodes(agentId);
      await store.agentChannels.saveLinkCode(Object.assign(new AgentLinkCodeEntity(), { codeHash: linkCodeHash(code), agentId, expiresAt, usedAt: null }));
    });
    return {
      code,
      expiresAt: expiresAt.toISOString(),
      bot,
      instructions: `Open a direct chat with the care team's bot in Telegram and send: /link ${code} (valid for ${this.config.staff.linkCodeTtlMinutes} minutes, once).`,
    };
  }

  async unlinkTelegram(agentId: string): Promise<NotificationsView> {
    return this.store.transaction(async (store) => {
      const agent = await this.agent(store, agentId);
      await store.agentChannels.unlinkTelegram(agentId, this.clock.now());
      // Nothing can reach a Telegram account that is gone: fall back to mail, or to nothing.
      const via: AgentNotifyVia = agent.notifyVia === 'telegram' || agent.notifyVia === 'both' ? (agent.email ? 'email' : 'none') : agent.notifyVia;
      if (via !== agent.notifyVia) await store.agentChannels.setNotifyVia(agentId, via, this.clock.now());
      return notificationsView({ ...agent, notifyVia: via, telegramUserId: null });
    });
  }

  private async agent(store: StoreSession, agentId: string): Promise<AgentEntity> {
    const agent = await store.agentChannels.findAgent(agentId);
    if (!agent?.active) throw new AgentApiRefused('not-found', 'No such agent');
    return agent;
  }
}

function notificationsView(agent: Pick<AgentEntity, 'notifyVia' | 'telegramUserId' | 'email'>): NotificationsView {
  return { via: agent.notifyVia, telegramLinked: agent.telegramUserId !== null, email: agent.email };
}
