import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Agents work from their own mailbox and from Telegram (docs/agent-channels.md): where each agent
 * is told of their work and their linked Telegram account, one-time link codes, the commands
 * received by mail or Telegram (kept once by id), the notifier's messages to staff, and the care
 * team's forum topic of each complaint. `timestamp` and `uuid` are the dialect's types.
 */
export const AGENT_COLUMNS = ['notify_via', 'language', 'telegram_user_id', 'telegram_chat_id', 'telegram_bot'];

export function agentChannelsSchema(types: { timestamp: string; uuid: string }): string[] {
  const { timestamp, uuid } = types;
  return [
    `ALTER TABLE agents ADD COLUMN notify_via varchar(16) NOT NULL DEFAULT 'email'`,
    `ALTER TABLE agents ADD COLUMN language varchar(8)`,
    `ALTER TABLE agents ADD COLUMN telegram_user_id varchar(32)`,
    `ALTER TABLE agents ADD COLUMN telegram_chat_id varchar(32)`,
    `ALTER TABLE agents ADD COLUMN telegram_bot varchar(32)`,
    `CREATE UNIQUE INDEX uq_agents_telegram_user ON agents (telegram_user_id)`,
    `CREATE TABLE agent_link_codes (
        code_hash varchar(64) PRIMARY KEY NOT NULL, agent_id ${uuid} NOT NULL,
        expires_at ${timestamp} NOT NULL, used_at ${timestamp}
      )`,
    `CREATE TABLE agent_commands (
        command_id varchar(300) PRIMARY KEY NOT NULL, source varchar(16) NOT NULL, sender varchar(320) NOT NULL,
        agent_id ${uuid}, complaint_id ${uuid}, outcome varchar(16) NOT NULL, reason text,
        received_at ${timestamp} NOT NULL
      )`,
    `CREATE INDEX ix_agent_commands_sender ON agent_commands (sender, received_at)`,
    `CREATE TABLE staff_notifications (
        id ${uuid} PRIMARY KEY NOT NULL, dedup_key varchar(200) NOT NULL, route varchar(16) NOT NULL,
        recipient varchar(320) NOT NULL, agent_id ${uuid}, complaint_id ${uuid}, reference varchar(32),
        kind varchar(32) NOT NULL, subject varchar(500) NOT NULL, text text NOT NULL,
        status varchar(16) NOT NULL, status_reason varchar(500), attempts integer NOT NULL,
        created_at ${timestamp} NOT NULL, sent_at ${timestamp}, next_attempt_at ${timestamp},
        message_id varchar(300), in_reply_to varchar(998)
      )`,
    `CREATE UNIQUE INDEX uq_staff_notifications_key ON staff_notifications (dedup_key)`,
    `CREATE INDEX ix_staff_notifications_pending ON staff_notifications (status, next_attempt_at)`,
    `CREATE INDEX ix_staff_notifications_recipient ON staff_notifications (route, recipient, sent_at)`,
    `CREATE TABLE staff_topics (
        complaint_id ${uuid} PRIMARY KEY NOT NULL, reference varchar(32) NOT NULL, bot varchar(32) NOT NULL,
        chat_id varchar(32) NOT NULL, thread_id varchar(32) NOT NULL, created_at ${timestamp} NOT NULL
      )`,
    `CREATE UNIQUE INDEX uq_staff_topics_thread ON staff_topics (chat_id, thread_id)`,
  ];
}

export function dropAgentChannelsSchema(): string[] {
  return [
    `DROP TABLE staff_topics`,
    `DROP TABLE staff_notifications`,
    `DROP TABLE agent_commands`,
    `DROP TABLE agent_link_codes`,
    `DROP INDEX uq_agents_telegram_user`,
    ...AGENT_COLUMNS.map((column) => `ALTER TABLE agents DROP COLUMN ${column}`),
  ];
}

export class AgentChannels1764600000000 implements MigrationInterface {
  name = 'AgentChannels1764600000000';

  async up(runner: QueryRunner): Promise<void> {
    for (const statement of agentChannelsSchema({ timestamp: 'timestamptz', uuid: 'uuid' })) await runner.query(statement);
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const statement of dropAgentChannelsSchema()) await runner.query(statement);
  }
}
