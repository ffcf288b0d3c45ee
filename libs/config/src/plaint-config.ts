import type { CustomerPageConfig } from './customer-page-config';
import type { MetaConfig } from './meta-config';
import type { TelegramConfig } from './telegram-config';
import type { TracingConfig } from './tracing-config';

/** The services a process can run (PLAINT_APP). */
export const APP_NAMES = ['core', 'notifier', 'ingest-chat', 'ingest-web', 'ingest-email', 'ingest-social'] as const;
export type AppName = (typeof APP_NAMES)[number];

export type DatabaseConfig =
  | { kind: 'sqlite'; file: string }
  | { kind: 'postgres'; url: string; migrateOnBoot: boolean; poolSize: number };

export type BusConfig =
  | { kind: 'in-process'; file: string | undefined }
  | {
      kind: 'kafka';
      brokers: string[];
      clientId: string;
      topicPrefix: string;
      partitions: number;
      createTopics: boolean;
      /** Partitions of one subscription processed at the same time (each in order). */
      partitionConcurrency: number;
      /** A silent member's partitions move to the others after this long. */
      sessionTimeoutMs: number;
      /** How often members heartbeat; a sixth of the session timeout when unset. */
      heartbeatIntervalMs: number | undefined;
      /** How long a rebalance waits for members to rejoin. */
      rebalanceTimeoutMs: number;
      /** Most records one handler call (one database transaction) takes. */
      maxBatchSize: number;
    };

export interface PolicyConfig {
  timeZone: string;
  /** Public holidays of this country are days off (ISO 3166 code; AZ with the policy's corrections). */
  holidayCountry: string;
  /** The operator's list of decree changes: days added, removed, weekends worked. */
  holidayOverridesFile: string | undefined;
  acceptWithinBusinessDays: number;
  /** From the acceptance day to the end of the review. */
  reviewWithinBusinessDays: number;
  /** From the arrival day to the resolution, unless extended. */
  resolveWithinBusinessDays: number;
  defaultLanguage: 'az' | 'ru' | 'en';
  /**
   * Dedup level 3: a new message whose text is at least this similar (0..1, shingled words) to
   * an open complaint of the same customer is linked to it; 1 turns linking off.
   */
  nearDuplicateThreshold: number;
  /** How far back, in days, an open complaint counts for that linking. */
  nearDuplicateWindowDays: number;
}

/** The SLA clock in core: reminders before a deadline, escalation on its breach. */
export interface SlaConfig {
  /** How often the clock looks at the deadlines. */
  tickMs: number;
  /** How long before a deadline the assigned agent is warned. */
  warnBeforeMinutes: number;
}

/** Staff sign-in for the agent API. */
export interface AuthConfig {
  /** Signs bearer tokens; every core instance must share it (empty in processes without core). */
  tokenSecret: string;
  /** Lifetime of a bearer token. */
  tokenTtlSeconds: number;
}

/** One mailbox the e-mail adapter reads. */
export interface ImapMailbox {
  /** imaps://user:password@host:993/INBOX, as configured (it holds the password: never log it). */
  url: string;
  secure: boolean;
  host: string;
  port: number;
  user: string;
  password: string;
  path: string;
  /** user@host/path: names the mailbox in logs and in its cursor, without the password. */
  id: string;
}

/** Outgoing e-mail: the transport and who notices come from. */
export interface MailConfig {
  /** smtp:// or smtps:// URL (credentials in it); notices by e-mail wait as pending without it. */
  smtpUrl: string | undefined;
  from: { name: string; address: string };
  /** Right-hand side of our Message-IDs. */
  messageIdDomain: string;
  /** Automatic e-mails to one address per hour; more wait (a brake on loops with auto-responders). */
  maxPerRecipientPerHour: number;
  /**
   * The company's own mail domains, lower-case: a mail from one of them that forwards a
   * customer's mail is that customer's complaint, not the employee's.
   */
  companyDomains: string[];
}

/** The SMPP gateway SMS notices go through (docs/sms.md). */
export interface SmppGateway {
  /** host:port, naming the gateway in logs without the credentials. */
  id: string;
  host: string;
  port: number;
  /** ssmpp://: SMPP over TLS. */
  tls: boolean;
  systemId: string;
  password: string;
}

/** Outgoing SMS: the gateway, the sender shown to customers and what the gateway allows. */
export interface SmsConfig {
  /** From PLAINT_SMPP_URL; notices by SMS wait as pending without it. */
  gateway: SmppGateway | undefined;
  /** The sender id customers see (alphanumeric up to 11 characters, or a number); the gateway's own when unset. */
  sourceAddr: string | undefined;
  /** Messages (each part of a long text is one) per second the gateway takes. */
  ratePerSecond: number;
  /** A notice needing more parts than this is not sent by SMS (it goes to the customer's next route, or fails). */
  maxParts: number;
  /** How often the link is checked with enquire_link; an unanswered check reconnects. */
  enquireLinkMs: number;
}

/**
 * Requests per minute the public surfaces take before answering 429 / `rate_limited`. Counted
 * in each process (per instance when several run).
 */
