import type { MigrationInterface, QueryRunner } from 'typeorm';
import { agentChannelsSchema, dropAgentChannelsSchema } from '../1764600000000-agent-channels';

/** The SQLite twin of AgentChannels1764600000000, in SQLite's types. */
export class SqliteAgentChannels1764600000000 implements MigrationInterface {
  name = 'SqliteAgentChannels1764600000000';

  async up(runner: QueryRunner): Promise<void> {
    for (const statement of agentChannelsSchema({ timestamp: 'datetime', uuid: 'varchar' })) await runner.query(statement);
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const statement of dropAgentChannelsSchema()) await runner.query(statement);
  }
}
