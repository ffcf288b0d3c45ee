import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, type Repository } from 'typeorm';
import { AgentEntity } from '@plaint/persistence';

export type AgentChanges = Partial<Pick<AgentEntity, 'displayName' | 'role' | 'active' | 'email' | 'language' | 'updatedAt'>>;

/** The agents table, and nothing else: the use cases hold the rules. */
@Injectable()
export class AgentsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private get agents(): Repository<AgentEntity> {
    return this.dataSource.getRepository(AgentEntity);
  }

  findById(id: string): Promise<AgentEntity | null> {
    return this.agents.findOneBy({ id });
  }

  findByIds(ids: readonly string[]): Promise<AgentEntity[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.agents.findBy({ id: In([...new Set(ids)]) });
  }

  findByUsername(username: string): Promise<AgentEntity | null> {
    return this.agents.findOneBy({ username });
  }

  list(): Promise<AgentEntity[]> {
    return this.agents.find({ order: { username: 'ASC' } });
  }

  listActive(): Promise<AgentEntity[]> {
    return this.agents.find({ where: { active: true }, order: { displayName: 'ASC', username: 'ASC' } });
  }

  countActiveAdmins(): Promise<number> {
    return this.agents.countBy({ role: 'admin', active: true });
  }

  async insert(agent: AgentEntity): Promise<void> {
    await this.agents.insert(agent);
  }

  async update(id: string, changes: AgentChanges): Promise<void> {
    await this.agents.update({ id }, changes);
  }
}
