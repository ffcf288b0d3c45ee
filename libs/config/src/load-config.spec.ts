import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from '@plaint/config';

const dataDir = () => mkdtempSync(join(tmpdir(), 'plaint-config-'));

describe('loadConfig', () => {
  it('runs everything embedded by default, with a generated, persisted reference secret', () => {
    const dir = dataDir();
    const config = loadConfig({ PLAINT_DATA_DIR: dir });
    expect(config.port).toBe(3000);
    expect(config.apps).toEqual(['core', 'notifier', 'ingest-chat', 'ingest-web', 'ingest-email', 'ingest-social']);
    expect(config.database).toEqual({ kind: 'sqlite', file: join(dir, 'plaint.sqlite') });
    expect(config.bus).toEqual({ kind: 'in-process', file: join(dir, 'bus.sqlite') });
    expect(readFileSync(join(dir, 'reference-secret'), 'utf8').trim()).toBe(config.referenceSecret);
    expect(loadConfig({ PLAINT_DATA_DIR: dir }).referenceSecret).toBe(config.referenceSecret);
  });

  it('switches to Postgres and Kafka and then requires a shared reference secret', () => {
    const env = {
      PLAINT_DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/plaint',
      PLAINT_KAFKA_BROKERS: '127.0.0.1:9092, 127.0.0.1:9093',
      PLAINT_APP: 'core,notifier',
    };
    expect(() => loadConfig(env)).toThrow(/PLAINT_REFERENCE_SECRET/);
    // Core signs agents' bearer tokens, so it needs the shared token secret too.
    expect(() => loadConfig({ ...env, PLAINT_REFERENCE_SECRET: 'x'.repeat(32) })).toThrow(/PLAINT_AUTH_SECRET/);
    expect(loadConfig({ ...env, PLAINT_APP: 'notifier', PLAINT_REFERENCE_SECRET: 'x'.repeat(32) }).auth.tokenSecret).toBe('');
    const config = loadConfig({ ...env, PLAINT_REFERENCE_SECRET: 'x'.repeat(32), PLAINT_AUTH_SECRET: 'y'.repeat(32) });
    expect(config.auth.tokenSecret).toBe('y'.repeat(32));
    expect(config.database.kind).toBe('postgres');
    expect(config.bus).toMatchObject({ kind: 'kafka', brokers: ['127.0.0.1:9092', '127.0.0.1:9093'], maxBatchSize: 2000 });
    expect(config.apps).toEqual(['core', 'notifier']);
    const smaller = { ...env, PLAINT_REFERENCE_SECRET: 'x'.repeat(32), PLAINT_AUTH_SECRET: 'y'.repeat(32), PLAINT_KAFKA_MAX_BATCH: '50' };
    expect(loadConfig(smaller).bus).toMatchObject({ maxBatchSize: 50 });
    expect(() => loadConfig({ ...smaller, PLAINT_KAFKA_MAX_BATCH: '0' })).toThrow(/PLAINT_KAFKA_MAX_BATCH/);
  });

  it('limits what the edge takes in: nesting depth and how long idempotency keys are kept', () => {
    expect(loadConfig({ PLAINT_DATA_DIR: dataDir() }).input).toEqual({ maxPayloadDepth: 8, idempotencyTtlSeconds: 86_400 });
    const config = loadConfig({ PLAINT_DATA_DIR: dataDir(), PLAINT_MAX_PAYLOAD_DEPTH: '4', PLAINT_IDEMPOTENCY_TTL_SECONDS: '3600' });
    expect(config.input).toEqual({ maxPayloadDepth: 4, idempotencyTtlSeconds: 3600 });
    expect(() => loadConfig({ PLAINT_DATA_DIR: dataDir(), PLAINT_MAX_PAYLOAD_DEPTH: '1' })).toThrow(/PLAINT_MAX_PAYLOAD_DEPTH: must be an integer from 2 to 64/);
    expect(() => loadConfig({ PLAINT_DATA_DIR: dataDir(), PLAINT_IDEMPOTENCY_TTL_SECONDS: 'a day' })).toThrow(/PLAINT_IDEMPOTENCY_TTL_SECONDS/);
  });

  it('tells staff through the first bot by default, and names a wrong staff group or bot', () => {
    const bots = {
      PLAINT_TELEGRAM_BOT_TOKEN: 'shop=700100:AAHfakeTokenForTheShopBot_0123456789,care=700200:AAHfakeTokenForTheCareBot_0123456789',
      PLAINT_TELEGRAM_MODE: 'polling',
    };
    const defaults = loadConfig({ PLAINT_DATA_DIR: dataDir(), ...bots });
    expect(defaults.staff).toEqual({
      notificationsPerHour: 12,
      refusalsPerSenderPerHour: 3,
      telegramBot: 'shop',
      telegramGroupId: undefined,
      linkCodeTtlMinutes: 15,
    });
    const chosen = loadConfig({ PLAINT_DATA_DIR: dataDir(), ...bots, PLAINT_STAFF_TELEGRAM_BOT: 'care', PLAINT_STAFF_TELEGRAM_GROUP: '-1001234567890' });
    expect(chosen.staff).toMatchObject({ telegramBot: 'care', telegramGroupId: '-1001234567890' });
    expect(() => loadConfig({ PLAINT_DATA_DIR: dataDir(), ...bots, PLAINT_STAFF_TELEGRAM_BOT: 'other' })).toThrow(/PLAINT_STAFF_TELEGRAM_BOT/);
    expect(() => loadConfig({ PLAINT_DATA_DIR: dataDir(), ...bots, PLAINT_STAFF_TELEGRAM_GROUP: 'care-team' })).toThrow(/PLAINT_STAFF_TELEGRAM_GROUP/);
    expect(() => loadConfig({ PLAINT_DATA_DIR: dataDir(), PLAINT_STAFF_TELEGRAM_GROUP: '-1001234567890' })).toThrow(/needs a bot/);
    expect(loadConfig({ PLAINT_DATA_DIR: dataDir() }).staff.telegramBot).toBeUndefined();
  });

  it('reads who notices come from', () => {
    const config = loadConfig({ PLAINT_DATA_DIR: dataDir(), PLAINT_MAIL_FROM: 'Kontakt Care <Care@Kontakt.az>', PLAINT_SMTP_URL: 'smtp://mail:25' });
    expect(config.mail).toEqual({
      smtpUrl: 'smtp://mail:25',
      from: { name: 'Kontakt Care', address: 'care@kontakt.az' },
      messageIdDomain: 'kontakt.az',
      maxPerRecipientPerHour: 10,
      companyDomains: ['kontakt.az'],
    });
  });

  it('reads the SMS gateway, the sender id and what the gateway allows; without a URL SMS is off', () => {
    expect(loadConfig({ PLAINT_DATA_DIR: dataDir() }).sms).toEqual({ gateway: undefined, sourceAddr: undefined, ratePerSecond: 10, maxParts: 10, enquireLinkMs: 30_000 });
    const config = loadConfig({
      PLAINT_DATA_DIR: dataDir(),
      PLAINT_SMPP_URL: 'smpp://plaint:s%40cret@smsc.example.az:2776',
      PLAINT_SMPP_SOURCE_ADDR: 'Kontakt',
      PLAINT_SMPP_RATE: '50',
      PLAINT_SMPP_MAX_PARTS: '6',
    });
    expect(config.sms).toEqual({
      gateway: { id: 'smsc.example.az:2776', host: 'smsc.example.az', port: 2776, tls: false, systemId: 'plaint', password: 's@cret' },
      sourceAddr: 'Kontakt',
      ratePerSecond: 50,
      maxParts: 6,
      enquireLinkMs: 30_000,
    });
    expect(loadConfig({ PLAINT_DATA_DIR: dataDir(), PLAINT_SMPP_URL: 'ssmpp://plaint:pw@smsc' }).sms.gateway).toMatchObject({ port: 3550, tls: true });
    expect(loadConfig({ PLAINT_DATA_DIR: dataDir(), PLAINT_SMPP_SOURCE_ADDR: '+994124000000' }).sms.sourceAddr).toBe('+994124000000');
  });

  it('names what is wrong with the SMS settings', () => {
    const bad = (env: Record<string, string>) => () => loadConfig({ PLAINT_DATA_DIR: dataDir(), ...env });
    expect(bad({ PLAINT_SMPP_URL: 'http://smsc:2775' })).toThrow('PLAINT_SMPP_URL: must be smpp://system_id:password@host:port (or ssmpp:// for TLS)');
    expect(bad({ PLAINT_SMPP_URL: 'smpp://smsc:2775' })).toThrow(/PLAINT_SMPP_URL/);
    expect(bad({ PLAINT_SMPP_URL: 'smpp://plaint:far-too-long@smsc' })).toThrow('PLAINT_SMPP_URL: the password is longer than the 8 characters SMPP allows');
    expect(bad({ PLAINT_SMPP_URL: 'smpp://a-very-long-system-id:pw@smsc' })).toThrow(/system_id is longer/);
    expect(bad({ PLAINT_SMPP_SOURCE_ADDR: 'Kontakt Home Appliances' })).toThrow(/PLAINT_SMPP_SOURCE_ADDR: must be a number .* or a name of up to 11/);
    expect(bad({ PLAINT_SMPP_RATE: '0' })).toThrow('PLAINT_SMPP_RATE: must be an integer from 1 to 10000, got "0"');
    expect(bad({ PLAINT_SMPP_MAX_PARTS: '300' })).toThrow(/PLAINT_SMPP_MAX_PARTS/);
  });

  it("reads the company's own mail domains, by default the care address's", () => {
    const config = loadConfig({ PLAINT_DATA_DIR: dataDir(), PLAINT_COMPANY_MAIL_DOMAINS: ' Kontakt.az, @kontakt-home.com ,kontakt.az' });
    expect(config.mail.companyDomains).toEqual(['kontakt.az', 'kontakt-home.com']);
    expect(loadConfig({ PLAINT_DATA_DIR: dataDir() }).mail.companyDomains).toEqual(['plaint.invalid']);
  });

  it('reads several mailboxes, keeping passwords out of their ids', () => {
    const config = loadConfig({
      PLAINT_DATA_DIR: dataDir(),
      PLAINT_IMAP_URL: 'imaps://care%40kontakt.az:s3cret@mail.kontakt.az/INBOX, imap://complaints:pw@127.0.0.1:3143/Complaints',
    });
    expect(config.imap.mailboxes.map(({ id, secure, port, user, path }) => ({ id, secure, port, user, path }))).toEqual([
      { id: 'care@kontakt.az@mail.kontakt.az/INBOX', secure: true, port: 993, user: 'care@kontakt.az', path: 'INBOX' },
      { id: 'complaints@127.0.0.1/Complaints', secure: false, port: 3143, user: 'complaints', path: 'Complaints' },
    ]);
    expect(config.imap.mailboxes[0]?.password).toBe('s3cret');
  });

  it('waits 5 minutes for the schema, drains for 30 s and leases a mailbox for 30 s by default', () => {
    const defaults = loadConfig({ PLAINT_DATA_DIR: dataDir() });
    expect([defaults.schemaWaitSeconds, defaults.shutdownGraceSeconds, defaults.imap.leaseSeconds]).toEqual([300, 30, 30]);
    const set = loadConfig({
      PLAINT_DATA_DIR: dataDir(),
      PLAINT_SCHEMA_WAIT_SECONDS: '0',
      PLAINT_SHUTDOWN_GRACE_SECONDS: '25',
      PLAINT_IMAP_LEASE_SECONDS: '12',
    });
    expect([set.schemaWaitSeconds, set.shutdownGraceSeconds, set.imap.leaseSeconds]).toEqual([0, 25, 12]);
    expect(() => loadConfig({ PLAINT_DATA_DIR: dataDir(), PLAINT_SHUTDOWN_GRACE_SECONDS: '0' })).toThrow(/PLAINT_SHUTDOWN_GRACE_SECONDS/);
    expect(() => loadConfig({ PLAINT_DATA_DIR: dataDir(), PLAINT_IMAP_LEASE_SECONDS: '1' })).toThrow(/PLAINT_IMAP_LEASE_SECONDS/);
  });

  it('erases personal data a year after closure unless told otherwise, in batches', () => {
    expect(loadConfig({ PLAINT_DATA_DIR: dataDir() }).retention).toEqual({ days: 365, batchSize: 100, tickMs: 3_600_000 });
    expect(loadConfig({ PLAINT_DATA_DIR: dataDir(), PLAINT_RETENTION_DAYS: '30', PLAINT_RETENTION_BATCH: '5' }).retention).toMatchObject({
      days: 30,
      batchSize: 5,
    });
    expect(loadConfig({ PLAINT_DATA_DIR: dataDir(), PLAINT_RETENTION_DAYS: 'off' }).retention.days).toBeNull();
    expect(loadConfig({ PLAINT_DATA_DIR: dataDir(), PLAINT_RETENTION_DAYS: '0' }).retention.days).toBeNull();
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ PLAINT_RETENTION_DAYS: 'a year' }, 'PLAINT_RETENTION_DAYS'],
    [{ PLAINT_RETENTION_BATCH: '0' }, 'PLAINT_RETENTION_BATCH'],
    [{ PLAINT_APP: 'core,billing' }, 'PLAINT_APP'],
    [{ PLAINT_DATABASE_URL: 'mysql://x@y/z' }, 'PLAINT_DATABASE_URL'],
    [{ PLAINT_KAFKA_BROKERS: 'localhost' }, 'PLAINT_KAFKA_BROKERS'],
    [{ PLAINT_TIME_ZONE: 'Asia/Nowhere' }, 'PLAINT_TIME_ZONE'],
    [{ PLAINT_DATABASE_MIGRATE: 'maybe', PLAINT_DATABASE_URL: 'postgres://a@b/c' }, 'PLAINT_DATABASE_MIGRATE'],
    [{ PLAINT_SMTP_URL: 'http://mail.example.az' }, 'PLAINT_SMTP_URL'],
    [{ PLAINT_IMAP_URL: 'pop3://u:p@mail.example.az' }, 'PLAINT_IMAP_URL'],
    [{ PLAINT_MAIL_FROM: 'Care <not an address>' }, 'PLAINT_MAIL_FROM'],
    [{ PLAINT_COMPANY_MAIL_DOMAINS: 'kontakt.az, not a domain' }, 'PLAINT_COMPANY_MAIL_DOMAINS'],
  ])('stops at boot naming the variable for %j', (env, variable) => {
    let error: unknown;
    try {
      loadConfig({ PLAINT_DATA_DIR: dataDir(), ...env });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).variable).toBe(variable);
    expect((error as Error).message).toMatch(new RegExp(`^${variable}: `));
  });

  it('guards the public surfaces by default: no trusted proxy, same-origin chat, limits, metrics apart', () => {
    const config = loadConfig({ PLAINT_DATA_DIR: dataDir() });
    expect(config.edge).toEqual({
      trustedProxies: [],
      chatAllowedOrigins: [],
      widgetAllowedOrigins: [],
      rateLimits: {
        formPerAddress: 20,
        formPerContact: 5,
        chatStartsPerAddress: 20,
        chatStartsPerContact: 5,
        chatMessagesPerAddress: 120,
        chatMessagesPerConversation: 30,
        chatStatusPerConversation: 6,
        signInPerAddress: 10,
        signInPerContact: 3,
        customerMessagesPerSession: 10,
      },
      metrics: { port: 9464, host: '127.0.0.1' },
    });
    // A process on any free port takes any free metrics port too; "off" turns the listener off.
    expect(loadConfig({ PLAINT_DATA_DIR: dataDir(), PORT: '0' }).edge.metrics).toEqual({ port: 0, host: '127.0.0.1' });
    expect(loadConfig({ PLAINT_DATA_DIR: dataDir(), PLAINT_METRICS_PORT: 'off' }).edge.metrics).toBeUndefined();
  });

  it('reads trusted proxies, chat origins and limits, and names the bad one', () => {
    const config = loadConfig({
      PLAINT_DATA_DIR: dataDir(),
      PLAINT_TRUSTED_PROXIES: '10.0.0.0/8, 192.168.1.7, fd00::/8',
      PLAINT_CHAT_ALLOWED_ORIGINS: 'https://shop.example.com, http://localhost:8080',
      PLAINT_WIDGET_ALLOWED_ORIGINS: 'https://www.retailer.az/, https://retailer.az:8443',
      PLAINT_RATE_LIMIT_CHAT_MESSAGES_PER_CONVERSATION: '12',
      PLAINT_METRICS_PORT: '9100',
      PLAINT_METRICS_HOST: '0.0.0.0',
    });
    expect(config.edge.trustedProxies).toEqual(['10.0.0.0/8', '192.168.1.7', 'fd00::/8']);
    expect(config.edge.chatAllowedOrigins).toEqual(['https://shop.example.com', 'http://localhost:8080']);
    expect(config.edge.widgetAllowedOrigins).toEqual(['https://www.retailer.az', 'https://retailer.az:8443']);
    expect(config.edge.rateLimits.chatMessagesPerConversation).toBe(12);
    expect(config.edge.metrics).toEqual({ port: 9100, host: '0.0.0.0' });
    const bad = (env: Record<string, string>) => () => loadConfig({ PLAINT_DATA_DIR: dataDir(), ...env });
    expect(bad({ PLAINT_TRUSTED_PROXIES: 'loopback' })).toThrow(/PLAINT_TRUSTED_PROXIES: "loopback" is not an IP address/);
    expect(bad({ PLAINT_TRUSTED_PROXIES: '10.0.0.0/33' })).toThrow(/PLAINT_TRUSTED_PROXIES/);
    expect(bad({ PLAINT_CHAT_ALLOWED_ORIGINS: 'https://shop.example.com/chat' })).toThrow(/PLAINT_CHAT_ALLOWED_ORIGINS/);
    expect(bad({ PLAINT_CHAT_ALLOWED_ORIGINS: '*' })).toThrow(/PLAINT_CHAT_ALLOWED_ORIGINS/);
    expect(bad({ PLAINT_WIDGET_ALLOWED_ORIGINS: 'https://retailer.az/shop' })).toThrow(/PLAINT_WIDGET_ALLOWED_ORIGINS/);
    expect(bad({ PLAINT_WIDGET_ALLOWED_ORIGINS: "'self'" })).toThrow(/PLAINT_WIDGET_ALLOWED_ORIGINS/);
    expect(bad({ PLAINT_WIDGET_ALLOWED_ORIGINS: 'retailer.az' })).toThrow(/PLAINT_WIDGET_ALLOWED_ORIGINS/);
    expect(bad({ PLAINT_RATE_LIMIT_FORM_PER_ADDRESS: '0' })).toThrow(/PLAINT_RATE_LIMIT_FORM_PER_ADDRESS: must be an integer/);
    expect(bad({ PORT: '9464' })).toThrow(/PLAINT_METRICS_PORT: must differ from PORT/);
    expect(bad({ PLAINT_PUBLIC_CHAT_URL: 'chat.example.com' })).toThrow(/PLAINT_PUBLIC_CHAT_URL: must be an http/);
  });
});

describe('the privacy notice the customer page links', () => {
  const privacyUrl = (value?: string) =>
    loadConfig({ PLAINT_DATA_DIR: dataDir(), ...(value === undefined ? {} : { PLAINT_PRIVACY_URL: value }) }).privacyUrl;

  it('is a web URL or a path on the same site, and none by default', () => {
    expect(privacyUrl()).toBeUndefined();
    expect(privacyUrl('  ')).toBeUndefined();
    expect(privacyUrl(' https://kontakt.az/mexfilik ')).toBe('https://kontakt.az/mexfilik');
    expect(privacyUrl('/privacy.html')).toBe('/privacy.html');
  });

  it.each(['javascript:alert(1)', 'kontakt.az/privacy', '//evil.example/x', 'https://kontakt.az/a b'])('refuses %s', (value) => {
    expect(() => privacyUrl(value)).toThrow(/^PLAINT_PRIVACY_URL: must be an http/);
  });
});
