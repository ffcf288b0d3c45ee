import { ConfigError } from './config-error';

type Env = Record<string, string | undefined>;

/** One Telegram bot the installation runs: its name (in webhook paths and recipients) and token. */
export interface TelegramBot {
  /** Lower-case letters, digits, _ and -; `default` for a single token given without a name. */
  name: string;
  /** The BotFather token (it grants the bot: never log it). */
  token: string;
}

/** The Telegram channel: off while no bot is configured. */
export interface TelegramConfig {
  bots: TelegramBot[];
  /** webhook: Telegram posts updates to us (production); polling: we ask it (a laptop). */
  mode: 'webhook' | 'polling';
  /** What Telegram sends in X-Telegram-Bot-Api-Secret-Token; required in webhook mode. */
  webhookSecret: string | undefined;
  /** Our public base URL (https://…) that `plaint telegram:set-webhook` registers with Telegram. */
  publicUrl: string | undefined;
  /** The Bot API server, https://api.telegram.org unless a local Bot API server (or a test's fake) is used. */
  apiRoot: string;
  /** Largest file (photo, document, voice) downloaded into the blob store. */
  maxFileBytes: number;
  /** How long one getUpdates call waits for updates in polling mode. */
  pollTimeoutSeconds: number;
  /** Messages per second to all chats of one bot (Telegram allows about 30). */
  sendsPerSecond: number;
  /** Shortest gap between two messages to one chat (Telegram asks for about one a second). */
  chatSendIntervalMs: number;
}

const BOT_NAME = /^[a-z0-9_-]{1,32}$/;
const TOKEN = /^\d{1,20}:[A-Za-z0-9_-]{20,100}$/;
const SECRET = /^[A-Za-z0-9_-]{16,256}$/;

/**
 * PLAINT_TELEGRAM_BOT_TOKEN: one token, or several bots as `name=token,name2=token2`. A token
 * alone is the bot named `default`.
 */
function bots(env: Env): TelegramBot[] {
  const raw = env.PLAINT_TELEGRAM_BOT_TOKEN?.trim();
  if (!raw) return [];
  const entries = raw.split(',').map((entry) => entry.trim());
  const parsed = entries.map((entry) => {
    const equals = entry.indexOf('=');
    const name = equals === -1 ? 'default' : entry.slice(0, equals).trim();
    const token = equals === -1 ? entry : entry.slice(equals + 1).trim();
    if (!BOT_NAME.test(name)) {
      throw new ConfigError('PLAINT_TELEGRAM_BOT_TOKEN', `bot name "${name}" must be 1 to 32 of a-z, 0-9, _ and -`);
    }
    if (!TOKEN.test(token)) {
      throw new ConfigError('PLAINT_TELEGRAM_BOT_TOKEN', `the token of bot "${name}" does not look like a BotFather token (digits:letters)`);
    }
    return { name, token };
  });
  const names = parsed.map((bot) => bot.name);
  const repeated = names.find((name, i) => names.indexOf(name) !== i);
  if (repeated !== undefined) throw new ConfigError('PLAINT_TELEGRAM_BOT_TOKEN', `bot "${repeated}" is named twice (use name=token,name2=token2)`);
  return parsed;
}

function webUrl(env: Env, name: string, fallback: string | undefined): string | undefined {
  const raw = env[name]?.trim() || fallback;
  if (raw === undefined) return undefined;
  let url: URL | undefined;
  try {
    url = new URL(raw);
  } catch {
    url = undefined;
  }
  if (!url || !['http:', 'https:'].includes(url.protocol)) throw new ConfigError(name, `must be an http:// or https:// URL, got "${raw}"`);
  return raw.replace(/\/+$/, '');
}

/** `receivesUpdates`: the process runs ingest-social (the notifier only sends). */
export function telegramConfig(
  env: Env,
  integer: (name: string, fallback: number, min: number, max: number) => number,
  receivesUpdates: boolean,
): TelegramConfig {
  const configured = bots(env);
  const rawMode = env.PLAINT_TELEGRAM_MODE?.trim() || 'webhook';
  if (rawMode !== 'webhook' && rawMode !== 'polling') throw new ConfigError('PLAINT_TELEGRAM_MODE', `must be webhook or polling, got "${rawMode}"`);
  const webhookSecret = env.PLAINT_TELEGRAM_WEBHOOK_SECRET?.trim() || undefined;
  if (webhookSecret !== undefined && !SECRET.test(webhookSecret)) {
    throw new ConfigError('PLAINT_TELEGRAM_WEBHOOK_SECRET', 'must be 16 to 256 of A-Z, a-z, 0-9, _ and - (what Telegram accepts)');
  }
  if (receivesUpdates && configured.length > 0 && rawMode === 'webhook' && webhookSecret === undefined) {
    throw new ConfigError('PLAINT_TELEGRAM_WEBHOOK_SECRET', 'is required in webhook mode (or set PLAINT_TELEGRAM_MODE=polling)');
  }
  return {
    bots: configured,
    mode: rawMode,
    webhookSecret,
    publicUrl: webUrl(env, 'PLAINT_TELEGRAM_PUBLIC_URL', undefined),
    apiRoot: webUrl(env, 'PLAINT_TELEGRAM_API_ROOT', 'https://api.telegram.org') ?? 'https://api.telegram.org',
    maxFileBytes: integer('PLAINT_TELEGRAM_MAX_FILE_BYTES', 20 * 1024 * 1024, 1024, 2 * 1024 * 1024 * 1024),
    pollTimeoutSeconds: integer('PLAINT_TELEGRAM_POLL_TIMEOUT_SECONDS', 30, 0, 50),
    sendsPerSecond: integer('PLAINT_TELEGRAM_SENDS_PER_SECOND', 25, 1, 1000),
    chatSendIntervalMs: integer('PLAINT_TELEGRAM_CHAT_SEND_INTERVAL_MS', 1000, 0, 60_000),
  };
}