export interface RateLimitsConfig {
  formPerAddress: number;
  /** Per e-mail address and per phone number given in the form. */
  formPerContact: number;
  chatStartsPerAddress: number;
  /** Per e-mail address and per phone number given at chat:start. */
  chatStartsPerContact: number;
  /** chat:message and chat:resume from one client address, over all its conversations. */
  chatMessagesPerAddress: number;
  chatMessagesPerConversation: number;
  /** Chat messages that ask for the status ("status", "статус" …), per conversation. */
  chatStatusPerConversation: number;
  /** Sign-in link requests and link exchanges of the customer's page, from one client address. */
  signInPerAddress: number;
  /** Sign-in link requests for one contact (known or not: the limit must not tell which). */
  signInPerContact: number;
  /** Messages a signed-in customer writes on their page, per session. */
  customerMessagesPerSession: number;
}

/** Guards of the public surfaces: who may say where a request comes from, limits, origins, metrics. */
export interface EdgeConfig {
  /** Addresses or CIDR ranges of proxies whose X-Forwarded-For is believed; none by default. */
  trustedProxies: string[];
  /** Origins (scheme://host[:port]) a browser may open the chat socket from; empty: same origin only. */
  chatAllowedOrigins: string[];
  /**
   * Sites (origins) that may embed the chat widget's frame (docs/chat-widget.md); empty: none.
   * The frame opens the socket from Plaint's own origin, so these sites need no socket access.
   */
  widgetAllowedOrigins: string[];
  rateLimits: RateLimitsConfig;
  /** The internal listener for Prometheus; undefined when turned off. */
  metrics: { port: number; host: string } | undefined;
}

/** Personal data retention: erasure after a period following a complaint's closure. */
export interface RetentionConfig {
  /** Days after a complaint's final state until its personal data is erased; null: never. */
  days: number | null;
  /** Complaints erased per transaction. */
  batchSize: number;
  /** How often core's scheduled job looks for complaints past the period. */
  tickMs: number;
}

/** Limits on what the public edge takes in (HTTP bodies, chat payloads, idempotency keys). */
export interface InputConfig {
  /** Deepest nesting of objects and arrays accepted in a JSON body or socket payload. */
  maxPayloadDepth: number;
  /** How long a form's Idempotency-Key is remembered with the body it was first used for. */
  idempotencyTtlSeconds: number;
}

/** Agents working from their own mailbox and from Telegram (docs/agent-channels.md). */
export interface StaffConfig {
  /** Notifications per agent and route per hour; more wait and go out together as one digest. */
  notificationsPerHour: number;
  /** Answers per hour to one sender whose mail or message was refused (a brake on loops and probing). */
  refusalsPerSenderPerHour: number;
  /** The bot that talks to staff (direct chats and the team's group); the first configured bot when unset. */
  telegramBot: string | undefined;
  /** The care team's Telegram supergroup (forum mode) by chat id (-100…); no group when unset. */
  telegramGroupId: string | undefined;
  /** How long a Telegram link code from the agent API stays valid. */
  linkCodeTtlMinutes: number;
}

/** Everything a process reads from its environment, validated once at boot. */
export interface PlaintConfig {
  port: number;
  host: string;
  apps: readonly AppName[];
  dataDir: string;
  database: DatabaseConfig;
  bus: BusConfig;
  /** socket.io fan-out across ingest-chat instances; in-process when unset. */
  redisUrl: string | undefined;
  /** Keys complaint references; every service of one installation must share it. */
  referenceSecret: string;
  /** Where the customer page's chat widget connects; same origin when unset. */
  publicChatUrl: string | undefined;
  /** The company's privacy notice, linked from the customer page's forms and chat; no link when unset. */
  privacyUrl: string | undefined;
  policy: PolicyConfig;
  sla: SlaConfig;
  auth: AuthConfig;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** OpenTelemetry traces over OTLP/HTTP; undefined (no tracing at all) when no endpoint is set. */
  tracing: TracingConfig | undefined;
  /** Lookups per minute per client address on the public status endpoint. */
  statusLookupsPerMinute: number;
  /** Largest accepted JSON body on the public API, in bytes. */
  maxBodyBytes: number;
  input: InputConfig;
  outboxPollMs: number;
  /** An operator's copy of the notice templates; the bundled ones when unset. */
  templatesDir: string | undefined;
  mail: MailConfig;
  sms: SmsConfig;
  imap: {
    mailboxes: ImapMailbox[];
    /** How often a mailbox is swept besides IDLE, and the watchdog's interval. */
    sweepMs: number;
    /**
     * How long the lease on a mailbox lasts: one ingest-email instance at a time polls each
     * mailbox, renewing its lease well before this runs out.
     */
    leaseSeconds: number;
  };
  /** Where raw messages and attachments are kept (the embedded store: a directory). */
  blobDir: string;
  edge: EdgeConfig;
  retention: RetentionConfig;
  /** A consumer that has not been a working member of its group for this long fails liveness. */
  busStallSeconds: number;
  /**
   * How long `serve` waits for another process (`plaint migrate`) to bring the Postgres schema
   * up to this build when it does not migrate itself; 0 fails at once.
   */
  schemaWaitSeconds: number;
  /** How long a stop (SIGTERM, SIGINT) may take to finish the work in flight before the process gives up. */
  shutdownGraceSeconds: number;
  /** WhatsApp, Messenger and Instagram (docs/meta.md). */
  meta: MetaConfig;
  telegram: TelegramConfig;
  staff: StaffConfig;
  customerPage: CustomerPageConfig;
}

export const PLAINT_CONFIG = Symbol('PLAINT_CONFIG');
