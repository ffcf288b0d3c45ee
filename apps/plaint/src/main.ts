import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '@plaint/config';
import { PinoLogger } from '@plaint/observability';
import { startPlaint } from './bootstrap';
import { stopOnSignals } from './graceful-shutdown';
import { CommandFailed, createAdminAgent, readAdminPassword, replayDeadLetters, runMigrations, runRetention } from './operator-commands';
import { setTelegramWebhooks } from './set-telegram-webhooks';
import { waitForSchema } from './schema-wait';

const USAGE = `usage: plaint [serve | migrate | dlq:replay <topic> | retention:run | agent:create-admin <username> | telegram:set-webhook]

  serve               run the services PLAINT_APP names (default: all) — the default command
  migrate             apply pending database migrations and exit
  dlq:replay <topic>  republish the dead letters of <topic> (e.g. plaint.inbound.v1) and exit
  retention:run       erase the personal data of complaints closed longer than PLAINT_RETENTION_DAYS ago, and exit
  agent:create-admin <username> [--name "Display Name"] [--email <address>]
                      create an admin of the agent API and exit; the password comes from
                      PLAINT_ADMIN_PASSWORD, else a prompt at a terminal, else the first line of stdin
  telegram:set-webhook
                      register each Telegram bot's webhook (PLAINT_TELEGRAM_PUBLIC_URL/webhooks/telegram/<bot>,
                      with PLAINT_TELEGRAM_WEBHOOK_SECRET) with Telegram, and exit`;

async function main(argv: string[]): Promise<void> {
  const [command = 'serve', ...args] = argv;
  switch (command) {
    case 'serve':
      await serve();
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
    case 'retention:run':
      await runRetention(loadConfig());
      return;
    case 'agent:create-admin': {
      const admin = adminArguments(args);
      const config = loadConfig();
      await createAdminAgent(config, { ...admin, password: await readAdminPassword(process.env) });
      return;
    }
    case 'telegram:set-webhook':
      await setTelegramWebhooks(loadConfig());
      return;
    case '--help':
    case 'help':
      process.stdout.write(`${USAGE}\n`);
      return;
    default:
      throw new UsageError(`unknown command "${command}"`);
  }
}

/**
 * Waits for the database schema when another process migrates it, boots, and from then on
 * stops cleanly on SIGTERM/SIGINT within PLAINT_SHUTDOWN_GRACE_SECONDS.
 */
async function serve(): Promise<void> {
  const config = loadConfig();
  const logger = new PinoLogger(config.logLevel);
  await waitForSchema(config, logger);
  const running = await startPlaint();
  stopOnSignals(running, config.shutdownGraceSeconds, logger);
}

class UsageError extends Error {}

function adminArguments(args: string[]): { username: string; displayName?: string; email?: string } {
  let parsed;
  try {
    parsed = parseArgs({ args, allowPositionals: true, options: { name: { type: 'string' }, email: { type: 'string' } } });
  } catch (error) {
    throw new UsageError(`agent:create-admin: ${(error as Error).message}`);
  }
  const [username, ...extra] = parsed.positionals;
  if (!username || extra.length > 0) throw new UsageError('agent:create-admin needs one username');
  return { username, displayName: parsed.values.name, email: parsed.values.email };
}

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof ConfigError) {
    process.stderr.write(`plaint: configuration error: ${error.message}\n`);
  } else if (error instanceof CommandFailed) {
    process.stderr.write(`plaint: ${error.message}\n`);
  } else if (error instanceof UsageError) {
    process.stderr.write(`plaint: ${error.message}\n${USAGE}\n`);
  } else {
    process.stderr.write(`plaint: ${(error as Error).stack ?? String(error)}\n`);
  }
  process.exit(1);
});
