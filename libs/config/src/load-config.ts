import { randomBytes } from 'node:crypto';
import { isIP } from 'node:net';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ConfigError } from './config-error';
import { customerPageConfig } from './customer-page-config';
import { metaConfig } from './meta-config';
import { telegramConfig, type TelegramConfig } from './telegram-config';
import { tracingConfig } from './tracing-config';
import { APP_NAMES, type AppName, type BusConfig, type DatabaseConfig, type EdgeConfig, type ImapMailbox, type MailConfig, type PlaintConfig, type RetentionConfig, type SmppGateway, type SmsConfig, type StaffConfig } from './plaint-config';

type Env = Record<string, string | undefined>;

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(name, `must be an integer from ${min} to ${max}, got "${raw}"`);
  }
  return value;
}

function flag(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name]?.toLowerCase();
  if (raw === undefined || raw === '') return fallback;
  if (['1', 'true', 'yes', 'on'].includes(raw)) return true;
  if (['0', 'false', 'no', 'off'].includes(raw)) return false;
  throw new ConfigError(name, `must be true or false, got "${env[name]}"`);
}

function oneOf<T extends string>(env: Env, name: string, allowed: readonly T[], fallback: T): T {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!(allowed as readonly string[]).includes(raw)) {
    throw new ConfigError(name, `must be one of ${allowed.join(', ')}, got "${raw}"`);
  }
  return raw as T;
}

function apps(env: Env): AppName[] {
  const raw = env.PLAINT_APP?.trim() || 'all';
  if (raw === 'all') return [...APP_NAMES];
  const names = raw.split(',').map((name) => name.trim());
  for (const name of names) {
    if (!(APP_NAMES as readonly string[]).includes(name)) {
      throw new ConfigError('PLAINT_APP', `unknown service "${name}"; use all or a comma list of ${APP_NAMES.join(', ')}`);
    }
  }
  return [...new Set(names)] as AppName[];
}

function database(env: Env, dataDir: string): DatabaseConfig {
  const url = env.PLAINT_DATABASE_URL?.trim();
  if (!url) return { kind: 'sqlite', file: join(dataDir, 'plaint.sqlite') };
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new ConfigError('PLAINT_DATABASE_URL', 'is not a URL (expected postgres://user:password@host:5432/database)');
  }
  if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:') {
    throw new ConfigError('PLAINT_DATABASE_URL', `only postgres:// is supported, got ${parsed.protocol}//`);
  }
  if (parsed.pathname.length <= 1) throw new ConfigError('PLAINT_DATABASE_URL', 'names no database');
  return {
    kind: 'postgres',
    url,
    migrateOnBoot: flag(env, 'PLAINT_DATABASE_MIGRATE', true),
    poolSize: integer(env, 'PLAINT_DATABASE_POOL_SIZE', 10, 1, 200),
  };
}

function bus(env: Env, dataDir: string): BusConfig {
  const brokers = env.PLAINT_KAFKA_BROKERS?.trim();
  if (!brokers) return { kind: 'in-process', file: join(dataDir, 'bus.sqlite') };
  const list = brokers.split(',').map((broker) => broker.trim());
  for (const broker of list) {
    if (!/^[^\s:/]+:\d{1,5}$/.test(broker)) {
      throw new ConfigError('PLAINT_KAFKA_BROKERS', `"${broker}" is not host:port`);
    }
  }
  return {
    kind: 'kafka',
    brokers: list,
    clientId: env.PLAINT_KAFKA_CLIENT_ID?.trim() || 'plaint',
    topicPrefix: env.PLAINT_KAFKA_TOPIC_PREFIX?.trim() ?? '',
    partitions: integer(env, 'PLAINT_KAFKA_PARTITIONS', 6, 1, 1000),
    createTopics: flag(env, 'PLAINT_KAFKA_CREATE_TOPICS', true),
    partitionConcurrency: integer(env, 'PLAINT_KAFKA_PARTITION_CONCURRENCY', 6, 1, 64),
    sessionTimeoutMs: integer(env, 'PLAINT_KAFKA_SESSION_TIMEOUT_MS', 6_000, 1_000, 300_000),
    heartbeatIntervalMs: optionalInteger(env, 'PLAINT_KAFKA_HEARTBEAT_MS', 100, 60_000),
    rebalanceTimeoutMs: integer(env, 'PLAINT_KAFKA_REBALANCE_TIMEOUT_MS', 30_000, 1_000, 600_000),
    maxBatchSize: integer(env, 'PLAINT_KAFKA_MAX_BATCH', 2_000, 1, 100_000),
  };
}

