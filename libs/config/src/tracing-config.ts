import { ConfigError } from './config-error';

/** Where this process sends its traces, and under which service name. */
export interface TracingConfig {
  /** The OTLP/HTTP traces URL, e.g. http://collector:4318/v1/traces. */
  tracesUrl: string;
  /** service.name of every span: OTEL_SERVICE_NAME, else plaint-<apps of this process>. */
  serviceName: string;
}

type Env = Record<string, string | undefined>;

/**
 * Tracing is on when an OTLP endpoint is configured, with the standard OpenTelemetry variables:
 * OTEL_EXPORTER_OTLP_TRACES_ENDPOINT (the traces URL itself) or OTEL_EXPORTER_OTLP_ENDPOINT (a
 * base URL, to which /v1/traces is added). Neither: undefined, and no tracing at all.
 */
export function tracingConfig(env: Env, apps: readonly string[]): TracingConfig | undefined {
  const traces = env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT?.trim();
  const base = env.OTEL_EXPORTER_OTLP_ENDPOINT?.trim();
  if (!traces && !base) return undefined;
  const name = traces ? 'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT' : 'OTEL_EXPORTER_OTLP_ENDPOINT';
  const tracesUrl = traces || `${base!.replace(/\/+$/, '')}/v1/traces`;
  if (!/^https?:\/\/[^/]/.test(tracesUrl)) throw new ConfigError(name, 'must be an http:// or https:// URL');
  return { tracesUrl, serviceName: env.OTEL_SERVICE_NAME?.trim() || `plaint-${apps.join('+')}` };
}
