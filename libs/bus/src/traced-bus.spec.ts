import { context, propagation, SpanStatusCode, trace } from '@opentelemetry/api';
import { InMemorySpanExporter, NodeTracerProvider, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-node';
import { eventually, handle, INBOUND_TOPIC, inboundMessage } from './bus-test-fixtures';
import { InProcessBus } from './in-process-bus';
import type { BusRecord } from './message-bus';
import { TracedBus } from './traced-bus';
import type { InboundMessageV1 } from '@plaint/contracts';

describe('TracedBus: trace context across the bus', () => {
  const exporter = new InMemorySpanExporter();
  const provider = new NodeTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  const buses: TracedBus[] = [];

  beforeAll(() => provider.register());
  afterEach(async () => {
    for (const bus of buses.splice(0)) await bus.close();
    exporter.reset();
  });
  afterAll(async () => {
    await provider.shutdown();
    trace.disable();
    context.disable();
    propagation.disable();
  });

  const open = (maxAttempts = 3) => {
    const bus = new TracedBus(new InProcessBus({ retryBackoffMs: 1, maxAttempts }), 'plaint');
    buses.push(bus);
    return bus;
  };
  const span = (name: string) => exporter.getFinishedSpans().find((s) => s.name === name);

  it('makes the consumer span a child of the producer span, and runs the handler inside it', async () => {
    const bus = open();
    const seen: { record: BusRecord<InboundMessageV1>; activeSpanId: string | undefined }[] = [];
    await bus.subscribe(INBOUND_TOPIC, { group: 'core' }, handle((records) => {
      for (const record of records) seen.push({ record, activeSpanId: trace.getActiveSpan()?.spanContext().spanId });
    }));
    const origin = trace.getTracer('test').startSpan('form posted');
    await context.with(trace.setSpan(context.active(), origin), () => bus.publish(INBOUND_TOPIC, [inboundMessage('m1')]));
    origin.end();
    await eventually('the record handled', () => seen.length === 1);
    await eventually('the consumer span ended', () => span(`process ${INBOUND_TOPIC}`) !== undefined);

    const send = span(`send ${INBOUND_TOPIC}`)!;
    const process = span(`process ${INBOUND_TOPIC}`)!;
    expect(send.spanContext().traceId).toBe(origin.spanContext().traceId);
    expect(send.parentSpanContext?.spanId).toBe(origin.spanContext().spanId);
    expect(process.spanContext().traceId).toBe(origin.spanContext().traceId);
    expect(process.parentSpanContext?.spanId).toBe(send.spanContext().spanId);
    // The handler sees its own record's span, active and in the header, and the other headers unchanged.
    const [{ record, activeSpanId }] = seen as [(typeof seen)[number]];
    expect(activeSpanId).toBe(process.spanContext().spanId);
    expect(record.headers.traceparent).toBe(`00-${process.spanContext().traceId}-${process.spanContext().spanId}-01`);
    expect(record.headers['plaint-correlation-id']).toBe('corr-m1');
    expect(process.attributes).toMatchObject({ 'messaging.destination.name': INBOUND_TOPIC, 'messaging.consumer.group.name': 'core' });
  });

  it('continues the trace a stored message carries, and gives each record of a batch its own span', async () => {
    const bus = open();
    const handled: BusRecord<InboundMessageV1>[] = [];
    const first = trace.getTracer('test').startSpan('stored with the first');
    const second = trace.getTracer('test').startSpan('stored with the second');
    first.end();
    second.end();
    const carrier = (s: typeof first) => `00-${s.spanContext().traceId}-${s.spanContext().spanId}-01`;
    // One key: both in one partition, so (usually) one batch.
    await bus.publishEncoded(INBOUND_TOPIC, [first, second].map((stored, i) => {
      const { key, value } = inboundMessage(`m${i}`);
      return { key, json: JSON.stringify(value), headers: { traceparent: carrier(stored) } };
    }));
    await bus.subscribe(INBOUND_TOPIC, { group: 'core' }, handle((records) => void handled.push(...records)));
    await eventually('both records handled', () => handled.length === 2);
    await eventually('both consumer spans ended', () => exporter.getFinishedSpans().filter((s) => s.name === `process ${INBOUND_TOPIC}`).length === 2);

    const processes = exporter.getFinishedSpans().filter((s) => s.name === `process ${INBOUND_TOPIC}`);
    expect(processes.map((s) => s.spanContext().traceId).sort()).toEqual([first, second].map((s) => s.spanContext().traceId).sort());
    for (const record of handled) {
      const own = processes.find((s) => record.headers.traceparent?.includes(s.spanContext().spanId));
      expect(own).toBeDefined();
    }
  });

  it('delegates what the driver knows: dead letters, consumers, health', async () => {
    const bus = open(1);
    await bus.subscribe(INBOUND_TOPIC, { group: 'core' }, handle(() => {
      throw new Error('cannot parse the complaint body');
    }));
    await bus.publish(INBOUND_TOPIC, [inboundMessage('poison')]);
    await eventually('the poison dead-lettered', () => bus.deadLetterCounts().get(INBOUND_TOPIC) === 1);
    expect(bus.consumers()).toEqual([expect.objectContaining({ topic: INBOUND_TOPIC, group: 'core' })]);
    expect(await bus.isHealthy()).toBe(true);
    expect(await bus.replayDeadLetters(INBOUND_TOPIC)).toBe(1);
    // The failed attempt's span says it failed, with the error's class and not its message.
    const failed = exporter.getFinishedSpans().find((s) => s.name === `process ${INBOUND_TOPIC}` && s.status.code === SpanStatusCode.ERROR);
    expect(failed?.status.message).toBe('Error');
  });
});
