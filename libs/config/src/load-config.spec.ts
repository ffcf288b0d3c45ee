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
    expect(config.apps).toEqual(['core', 'notifier', 'ingest-chat', 'ingest-web', 'ingest-email']);
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
    expect(config.bus).toMatchObject({ kind: 'kafka', brokers: ['127.0.0.1:9092', '127.0.0.1:9093'] });
    expect(config.apps).toEqual(['core', 'notifier']);
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

  it.each([
    [{ PORT: 'eighty' }, 'PORT'],
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
});
