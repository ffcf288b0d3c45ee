import type { Provider } from '@nestjs/common';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createMessageBus, MessageBus, TracedBus } from '@plaint/bus';
import type { PlaintConfig } from '@plaint/config';
import { startTracing, type Tracing } from '@plaint/observability';

/** Injection token: this process's tracing, or null when no OTLP endpoint is configured. */
export const TRACING = Symbol('TRACING');

/**
 * The tracing of the process (started here, once, when configured) and the bus: the driver the
 * config names, wrapped in TracedBus only when tracing is on, so that with tracing off nothing
 * on the hot path changes.
 */
export function tracingProviders(config: PlaintConfig): Provider[] {
  return [
    {
      provide: TRACING,
      useFactory: (): Tracing | null =>
        config.tracing ? startTracing({ ...config.tracing, serviceVersion: plaintVersion() }) : null,
    },
    { provide: MessageBus, inject: [TRACING], useFactory: (tracing: Tracing | null) => busFor(config, tracing !== null) },
  ];
}

export function busFor(config: Pick<PlaintConfig, 'bus'>, traced: boolean): MessageBus {
  const bus = createMessageBus(config.bus);
  return traced ? new TracedBus(bus, config.bus.kind === 'kafka' ? 'kafka' : 'plaint') : bus;
}

/** The version in the nearest package.json above this file (from the sources and from dist alike). */
function plaintVersion(): string {
  for (let dir = __dirname; dir !== dirname(dir); dir = dirname(dir)) {
    const file = join(dir, 'package.json');
    if (existsSync(file)) return (JSON.parse(readFileSync(file, 'utf8')) as { version?: string }).version ?? 'unknown';
  }
  return 'unknown';
}
