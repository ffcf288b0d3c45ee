import 'reflect-metadata';
import { ConfigError, loadConfig } from '@plaint/config';
import { startPlaint } from './bootstrap';
import { replayDeadLetters, runMigrations } from './operator-commands';

const USAGE = `usage: plaint [serve | migrate | dlq:replay <topic>]

  serve               run the services PLAINT_APP names (default: all) — the default command
  migrate             apply pending database migrations and exit
  dlq:replay <topic>  republish the dead letters of <topic> (e.g. plaint.inbound.v1) and exit`;

async function main(argv: string[]): Promise<void> {
  const [command = 'serve', ...args] = argv;
  switch (command) {
    case 'serve':
      await startPlaint({ shutdownHooks: true });
      return;
    case 'migrate':
      await runMigrations(loadConfig());
      return;
    case 'dlq:replay': {
      const [topic] = args;
      if (!topic) throw new UsageError('dlq:replay needs a topic');
      await replayDeadLetters(loadConfig(), topic);
      return;
    }
    case '--help':
    case 'help':
      process.stdout.write(`${USAGE}\n`);
      return;
    default:
      throw new UsageError(`unknown command "${command}"`);
  }
}

class UsageError extends Error {}

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof ConfigError) {
    process.stderr.write(`plaint: configuration error: ${error.message}\n`);
  } else if (error instanceof UsageError) {
    process.stderr.write(`plaint: ${error.message}\n${USAGE}\n`);
  } else {
    process.stderr.write(`plaint: ${(error as Error).stack ?? String(error)}\n`);
  }
  process.exit(1);
});
