import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { Clock } from '@plaint/domain';
import { AgentEntity } from '@plaint/persistence';

/** Whether a Telegram user is an agent who linked their account (agents.telegram_user_id). */
export abstract class LinkedAgents {
  abstract isAgent(telegramUserId: string): Promise<boolean>;
  /** Forgets what was cached of a user: they are linking their account now. */
  abstract forget(telegramUserId: string): void;
}

const TTL_MS = 30_000;
const MAX_ENTRIES = 10_000;

/**
 * Reads agents (owned by core) and remembers the answer for 30 s: every direct message to the
 * staff bot asks, and linking or unlinking is rare. A user who just linked is asked again at
 * once (see forget); one just unlinked still counts for up to 30 s, and core refuses them.
 */
@Injectable()
export class SqlLinkedAgents extends LinkedAgents {
  private readonly cache = new Map<string, { agent: boolean; until: number }>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {
    super();
  }

  async isAgent(telegramUserId: string): Promise<boolean> {
    const cached = this.cache.get(telegramUserId);
    if (cached && cached.until > this.clock.now().getTime()) return cached.agent;
    const agent = await this.dataSource.getRepository(AgentEntity).existsBy({ telegramUserId });
    // A plain bound on memory: many customers write to the same bot.
    if (this.cache.size >= MAX_ENTRIES) this.cache.clear();
    this.cache.set(telegramUserId, { agent, until: this.clock.now().getTime() + TTL_MS });
    return agent;
  }

  forget(telegramUserId: string): void {
    this.cache.delete(telegramUserId);
  }
}