function optionalInteger(env: Env, name: string, min: number, max: number): number | undefined {
  const raw = env[name];
  return raw === undefined || raw === '' ? undefined : integer(env, name, 0, min, max);
}

/**
 * The reference secret. Production sets PLAINT_REFERENCE_SECRET (shared by every service);
 * a one-process install gets one generated on first start and kept in its data directory.
 */
function referenceSecret(env: Env, dataDir: string, embedded: boolean): string {
  return installationSecret(env, 'PLAINT_REFERENCE_SECRET', dataDir, 'reference-secret', embedded);
}

/**
 * A secret every service of an installation shares: given in the environment, or for a
 * one-process install generated on first start and kept in its data directory.
 */
function installationSecret(env: Env, name: string, dataDir: string, fileName: string, embedded: boolean): string {
  const given = env[name];
  if (given !== undefined && given !== '') {
    if (given.length < 32) throw new ConfigError(name, 'must be at least 32 characters');
    return given;
  }
  if (!embedded) {
    throw new ConfigError(name, 'is required with Postgres or Kafka (at least 32 characters, the same for every service)');
  }
  const file = join(dataDir, fileName);
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}

const ADDRESS = /^[^\s@<>"]+@[^\s@<>"]+\.[^\s@<>"]+$/;

function mail(env: Env): MailConfig {
  const smtpUrl = env.PLAINT_SMTP_URL?.trim() || undefined;
  if (smtpUrl) {
    let parsed: URL | undefined;
    try {
      parsed = new URL(smtpUrl);
    } catch {
      parsed = undefined;
    }
    if (!parsed || !['smtp:', 'smtps:'].includes(parsed.protocol) || !parsed.hostname) {
      throw new ConfigError('PLAINT_SMTP_URL', 'must be smtp://[user:password@]host:port or smtps://…');
    }
  }
  const rawFrom = env.PLAINT_MAIL_FROM?.trim() || 'Plaint <care@plaint.invalid>';
  const match = /^(?:"?([^"<>\r\n]*?)"?\s*<([^<>\s]+)>|([^<>\s]+))$/.exec(rawFrom);
  const address = (match?.[2] ?? match?.[3] ?? '').toLowerCase();
  if (!ADDRESS.test(address)) {
    throw new ConfigError('PLAINT_MAIL_FROM', `must be an address or "Name <address>", got "${rawFrom}"`);
  }
  const name = match?.[1]?.trim() || 'Plaint';
  return {
    smtpUrl,
    from: { name, address },
    messageIdDomain: env.PLAINT_MAIL_MESSAGE_ID_DOMAIN?.trim() || address.split('@')[1] || 'plaint.invalid',
    maxPerRecipientPerHour: integer(env, 'PLAINT_MAIL_MAX_PER_RECIPIENT_PER_HOUR', 10, 1, 10_000),
    companyDomains: companyDomains(env, address),
  };
}

/** PLAINT_SMPP_URL: smpp://system_id:password@host:port (ssmpp:// for TLS); SMPP allows ids of 15 and passwords of 8 characters. */
function smppGateway(env: Env): SmppGateway | undefined {
  const raw = env.PLAINT_SMPP_URL?.trim();
  if (!raw) return undefined;
  const problem = 'must be smpp://system_id:password@host:port (or ssmpp:// for TLS)';
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError('PLAINT_SMPP_URL', problem);
  }
  if (!['smpp:', 'ssmpp:'].includes(url.protocol) || !url.hostname || !url.username) throw new ConfigError('PLAINT_SMPP_URL', problem);
  const systemId = decodeURIComponent(url.username);
  const password = decodeURIComponent(url.password);
  if (systemId.length > 15) throw new ConfigError('PLAINT_SMPP_URL', 'the system_id is longer than the 15 characters SMPP allows');
  if (password.length > 8) throw new ConfigError('PLAINT_SMPP_URL', 'the password is longer than the 8 characters SMPP allows');
  const tls = url.protocol === 'ssmpp:';
  const port = url.port ? Number(url.port) : tls ? 3550 : 2775;
  return { id: `${url.hostname}:${port}`, host: url.hostname, port, tls, systemId, password };
}

