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
    expect(config.apps).toEqual(['core', 'notifier', 'ingest-chat', 'ingest-web']);
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
    const config = loadConfig({ ...env, PLAINT_REFERENCE_SECRET: 'x'.repeat(32) });
    expect(config.database.kind).toBe('postgres');
    expect(config.bus).toMatchObject({ kind: 'kafka', brokers: ['127.0.0.1:9092', '127.0.0.1:9093'] });
    expect(config.apps).toEqual(['core', 'notifier']);
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ PLAINT_APP: 'core,billing' }, 'PLAINT_APP'],
    [{ PLAINT_DATABASE_URL: 'mysql://x@y/z' }, 'PLAINT_DATABASE_URL'],
    [{ PLAINT_KAFKA_BROKERS: 'localhost' }, 'PLAINT_KAFKA_BROKERS'],
    [{ PLAINT_TIME_ZONE: 'Asia/Nowhere' }, 'PLAINT_TIME_ZONE'],
    [{ PLAINT_DATABASE_MIGRATE: 'maybe', PLAINT_DATABASE_URL: 'postgres://a@b/c' }, 'PLAINT_DATABASE_MIGRATE'],
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
