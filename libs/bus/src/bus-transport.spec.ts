import { Controller, Injectable, type INestApplication, Logger } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { Test } from '@nestjs/testing';
import type { InboundMessageV1 } from '@plaint/contracts';
import { BusContext } from './bus-context';
import { eventually, INBOUND_TOPIC, inboundMessage } from './bus-test-fixtures';
import { BusTransport, OnBatch } from './bus-transport';
import { InProcessBus } from './in-process-bus';
import { type BusRecord, DLQ_HEADERS } from './message-bus';

type Inbound = BusRecord<InboundMessageV1>;

/** What the handlers below saw, and which ids they should fail on. */
@Injectable()
class Calls {
  readonly batches: { group: string; ids: string[] }[] = [];
  readonly failFor = new Set<string>();

  record(group: string, records: readonly Inbound[]): void {
    const ids = records.map((r) => r.value.id);
    this.batches.push({ group, ids });
    const poison = ids.find((id) => this.failFor.has(id));
    if (poison) throw new Error(`${group} cannot handle ${poison}`);
  }

  idsOf(group: string): string[] {
    return this.batches.filter((b) => b.group === group).flatMap((b) => b.ids);
  }
}

@Controller()
class InboundHandlers {
  constructor(private readonly calls: Calls) {}

  @OnBatch(INBOUND_TOPIC, 'core')
  core(@Payload() records: readonly Inbound[], @Ctx() context: BusContext): void {
    this.calls.record(`${context.getGroup()}@${context.getTopic()}`, records);
  }

  @OnBatch(INBOUND_TOPIC, 'audit')
  audit(@Payload() records: readonly Inbound[]): void {
    this.calls.record('audit', records);
  }

  /** Nest's own decorator with the group as extras: works too, but Nest hides the error. */
  @EventPattern(INBOUND_TOPIC, { group: 'plain' })
  plain(@Payload() records: readonly Inbound[]): void {
    this.calls.record('plain', records);
  }
}

@Controller()
class HandlerWithoutGroup {
  @EventPattern(INBOUND_TOPIC)
  handle(@Payload() records: readonly Inbound[]): void {
    void records;
  }
}

describe('BusTransport', () => {
  let bus: InProcessBus;
  let app: INestApplication | undefined;

  const start = async (controllers: (new (...args: never[]) => object)[]) => {
    const moduleRef = await Test.createTestingModule({ controllers, providers: [Calls] }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    app.connectMicroservice({ strategy: new BusTransport(bus) });
    await app.startAllMicroservices();
    return app.get(Calls);
  };

  beforeAll(() => {
    Logger.overrideLogger(false);
  });
  beforeEach(() => {
    bus = new InProcessBus({ maxAttempts: 2, retryBackoffMs: 1, partitions: 1 });
  });
  afterEach(async () => {
    await app?.close();
    app = undefined;
    await bus.close();
  });

  it('hands each group the waiting records as one batch, with their topic and group', async () => {
    await bus.publish(INBOUND_TOPIC, ['m1', 'm2', 'm3'].map((id) => inboundMessage(id)));
    const calls = await start([InboundHandlers]);

    await eventually('all three groups', () => calls.batches.length === 3);
    expect(calls.batches).toEqual(
      expect.arrayContaining([
        { group: 'core@plaint.inbound.v1', ids: ['m1', 'm2', 'm3'] },
        { group: 'audit', ids: ['m1', 'm2', 'm3'] },
        { group: 'plain', ids: ['m1', 'm2', 'm3'] },
      ]),
    );
  });

  it("makes the bus retry and dead-letter when an @OnBatch handler throws, with the handler's error", async () => {
    const calls = await start([InboundHandlers]);
    calls.failFor.add('poison');
    await bus.publish(INBOUND_TOPIC, [inboundMessage('ok-1'), inboundMessage('poison'), inboundMessage('ok-2')]);

    const core = () => calls.idsOf('core@plaint.inbound.v1');
    await eventually('the core group to get past the poison', () => core().includes('ok-2'));
    await eventually('all dead letters', () => bus.deadLetters(INBOUND_TOPIC).length === 3);
    // 2 attempts with the batch, then alone: the poison twice, its neighbours once each.
    expect(core()).toEqual([
      ...['ok-1', 'poison', 'ok-2'],
      ...['ok-1', 'poison', 'ok-2'],
      'ok-1',
      'poison',
      'poison',
      'ok-2',
    ]);
    const reasons = bus
      .deadLetters(INBOUND_TOPIC)
      .map((letter) => `${letter.headers[DLQ_HEADERS.group]}: ${letter.reason}`);
    expect(reasons.sort()).toEqual([
      'audit: audit cannot handle poison',
      'core: core@plaint.inbound.v1 cannot handle poison',
      // A plain @EventPattern is retried and dead-lettered as well: Nest does not swallow the
      // failure, but its exception layer replaces the error with a generic one.
      'plain: Internal server error',
    ]);
  });

  it("keeps the groups apart: one group's failure does not replay another group's handler", async () => {
    const calls = await start([InboundHandlers]);
    calls.failFor.add('m1');
    await bus.publish(INBOUND_TOPIC, [inboundMessage('m1')]);

    await eventually('the dead letters', () => bus.deadLetters(INBOUND_TOPIC).length === 3);
    expect(calls.idsOf('core@plaint.inbound.v1')).toEqual(['m1', 'm1']);
    expect(calls.idsOf('audit')).toEqual(['m1', 'm1']);
    expect(calls.idsOf('plain')).toEqual(['m1', 'm1']);
  });

  it('refuses to start a handler that names no consumer group', async () => {
    await expect(start([HandlerWithoutGroup])).rejects.toThrow(/names no consumer group/);
  });

  it('stops consuming when the app closes, leaving the bus usable', async () => {
    const calls = await start([InboundHandlers]);
    await app?.close();
    app = undefined;

    await bus.publish(INBOUND_TOPIC, [inboundMessage('after-close')]);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(calls.batches).toEqual([]);
  });
});
