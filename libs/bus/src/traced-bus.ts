import {
  type Attributes,
  type Context,
  context,
  type Link,
  propagation,
  ROOT_CONTEXT,
  type Span,
  SpanKind,
  SpanStatusCode,
  trace,
} from '@opentelemetry/api';
import type { TopicName, TopicPayload } from '@plaint/contracts';
import {
  type BatchHandler,
  type BusRecord,
  type ConsumerStatus,
  type EncodedOutgoingMessage,
  MessageBus,
  type OutgoingMessage,
  type SubscribeOptions,
  type Subscription,
} from './message-bus';

const TRACER_NAME = 'plaint-bus';

/**
 * The bus with OpenTelemetry trace context in the record headers (W3C `traceparent` and
 * `tracestate`), wrapped around the real driver only when tracing is on, so that no handler
 * needs to know about tracing.
 *
 * Publishing: one producer span per message, the child of the `traceparent` the message
 * already carries (an outbox row stores the one it was written under) or else of the active
 * span; the message goes out with the producer span's context.
 *
 * Consuming: one consumer span per record, the child of the record's context, open while the
 * handler works on its batch. The handler sees each record with the `traceparent` of that span,
 * so what it stores per record (a notice) can continue the record's own trace. A batch of one
 * record runs inside that record's span; a larger batch runs inside a batch span linked to
 * every record's span, since one unit of work cannot have several parents.
 */
export class TracedBus extends MessageBus {
  /** `system`: messaging.system of every span (kafka, or plaint for the in-process bus). */
  constructor(
    private readonly inner: MessageBus,
    private readonly system: string,
  ) {
    super();
  }

  async publish<T extends TopicName>(topic: T, messages: OutgoingMessage<TopicPayload<T>>[]): Promise<void> {
    const spans = messages.map((message) => this.producerSpan(topic, message.headers));
    return this.ended(spans, () =>
      this.inner.publish(
        topic,
        messages.map((message, i) => ({ ...message, headers: withContextOf(spans[i]!, message.headers) })),
      ),
    );
  }

  override async publishEncoded<T extends TopicName>(topic: T, messages: readonly EncodedOutgoingMessage[]): Promise<void> {
    const spans = messages.map((message) => this.producerSpan(topic, message.headers));
    return this.ended(spans, () =>
      this.inner.publishEncoded(
        topic,
        messages.map((message, i) => ({ ...message, headers: withContextOf(spans[i]!, message.headers) })),
      ),
    );
  }

  subscribe<T extends TopicName>(topic: T, options: SubscribeOptions, handler: BatchHandler<TopicPayload<T>>): Promise<Subscription> {
    return this.inner.subscribe(topic, options, (records) => this.consume(topic, options.group, records, handler));
  }

  replayDeadLetters(topic: TopicName): Promise<number> {
    return this.inner.replayDeadLetters(topic);
  }

  isHealthy(): Promise<boolean> {
    return this.inner.isHealthy();
  }

  consumers(): ConsumerStatus[] {
    return this.inner.consumers();
  }

  close(): Promise<void> {
    return this.inner.close();
  }

  override deadLetterCounts(): ReadonlyMap<TopicName, number> {
    return this.inner.deadLetterCounts();
  }

  private async consume<T>(topic: TopicName, group: string, records: readonly BusRecord<T>[], handler: BatchHandler<T>): Promise<void> {
    const tracer = trace.getTracer(TRACER_NAME);
    const spans = records.map((record) =>
      tracer.startSpan(
        `process ${topic}`,
        {
          kind: SpanKind.CONSUMER,
          attributes: {
            ...this.attributes(topic, 'process'),
            'messaging.consumer.group.name': group,
            'messaging.destination.partition.id': String(record.partition),
            'messaging.kafka.offset': Number(record.offset),
          },
        },
        propagation.extract(ROOT_CONTEXT, record.headers),
      ),
    );
    const seen = records.map((record, i) => ({ ...record, headers: withContextOf(spans[i]!, record.headers) }));
    const [only] = spans;
    if (only && spans.length === 1) {
      return this.ended(spans, () => context.with(trace.setSpan(ROOT_CONTEXT, only), () => handler(seen)));
    }
    const links: Link[] = spans.map((span) => ({ context: span.spanContext() }));
    const batch = tracer.startSpan(
      `process ${topic} batch`,
      {
        kind: SpanKind.CONSUMER,
        links,
        attributes: { ...this.attributes(topic, 'process'), 'messaging.consumer.group.name': group, 'messaging.batch.message_count': records.length },
      },
      ROOT_CONTEXT,
    );
    return this.ended([...spans, batch], () => context.with(trace.setSpan(ROOT_CONTEXT, batch), () => handler(seen)));
  }

  private producerSpan(topic: TopicName, headers: Record<string, string> | undefined): Span {
    const parent: Context = headers?.traceparent ? propagation.extract(ROOT_CONTEXT, headers) : context.active();
    return trace
      .getTracer(TRACER_NAME)
      .startSpan(`send ${topic}`, { kind: SpanKind.PRODUCER, attributes: this.attributes(topic, 'send') }, parent);
  }

  private attributes(topic: TopicName, operation: 'send' | 'process'): Attributes {
    return { 'messaging.system': this.system, 'messaging.destination.name': topic, 'messaging.operation.type': operation };
  }

  /** Runs `work` and ends the spans, marked failed when it throws (with the error's class only). */
  private async ended(spans: Span[], work: () => Promise<void>): Promise<void> {
    try {
      await work();
    } catch (error) {
      const message = error instanceof Error ? error.name : 'error';
      for (const span of spans) span.setStatus({ code: SpanStatusCode.ERROR, message });
      throw error;
    } finally {
      for (const span of spans) span.end();
    }
  }
}

/** `headers` with the span's trace context in place of any they had. */
function withContextOf(span: Span, headers: Record<string, string> | undefined): Record<string, string> {
  const { traceparent: _parent, tracestate: _state, ...rest } = headers ?? {};
  propagation.inject(trace.setSpan(ROOT_CONTEXT, span), rest);
  return rest;
}
