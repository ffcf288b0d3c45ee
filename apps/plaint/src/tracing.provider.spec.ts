import { Test } from '@nestjs/testing';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MessageBus, TracedBus } from '@plaint/bus';
import { ConfigError, loadConfig } from '@plaint/config';
import { type Tracing, tracingOn } from '@plaint/observability';
import { TRACING, tracingProviders } from './tracing.provider';

describe('tracing providers', () => {
  let dataDir: string;
  beforeEach(() => (dataDir = mkdtempSync(join(tmpdir(), 'plaint-tracing-'))));
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  async function boot(extra: Record<string, string>) {
    const config = loadConfig({ PLAINT_DATA_DIR: dataDir, PLAINT_APP: 'ingest-web', ...extra });
    const module = await Test.createTestingModule({ providers: tracingProviders(config) }).compile();
    return { config, bus: module.get(MessageBus), tracing: module.get<Tracing | null>(TRACING) };
  }

  it('starts nothing and leaves the bus unwrapped when no OTLP endpoint is set', async () => {
    const { config, bus, tracing } = await boot({});
    expect(config.tracing).toBeUndefined();
    expect(tracing).toBeNull();
    expect(bus).not.toBeInstanceOf(TracedBus);
    expect(tracingOn()).toBe(false);
    await bus.close();
  });

  it('starts the SDK and wraps the bus when OTEL_EXPORTER_OTLP_ENDPOINT is set', async () => {
    const { config, bus, tracing } = await boot({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:4318/' });
    expect(config.tracing).toEqual({ tracesUrl: 'http://127.0.0.1:4318/v1/traces', serviceName: 'plaint-ingest-web' });
    expect(bus).toBeInstanceOf(TracedBus);
    expect(tracingOn()).toBe(true);
    await bus.close();
    await tracing?.shutdown();
    expect(tracingOn()).toBe(false);
  });

  it('takes the traces URL and the service name as given', async () => {
    const { config, bus } = await boot({
      OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'https://tempo.example/otlp/v1/traces',
      OTEL_EXPORTER_OTLP_ENDPOINT: 'http://ignored:4318',
      OTEL_SERVICE_NAME: 'complaints-web',
      PLAINT_APP: 'ingest-web',
    }).then(async (booted) => {
      await booted.tracing?.shutdown();
      return booted;
    });
    expect(config.tracing).toEqual({ tracesUrl: 'https://tempo.example/otlp/v1/traces', serviceName: 'complaints-web' });
    await bus.close();
  });

  it('refuses an endpoint that is not an http(s) URL, naming the variable', () => {
    expect(() => loadConfig({ PLAINT_DATA_DIR: dataDir, PLAINT_APP: 'ingest-web', OTEL_EXPORTER_OTLP_ENDPOINT: 'collector:4318' })).toThrow(ConfigError);
    expect(() => loadConfig({ PLAINT_DATA_DIR: dataDir, PLAINT_APP: 'ingest-web', OTEL_EXPORTER_OTLP_ENDPOINT: 'collector:4318' })).toThrow(/^OTEL_EXPORTER_OTLP_ENDPOINT: /);
  });
});