function sms(env: Env): SmsConfig {
  const sourceAddr = env.PLAINT_SMPP_SOURCE_ADDR?.trim() || undefined;
  if (sourceAddr && !/^(?:\+?\d{1,15}|(?=.*[A-Za-z])[A-Za-z0-9 .&'-]{1,11})$/.test(sourceAddr)) {
    throw new ConfigError('PLAINT_SMPP_SOURCE_ADDR', `must be a number (up to 15 digits) or a name of up to 11 Latin letters and digits, got "${sourceAddr}"`);
  }
  return {
    gateway: smppGateway(env),
    sourceAddr,
    ratePerSecond: integer(env, 'PLAINT_SMPP_RATE', 10, 1, 10_000),
    maxParts: integer(env, 'PLAINT_SMPP_MAX_PARTS', 10, 1, 255),
    enquireLinkMs: integer(env, 'PLAINT_SMPP_ENQUIRE_LINK_MS', 30_000, 100, 600_000),
  };
}

const DOMAIN = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

/** PLAINT_COMPANY_MAIL_DOMAINS, a comma list; by default the domain of the care address. */
function companyDomains(env: Env, careAddress: string): string[] {
  const raw = env.PLAINT_COMPANY_MAIL_DOMAINS?.trim();
  if (!raw) return [careAddress.split('@')[1] ?? ''].filter(Boolean);
  const domains = raw.split(',').map((domain) => domain.trim().toLowerCase().replace(/^@/, ''));
  const bad = domains.find((domain) => !DOMAIN.test(domain));
  if (bad !== undefined) {
    throw new ConfigError('PLAINT_COMPANY_MAIL_DOMAINS', `"${bad}" is not a mail domain (a comma list such as kontakt.az,kontakt.com)`);
  }
  return [...new Set(domains)];
}

function mailboxes(env: Env): ImapMailbox[] {
  const raw = env.PLAINT_IMAP_URL?.trim();
  if (!raw) return [];
  return raw.split(',').map((entry) => {
    const url = entry.trim();
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new ConfigError('PLAINT_IMAP_URL', 'each entry must be imap[s]://user:password@host:port/MAILBOX');
    }
    if (!['imap:', 'imaps:'].includes(parsed.protocol) || !parsed.hostname || !parsed.username) {
      throw new ConfigError('PLAINT_IMAP_URL', `"${parsed.protocol}//${parsed.hostname}" is not imap[s]://user:password@host:port/MAILBOX`);
    }
    const secure = parsed.protocol === 'imaps:';
    const user = decodeURIComponent(parsed.username);
    const path = decodeURIComponent(parsed.pathname.replace(/^\//, '')) || 'INBOX';
    return {
      url,
      secure,
      host: parsed.hostname,
      port: parsed.port ? Number(parsed.port) : secure ? 993 : 143,
      user,
      password: decodeURIComponent(parsed.password),
      path,
      id: `${user}@${parsed.hostname}/${path}`,
    };
  });
}

function holidayCountry(env: Env): string {
  const country = (env.PLAINT_HOLIDAY_COUNTRY?.trim() || 'AZ').toUpperCase();
  if (!/^[A-Z]{2}$/.test(country)) throw new ConfigError('PLAINT_HOLIDAY_COUNTRY', `must be a two-letter country code, got "${country}"`);
  return country;
}

function holidayOverridesFile(env: Env): string | undefined {
  const file = env.PLAINT_HOLIDAY_OVERRIDES_FILE?.trim();
  if (!file) return undefined;
  if (!existsSync(file)) throw new ConfigError('PLAINT_HOLIDAY_OVERRIDES_FILE', `${file} does not exist`);
  return resolve(file);
}

// ---- the public surfaces' guards (trusted proxies, rate limits, chat origins, metrics listener)

function trustedProxies(env: Env): string[] {
  const raw = env.PLAINT_TRUSTED_PROXIES?.trim();
  if (!raw) return [];
  return raw.split(',').map((entry) => {
    const value = entry.trim();
    const [address = '', prefix, extra] = value.split('/');
    const family = isIP(address);
    const bits = family === 6 ? 128 : 32;
    const prefixOk = prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= bits);
    if (family === 0 || !prefixOk || extra !== undefined) {
      throw new ConfigError('PLAINT_TRUSTED_PROXIES', `"${value}" is not an IP address or CIDR range (e.g. 10.0.0.7 or 10.0.0.0/8)`);
    }
    return value;
  });
}

/** A comma list of origins (`scheme://host[:port]`, nothing after it); empty when unset. */
function origins(env: Env, name: string): string[] {
  const raw = env[name]?.trim();
  if (!raw) return [];
  return raw.split(',').map((entry) => {
    const value = entry.trim();
    let url: URL | undefined;
    try {
      url = new URL(value);
    } catch {
      url = undefined;
    }
    if (!url || !['http:', 'https:'].includes(url.protocol) || url.origin !== value.replace(/\/$/, '')) {
      throw new ConfigError(name, `"${value}" is not an origin like https://shop.example.com`);
    }
    return url.origin;
  });
}

/** Where the widget connects; an origin the page's CSP names, so it must be a web URL. */
function publicChatUrl(env: Env): string | undefined {
  const raw = env.PLAINT_PUBLIC_CHAT_URL?.trim();
  if (!raw) return undefined;
  let url: URL | undefined;
  try {
    url = new URL(raw);
  } catch {
    url = undefined;
  }
  if (!url || !['http:', 'https:'].includes(url.protocol)) {
    throw new ConfigError('PLAINT_PUBLIC_CHAT_URL', `must be an http:// or https:// URL, got "${raw}"`);
  }
  return raw;
}

/** The privacy notice the customer page links: a web URL, or a path on the page's own site. */
function privacyUrl(env: Env): string | undefined {
  const raw = env.PLAINT_PRIVACY_URL?.trim();
  if (!raw) return undefined;
  if (/^\/(?![/\\])\S*$/.test(raw)) return raw;
  let url: URL | undefined;
  try {
    url = new URL(raw);
  } catch {
    url = undefined;
  }
  if (!url || !['http:', 'https:'].includes(url.protocol) || /\s/.test(raw)) {
    throw new ConfigError('PLAINT_PRIVACY_URL', `must be an http:// or https:// URL or a path such as /privacy, got "${raw}"`);
  }
  return raw;
}

function metricsListener(env: Env, publicPort: number): EdgeConfig['metrics'] {
  const raw = env.PLAINT_METRICS_PORT?.trim().toLowerCase();
  if (raw === 'off' || raw === 'false') return undefined;
  // A process told to take any free public port (tests, several on one host) does the same here.
  const port = integer(env, 'PLAINT_METRICS_PORT', publicPort === 0 ? 0 : 9464, 0, 65535);
  if (port !== 0 && port === publicPort) {
    throw new ConfigError('PLAINT_METRICS_PORT', `must differ from PORT (${publicPort}): metrics are not served on the public port`);
  }
  return { port, host: env.PLAINT_METRICS_HOST?.trim() || '127.0.0.1' };
}

function edge(env: Env, publicPort: number): EdgeConfig {
  const perMinute = (name: string, fallback: number) => integer(env, `PLAINT_RATE_LIMIT_${name}`, fallback, 1, 1_000_000);
  return {
    trustedProxies: trustedProxies(env),
    chatAllowedOrigins: origins(env, 'PLAINT_CHAT_ALLOWED_ORIGINS'),
    widgetAllowedOrigins: origins(env, 'PLAINT_WIDGET_ALLOWED_ORIGINS'),
    rateLimits: {
      formPerAddress: perMinute('FORM_PER_ADDRESS', 20),
      formPerContact: perMinute('FORM_PER_CONTACT', 5),
      chatStartsPerAddress: perMinute('CHAT_STARTS_PER_ADDRESS', 20),
      chatStartsPerContact: perMinute('CHAT_STARTS_PER_CONTACT', 5),
      chatMessagesPerAddress: perMinute('CHAT_MESSAGES_PER_ADDRESS', 120),
      chatMessagesPerConversation: perMinute('CHAT_MESSAGES_PER_CONVERSATION', 30),
      chatStatusPerConversation: perMinute('CHAT_STATUS_PER_CONVERSATION', 6),
      signInPerAddress: perMinute('SIGN_IN_PER_ADDRESS', 10),
      signInPerContact: perMinute('SIGN_IN_PER_CONTACT', 3),
      customerMessagesPerSession: perMinute('CUSTOMER_MESSAGES_PER_SESSION', 10),
    },
    metrics: metricsListener(env, publicPort),
  };
}

/** Reads and validates the environment; throws ConfigError naming the first bad variable. */
/** PLAINT_RETENTION_*: `off` (or 0) keeps personal data until an admin erases it. */
function retention(env: Env): RetentionConfig {
  const raw = env.PLAINT_RETENTION_DAYS?.trim().toLowerCase();
  const off = raw === 'off' || raw === '0';
  return {
    days: off ? null : integer(env, 'PLAINT_RETENTION_DAYS', 365, 1, 36_500),
    batchSize: integer(env, 'PLAINT_RETENTION_BATCH', 100, 1, 10_000),
    tickMs: integer(env, 'PLAINT_RETENTION_TICK_MS', 3_600_000, 1_000, 86_400_000),
  };
}

/** PLAINT_STAFF_*: notifications to agents and the care team's Telegram group. */
function staff(env: Env, telegram: TelegramConfig): StaffConfig {
  const bot = env.PLAINT_STAFF_TELEGRAM_BOT?.trim() || undefined;
  if (bot !== undefined && !telegram.bots.some((configured) => configured.name === bot)) {
    throw new ConfigError('PLAINT_STAFF_TELEGRAM_BOT', `no bot "${bot}" in PLAINT_TELEGRAM_BOT_TOKEN`);
  }
  const group = env.PLAINT_STAFF_TELEGRAM_GROUP?.trim() || undefined;
  if (group !== undefined && !/^-\d{5,20}$/.test(group)) {
    throw new ConfigError('PLAINT_STAFF_TELEGRAM_GROUP', 'must be the supergroup\'s chat id, a negative number such as -1001234567890');
  }
  if (group !== undefined && telegram.bots.length === 0) {
    throw new ConfigError('PLAINT_STAFF_TELEGRAM_GROUP', 'needs a bot: set PLAINT_TELEGRAM_BOT_TOKEN');
  }
  return {
    notificationsPerHour: integer(env, 'PLAINT_STAFF_NOTIFICATIONS_PER_HOUR', 12, 1, 10_000),
    refusalsPerSenderPerHour: integer(env, 'PLAINT_STAFF_REFUSALS_PER_HOUR', 3, 0, 1_000),
    telegramBot: bot ?? telegram.bots[0]?.name,
    telegramGroupId: group,
    linkCodeTtlMinutes: integer(env, 'PLAINT_STAFF_LINK_CODE_TTL_MINUTES', 15, 1, 24 * 60),
  };
}

export function loadConfig(env: Env = process.env): PlaintConfig {
  const dataDir = resolve(env.PLAINT_DATA_DIR?.trim() || 'data');
  const db = database(env, dataDir);
  const messageBus = bus(env, dataDir);
  const embedded = db.kind === 'sqlite' || messageBus.kind === 'in-process';
  if (embedded) {
    try {
      mkdirSync(dataDir, { recursive: true });
    } catch (error) {
      throw new ConfigError('PLAINT_DATA_DIR', `cannot create ${dataDir}: ${(error as Error).message}`);
    }
  }
  const runsCore = apps(env).includes('core');
  const redisUrl = env.PLAINT_REDIS_URL?.trim() || undefined;
  if (redisUrl && !/^rediss?:\/\//.test(redisUrl)) {
    throw new ConfigError('PLAINT_REDIS_URL', 'must start with redis:// or rediss://');
  }
  const timeZone = env.PLAINT_TIME_ZONE?.trim() || 'Asia/Baku';
  try {
    new Intl.DateTimeFormat('en', { timeZone });
  } catch {
    throw new ConfigError('PLAINT_TIME_ZONE', `unknown IANA time zone "${timeZone}"`);
  }
  const port = integer(env, 'PORT', 3000, 0, 65535);
  const telegram = telegramConfig(env, (name, fallback, min, max) => integer(env, name, fallback, min, max), apps(env).includes('ingest-social'));
  return {
    port,
    host: env.HOST?.trim() || '0.0.0.0',
    apps: apps(env),
    dataDir,
    database: db,
    bus: messageBus,
    redisUrl,
    referenceSecret: referenceSecret(env, dataDir, embedded),
    publicChatUrl: publicChatUrl(env),
    privacyUrl: privacyUrl(env),
    policy: {
      timeZone,
      holidayCountry: holidayCountry(env),
      holidayOverridesFile: holidayOverridesFile(env),
      acceptWithinBusinessDays: integer(env, 'PLAINT_ACCEPT_WITHIN_BUSINESS_DAYS', 3, 1, 60),
      reviewWithinBusinessDays: integer(env, 'PLAINT_REVIEW_WITHIN_BUSINESS_DAYS', 3, 1, 60),
      resolveWithinBusinessDays: integer(env, 'PLAINT_RESOLVE_WITHIN_BUSINESS_DAYS', 10, 1, 120),
      defaultLanguage: oneOf(env, 'PLAINT_DEFAULT_LANGUAGE', ['az', 'ru', 'en'] as const, 'az'),
      nearDuplicateThreshold: integer(env, 'PLAINT_NEAR_DUPLICATE_PERCENT', 80, 1, 100) / 100,
      nearDuplicateWindowDays: integer(env, 'PLAINT_NEAR_DUPLICATE_WINDOW_DAYS', 30, 1, 365),
    },
    sla: {
      tickMs: integer(env, 'PLAINT_SLA_TICK_MS', 60_000, 50, 3_600_000),
      warnBeforeMinutes: integer(env, 'PLAINT_SLA_WARN_BEFORE_MINUTES', 24 * 60, 0, 30 * 24 * 60),
    },
    auth: {
      // Only core signs and checks agents' tokens; other services need no secret for it.
      tokenSecret: runsCore ? installationSecret(env, 'PLAINT_AUTH_SECRET', dataDir, 'auth-secret', embedded) : '',
      tokenTtlSeconds: integer(env, 'PLAINT_AUTH_TOKEN_TTL_SECONDS', 15 * 60, 30, 24 * 3600),
    },
    logLevel: oneOf(env, 'PLAINT_LOG_LEVEL', LOG_LEVELS, 'info'),
    tracing: tracingConfig(env, apps(env)),
    statusLookupsPerMinute: integer(env, 'PLAINT_STATUS_LOOKUPS_PER_MINUTE', 20, 1, 100_000),
    maxBodyBytes: integer(env, 'PLAINT_MAX_BODY_BYTES', 64 * 1024, 1024, 10 * 1024 * 1024),
    input: {
      maxPayloadDepth: integer(env, 'PLAINT_MAX_PAYLOAD_DEPTH', 8, 2, 64),
      idempotencyTtlSeconds: integer(env, 'PLAINT_IDEMPOTENCY_TTL_SECONDS', 24 * 3600, 60, 30 * 24 * 3600),
    },
    outboxPollMs: integer(env, 'PLAINT_OUTBOX_POLL_MS', 500, 10, 60_000),
    templatesDir: env.PLAINT_TEMPLATES_DIR?.trim() || undefined,
    mail: mail(env),
    sms: sms(env),
    imap: {
      mailboxes: mailboxes(env),
      sweepMs: integer(env, 'PLAINT_IMAP_SWEEP_MS', 60_000, 200, 3_600_000),
      leaseSeconds: integer(env, 'PLAINT_IMAP_LEASE_SECONDS', 30, 3, 3_600),
    },
    blobDir: resolve(env.PLAINT_BLOB_DIR?.trim() || join(dataDir, 'blobs')),
    edge: edge(env, port),
    retention: retention(env),
    busStallSeconds: integer(env, 'PLAINT_BUS_STALL_SECONDS', 90, 5, 3_600),
    schemaWaitSeconds: integer(env, 'PLAINT_SCHEMA_WAIT_SECONDS', 300, 0, 86_400),
    shutdownGraceSeconds: integer(env, 'PLAINT_SHUTDOWN_GRACE_SECONDS', 30, 1, 3_600),
    meta: metaConfig(env),
    telegram,
    staff: staff(env, telegram),
    customerPage: customerPageConfig(env, (name, fallback, min, max) => integer(env, name, fallback, min, max), port, embedded),
  };
}
