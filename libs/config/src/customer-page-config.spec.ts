import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from '@plaint/config';

const env = (extra: Record<string, string>) => ({ PLAINT_DATA_DIR: mkdtempSync(join(tmpdir(), 'plaint-customer-page-config-')), ...extra });
const production = {
  PLAINT_DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/plaint',
  PLAINT_KAFKA_BROKERS: '127.0.0.1:9092',
  PLAINT_REFERENCE_SECRET: 'x'.repeat(32),
  PLAINT_AUTH_SECRET: 'y'.repeat(32),
};

describe("the customer page's configuration", () => {
  it('links to the page the one-process install serves, for 15 minutes, with 30-minute sessions', () => {
    expect(loadConfig(env({ PORT: '3100' })).customerPage).toEqual({
      pageUrl: 'http://localhost:3100/my-complaints.html',
      secureCookie: false,
      linkTtlMinutes: 15,
      sessionTtlMinutes: 30,
      linksPerContactPerHour: 5,
    });
  });

  it('has no link address to guess with Postgres and Kafka, or on any free port: sign-in links stay off until it is set', () => {
    expect(loadConfig(env(production)).customerPage.pageUrl).toBeUndefined();
    expect(loadConfig(env({ PORT: '0' })).customerPage.pageUrl).toBeUndefined();
    const config = loadConfig(env({ ...production, PLAINT_CUSTOMER_PAGE_URL: 'https://care.example.az/my-complaints.html' }));
    expect(config.customerPage).toMatchObject({ pageUrl: 'https://care.example.az/my-complaints.html', secureCookie: true });
  });

  it('reads the lifetimes and the hourly cap, and names a bad value', () => {
    const config = loadConfig(
      env({ PLAINT_CUSTOMER_LINK_TTL_MINUTES: '5', PLAINT_CUSTOMER_SESSION_TTL_MINUTES: '60', PLAINT_CUSTOMER_LINKS_PER_CONTACT_PER_HOUR: '3', PLAINT_RATE_LIMIT_SIGN_IN_PER_CONTACT: '2' }),
    );
    expect(config.customerPage).toMatchObject({ linkTtlMinutes: 5, sessionTtlMinutes: 60, linksPerContactPerHour: 3 });
    expect(config.edge.rateLimits.signInPerContact).toBe(2);
    const bad = (extra: Record<string, string>) => () => loadConfig(env(extra));
    expect(bad({ PLAINT_CUSTOMER_LINK_TTL_MINUTES: '0' })).toThrow(/^PLAINT_CUSTOMER_LINK_TTL_MINUTES: must be an integer from 1 to 1440/);
    expect(bad({ PLAINT_CUSTOMER_SESSION_TTL_MINUTES: 'half an hour' })).toThrow(/^PLAINT_CUSTOMER_SESSION_TTL_MINUTES: must be an integer/);
    expect(bad({ PLAINT_RATE_LIMIT_SIGN_IN_PER_ADDRESS: '-1' })).toThrow(/^PLAINT_RATE_LIMIT_SIGN_IN_PER_ADDRESS/);
    for (const url of ['care.example.az/my-complaints.html', 'ftp://care.example.az/', 'https://care.example.az/my-complaints.html#token=x', 'https://user:pw@care.example.az/']) {
      expect(bad({ PLAINT_CUSTOMER_PAGE_URL: url })).toThrow(ConfigError);
      expect(bad({ PLAINT_CUSTOMER_PAGE_URL: url })).toThrow(/^PLAINT_CUSTOMER_PAGE_URL: must be the page's http:\/\/ or https:\/\/ address/);
    }
  });
});
