import { Logger } from '@nestjs/common';
import type { InboundMessageV1 } from '@plaint/contracts';
import { type Admin, Kafka, type KafkaMessage, logLevel } from 'kafkajs';
import { randomUUID } from 'node:crypto';
import { eventually, handle, INBOUND_TOPIC, inboundMessage } from './bus-test-fixtures';
import { KafkaBus, type KafkaBusOptions } from './kafka-bus';
import { stringHeaders } from './kafka-message-codec';
import { type BusRecord, DLQ_HEADERS } from './message-bus';

type Inbound = BusRecord<InboundMessageV1>;

const brokers = (process.env.PLAINT_KAFKA_BROKERS ?? '').split(',').filter(Boolean);
if (brokers.length === 0) {
  // A missing broker fails the run, never skips it: a run without Kafka must not look green.
  throw new Error('PLAINT_KAFKA_BROKERS is not set: these tests need a real broker (npm test starts one)');
}

describe('KafkaBus on a real broker', () => {
  const filePrefix = `it-${randomUUID().slice(0, 8)}-`;
  const raw = new Kafka({ clientId: 'plaint-bus-int-spec', brokers, logLevel: logLevel.NOTHING });
  let admin: Admin;
  let prefix: string;
  let testNo = 0;
  const buses: KafkaBus[] = [];

  const newBus = (options: Partial<KafkaBusOptions> = {}) => {
    const bus = new KafkaBus({
      brokers,
      clientId: 'plaint-bus-int-spec',
      topicPrefix: prefix,
      partitions: 6,
      createTopics: true,
      maxAttempts: 3,
      retryBackoffMs: 20,
      sessionTimeoutMs: 10_000,
      ...options,
    });
    buses.push(bus);
    return bus;
  };

  /** Reads `count` records of a topic from the beginning, with a throw-away group. */
  const readTopic = async (topic: string, count: number): Promise<KafkaMessage[]> => {
    const consumer = raw.consumer({ groupId: `${prefix}reader-${randomUUID()}`, maxWaitTimeInMs: 100 });
    const seen: KafkaMessage[] = [];
    await consumer.connect();
    try {
      await consumer.subscribe({ topics: [topic], fromBeginning: true });
      await consumer.run({ eachMessage: ({ message }) => Promise.resolve(void seen.push(message)) });
      await eventually(`${count} records on ${topic}`, () => seen.length >= count, 30_000);
    } finally {
      await consumer.disconnect();
    }
    return seen;
  };

  const recordsOn = async (topic: string): Promise<number> =>
    (await admin.fetchTopicOffsets(topic)).reduce((sum, { high, low }) => sum + Number(high) - Number(low), 0);

  beforeAll(async () => {
    Logger.overrideLogger(['error']);
    admin = raw.admin();
    await admin.connect();
  });
  beforeEach(() => {
    testNo += 1;
    prefix = `${filePrefix}${testNo}-`;
  });
  afterEach(async () => {
    await Promise.all(buses.splice(0).map((bus) => bus.close()));
  });
  afterAll(async () => {
    const topics = (await admin.listTopics()).filter((topic) => topic.startsWith(filePrefix));
    if (topics.length > 0) await admin.deleteTopics({ topics });
    await admin.disconnect();
  });

  it('keeps each key in order while the keys spread over partitions', async () => {
    const bus = newBus();
    const customers = Array.from({ length: 12 }, (_, i) => `c${i}@example.az`);
    const sent = new Map<string, string[]>(customers.map((c) => [c, []]));
    for (let round = 0; round < 20; round += 1) {
      const messages = customers.map((customer) => inboundMessage(`${customer}#${round}`, customer));
      for (const m of messages) sent.get(m.key)?.push(m.value.id);
      await bus.publish(INBOUND_TOPIC, messages);
    }

    const seen = new Map<string, string[]>();
    const partitions = new Set<number>();
    await bus.subscribe(INBOUND_TOPIC, { group: 'core' }, handle((records) => {
      for (const r of records) {
        partitions.add(r.partition);
        seen.set(r.key, [...(seen.get(r.key) ?? []), r.value.id]);
      }
    }));
    await eventually('240 records', () => [...seen.values()].flat().length >= 240, 30_000);

    expect(seen).toEqual(sent);
    expect(partitions.size).toBeGreaterThan(1);
  });

  it('commits a delivered batch: the group does not get it again after a restart', async () => {
    const first = newBus();
    const ids = Array.from({ length: 50 }, (_, i) => `m${i}`);
    await first.publish(INBOUND_TOPIC, ids.map((id) => inboundMessage(id)));
    const firstSeen: string[] = [];
    let largestBatch = 0;
    await first.subscribe(INBOUND_TOPIC, { group: 'core' }, handle((records) => {
      largestBatch = Math.max(largestBatch, records.length);
      firstSeen.push(...records.map((r) => r.value.id));
    }));
    await eventually('the first 50', () => firstSeen.length >= 50, 30_000);
    await first.close();
    expect(firstSeen).toEqual(ids);
    expect(largestBatch).toBeGreaterThan(1);

    const second = newBus();
    const secondSeen: string[] = [];
    await second.subscribe(INBOUND_TOPIC, { group: 'core' }, handle((records) => {
      secondSeen.push(...records.map((r) => r.value.id));
    }));
    await second.publish(INBOUND_TOPIC, [inboundMessage('after-restart')]);
    await eventually('the new record', () => secondSeen.includes('after-restart'), 30_000);
    expect(secondSeen).toEqual(['after-restart']);
  });

  it('retries a failing batch until it succeeds, dead-lettering nothing', async () => {
    const bus = newBus({ maxAttempts: 5 });
    let failures = 0;
    const delivered: string[] = [];
    await bus.subscribe(INBOUND_TOPIC, { group: 'core' }, handle((records) => {
      if (failures < 2) {
        failures += 1;
        throw new Error('postgres is restarting');
      }
      delivered.push(...records.map((r) => r.value.id));
    }));
    await bus.publish(INBOUND_TOPIC, [inboundMessage('m1'), inboundMessage('m2')]);

    await eventually('delivery after two failures', () => delivered.length >= 2, 30_000);
    expect(delivered).toEqual(['m1', 'm2']);
    expect(failures).toBe(2);
    expect(await recordsOn(`${prefix}plaint.inbound.v1.dlq`)).toBe(0);
  });

  it('dead-letters a poison message and an undecodable one, and goes on with the partition', async () => {
    const bus = newBus();
    const handled: string[] = [];
    await bus.subscribe(INBOUND_TOPIC, { group: 'core' }, handle((records) => {
      if (records.some((r) => r.value.id === 'poison')) throw new Error('complaint body cannot be parsed');
      handled.push(...records.map((r) => r.value.id));
    }));
    // All on one key, so on one partition: the poison sits between the two good ones.
    await bus.publish(INBOUND_TOPIC, [inboundMessage('before'), inboundMessage('poison')]);
    const producer = raw.producer();
    await producer.connect();
    await producer.send({
      topic: `${prefix}plaint.inbound.v1`,
      messages: [{ key: 'aysel@example.az', value: '{not json' }],
    });
    await producer.disconnect();
    await bus.publish(INBOUND_TOPIC, [inboundMessage('after')]);

    await eventually('the message after the poison', () => handled.includes('after'), 30_000);
    expect(handled).toEqual(['before', 'after']);

    const letters = await readTopic(`${prefix}plaint.inbound.v1.dlq`, 2);
    const byReason = letters.map((letter) => stringHeaders(letter.headers));
    expect(byReason).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          [DLQ_HEADERS.reason]: 'complaint body cannot be parsed',
          [DLQ_HEADERS.attempts]: '3',
          [DLQ_HEADERS.group]: 'core',
          [DLQ_HEADERS.sourceTopic]: INBOUND_TOPIC,
          'plaint-correlation-id': 'corr-poison',
        }),
        expect.objectContaining({
          [DLQ_HEADERS.reason]: expect.stringMatching(/^value is not JSON/),
          [DLQ_HEADERS.attempts]: '0',
        }),
      ]),
    );
    expect(letters.map((letter) => letter.value?.toString())).toContain('{not json');
    await eventually('both dead letters counted for the metric', () => bus.deadLetterCounts().get(INBOUND_TOPIC) === 2);
  });

  it('replays dead letters to their topic once', async () => {
    const bus = newBus({ maxAttempts: 1 });
    let broken = true;
    const handled: Inbound[] = [];
    await bus.subscribe(INBOUND_TOPIC, { group: 'notifier' }, handle((records) => {
      if (broken) throw new Error('templates missing');
      handled.push(...records);
    }));
    await bus.publish(INBOUND_TOPIC, [inboundMessage('m1', 'a@example.az'), inboundMessage('m2', 'b@example.az')]);
    await readTopic(`${prefix}plaint.inbound.v1.dlq`, 2);

    broken = false;
    expect(await bus.replayDeadLetters(INBOUND_TOPIC)).toBe(2);
    await eventually('the replayed records', () => handled.length >= 2, 30_000);
    expect(handled.map((r) => r.value.id).sort()).toEqual(['m1', 'm2']);
    // Back with the original headers only.
    expect(handled[0]?.headers).toEqual({ 'plaint-correlation-id': `corr-${handled[0]?.value.id}` });
    expect(await bus.replayDeadLetters(INBOUND_TOPIC)).toBe(0);
  });

  it('coalesces concurrent publishes into fewer Kafka batches, each acknowledged', async () => {
    const bus = newBus();
    const ids = Array.from({ length: 200 }, (_, i) => `m${i}`);
    await Promise.all(ids.map((id, i) => bus.publish(INBOUND_TOPIC, [inboundMessage(id, `c${i % 10}@example.az`)])));

    const { sends, batches } = bus.sendStats();
    expect(sends).toBe(200);
    expect(batches).toBeLessThan(20);
    expect(await recordsOn(`${prefix}plaint.inbound.v1`)).toBe(200);
  });

  it('stops cleanly mid-stream: another member resumes, nothing lost, nothing twice', async () => {
    const ids = Array.from({ length: 300 }, (_, i) => `m${i}`);
    const counts = new Map<string, number>();
    const count = async (records: readonly Inbound[]) => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      for (const r of records) counts.set(r.value.id, (counts.get(r.value.id) ?? 0) + 1);
    };
    const first = newBus({ maxBatchSize: 10 });
    await first.publish(INBOUND_TOPIC, ids.map((id, i) => inboundMessage(id, `c${i % 20}@example.az`)));
    await first.subscribe(INBOUND_TOPIC, { group: 'core' }, count);
    await eventually('the first member to be under way', () => counts.size >= 50, 30_000);
    await first.close();
    expect(counts.size).toBeLessThan(300);

    const second = newBus({ maxBatchSize: 10 });
    await second.subscribe(INBOUND_TOPIC, { group: 'core' }, count);
    await eventually('every record', () => counts.size >= 300, 30_000);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect([...counts.keys()].sort()).toEqual([...ids].sort());
    expect([...counts].filter(([, n]) => n !== 1)).toEqual([]);
  });

  it('says when its consumers have joined their groups, and has them leave on close', async () => {
    const bus = newBus();
    await bus.subscribe(INBOUND_TOPIC, { group: 'status' }, () => Promise.resolve());
    await eventually('the consumer to join its group', () => bus.consumers()[0]?.state === 'running', 30_000);
    expect(bus.consumers()).toEqual([expect.objectContaining({ topic: INBOUND_TOPIC, group: 'status', state: 'running', restarts: 0 })]);
    expect(await bus.isHealthy()).toBe(true);
    await bus.close();
    expect(bus.consumers()).toEqual([]);
  });

  it('reports health until it is closed', async () => {
    const bus = newBus();
    expect(await bus.isHealthy()).toBe(true);
    await bus.close();
    expect(await bus.isHealthy()).toBe(false);
  });
});
