import {
  type Attributes,
  type Context,
  context,
  propagation,
  ROOT_CONTEXT,
  type Span,
  SpanKind,
  SpanStatusCode,
  trace,
} from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { ATTR_SERVICE_NAME, ATTR_SERVICE_VERSION } from '@opentelemetry/semantic-conventions';

export { SpanKind } from '@opentelemetry/api';

/** What starting the SDK needs (the config's `tracing`, and the version of the build). */
export interface TracingSettings {
  tracesUrl: string;
  serviceName: string;
  serviceVersion: string;
}

/** The tracing of this process; shutting it down sends the spans still buffered. */
export interface Tracing {
  shutdown(): Promise<void>;
}

/** The W3C trace-context header a record or a stored row carries. */
export const TRACEPARENT = 'traceparent';

const TRACER_NAME = 'plaint';

/** One SDK per process, however many apps (or test boots) share it. */
let running: { provider: NodeTracerProvider; users: number } | undefined;

/**
 * Starts the OpenTelemetry SDK once per process: spans batched and sent over OTLP/HTTP (JSON)
 * to `tracesUrl`, W3C trace context as the propagator, async-hooks context so a span started
 * in a handler is the parent of what it awaits. The sampler comes from OTEL_TRACES_SAMPLER
 * (default parentbased_always_on), read by the SDK from the process environment.
 */
export function startTracing(settings: TracingSettings): Tracing {
  if (!running) {
    const provider = new NodeTracerProvider({
      resource: resourceFromAttributes({ [ATTR_SERVICE_NAME]: settings.serviceName, [ATTR_SERVICE_VERSION]: settings.serviceVersion }),
      spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter({ url: settings.tracesUrl }))],
    });
    provider.register();
    running = { provider, users: 0 };
  }
  const mine = running;
  mine.users += 1;
  let done = false;
  return {
    async shutdown() {
      if (done) return;
      done = true;
      mine.users -= 1;
      if (mine.users > 0) {
        await mine.provider.forceFlush();
        return;
      }
      if (running === mine) running = undefined;
      await mine.provider.shutdown();
      trace.disable();
      context.disable();
      propagation.disable();
    },
  };
}

/** True while the SDK runs in this process: code that would only build spans checks it first. */
export function tracingOn(): boolean {
  return running !== undefined;
}

/**
 * Runs `work` inside a new span (its parent: the context of `traceParent` when given, else the
 * active one) and ends it when `work` settles, marked as an error when it throws. With tracing
 * off, it only calls `work`. Attributes must never carry personal data (addresses, names, texts).
 */
export async function inSpan<T>(
  name: string,
  attributes: Attributes,
  work: (span: Span | undefined) => Promise<T>,
  options: { kind?: SpanKind; traceParent?: string | null } = {},
): Promise<T> {
  if (!running) return work(undefined);
  const parent = options.traceParent ? contextOf(options.traceParent) : context.active();
  const span = trace.getTracer(TRACER_NAME).startSpan(name, { kind: options.kind ?? SpanKind.INTERNAL, attributes }, parent);
  try {
    return await context.with(trace.setSpan(parent, span), () => work(span));
  } catch (error) {
    failed(span, error);
    throw error;
  } finally {
    span.end();
  }
}

/**
 * Records a step that is done at once (a row written) as a span of its own and returns its
 * `traceparent`, to be stored with what the step made so later work can continue the trace.
 * Undefined with tracing off.
 */
export function recordStep(name: string, attributes: Attributes, traceParent?: string): string | undefined {
  if (!running) return undefined;
  const parent = traceParent ? contextOf(traceParent) : context.active();
  const span = trace.getTracer(TRACER_NAME).startSpan(name, { attributes }, parent);
  span.end();
  return traceParentOf(trace.setSpan(parent, span));
}

/** The `traceparent` of the active span; undefined with tracing off or outside any span. */
export function activeTraceParent(): string | undefined {
  return running ? traceParentOf(context.active()) : undefined;
}

/** The context a `traceparent` header names, as the parent of new spans. */
export function contextOf(traceParent: string): Context {
  return propagation.extract(ROOT_CONTEXT, { [TRACEPARENT]: traceParent });
}

/** The `traceparent` of a context's span; undefined when it has none. */
export function traceParentOf(ctx: Context): string | undefined {
  const carrier: Record<string, string> = {};
  propagation.inject(ctx, carrier);
  return carrier[TRACEPARENT];
}

/** Marks a span failed with the error's class only: messages may quote what a customer wrote. */
export function failed(span: Span, error: unknown): void {
  span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.name : 'error' });
}
