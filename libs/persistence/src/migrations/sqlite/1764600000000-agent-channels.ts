import type { MigrationInterface, QueryRunner } from 'typeorm';
import { AGENT_COLUMNS, agentChannelsSchema, dropAgentChannelsSchema } from '../1764600000000-agent-channels';

/**
 * The SQLite twin of AgentChannels1764600000000, in SQLite's types. A file an older release built
 * with TypeORM's synchronize may already have the schema (the baseline adopts such files as they
 * are), so it is taken as it is.
 */
export class SqliteAgentChannels1764600000000 implements MigrationInterface {
  name = 'SqliteAgentChannels1764600000000';

  async up(runner: QueryRunner): Promise<void> {
    const columns = (await runner.query(`PRAGMA table_info("agents")`)) as { name: string }[];
    if (columns.some((column) => AGENT_COLUMNS.includes(column.name))) return;
    for (const statement of agentChannelsSchema({ timestamp: 'datetime', uuid: 'varchar' })) await runner.query(statement);
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const statement of dropAgentChannelsSchema()) await runner.query(statement);
  }
}
