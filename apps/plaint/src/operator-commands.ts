import { DataSource } from 'typeorm';
import { createMessageBus } from '@plaint/bus';
import type { PlaintConfig } from '@plaint/config';
import { isTopicName } from '@plaint/contracts';
import { dataSourceOptions, migrateWithLock } from '@plaint/persistence';

/** `plaint migrate`: brings the database schema up to date (Postgres migrations, SQLite sync). */
export async function runMigrations(config: PlaintConfig): Promise<void> {
  const dataSource = await new DataSource(dataSourceOptions(config.database)).initialize();
  try {
    if (config.database.kind === 'postgres') {
      const applied = await migrateWithLock(dataSource);
      process.stdout.write(`applied ${applied.length} migration(s)${applied.map((name) => `\n  ${name}`).join('')}\n`);
    } else {
      process.stdout.write(`SQLite schema at ${config.database.file} is up to date\n`);
    }
  } finally {
    await dataSource.destroy();
  }
}

/** `plaint dlq:replay <topic>`: an operator sends dead letters back after fixing their cause. */
export async function replayDeadLetters(config: PlaintConfig, topic: string): Promise<void> {
  if (!isTopicName(topic)) throw new Error(`unknown topic "${topic}"`);
  const bus = createMessageBus(config.bus);
  try {
    const count = await bus.replayDeadLetters(topic);
    process.stdout.write(`replayed ${count} dead letter(s) to ${topic}\n`);
  } finally {
    await bus.close();
  }
}
