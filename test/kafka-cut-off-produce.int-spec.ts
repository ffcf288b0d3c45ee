import { randomBytes, randomUUID } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import { KafkaBus } from '../libs/bus/src';
import { inboundMessage } from '../libs/bus/src/bus-test-fixtures';
import { INBOUND_TOPIC } from '../libs/contracts/src';
import { CuttingProxy } from './support/cutting-proxy';
import { TestKafkaBroker } from './support/kafka-broker';
import { describeWithRealParts } from './support/real-parts';
import { waitFor } from './support/wait-for';

const BROKER_PORT = 29192;
const PROXY_PORT = 29194;

/**
 * The worst moment of a broker restart for a producer: the broker writes a batch, and the
 * answer never comes. Whatever the producer then does, a message it reports as stored must be
 * in the log. (kafkajs's idempotent producer reused the written batch's sequence numbers for
 * the next batch, which the broker then dropped as a duplicate while answering "stored".)
 */
describeWithRealParts('a produce answer cut off by the broker going away', () => {
  const broker = new TestKafkaBroker(BROKER_PORT, BROKER_PORT + 1, PROXY_PORT);
  let proxy: CuttingProxy;
  let bus: KafkaBus | undefined;

  beforeAll(async () => {
    // The proxy first: the broker advertises its port, and checks it is reachable when it starts.
    proxy = await CuttingProxy.start(PROXY_PORT, BROKER_PORT);
    await broker.destroy();
    await broker.start();
  }, 180_000);

  afterAll(async () => {
    await bus?.close();
    await proxy?.close();
    await broker.destroy();
  }, 60_000);

  it('reports a message stored only when the broker has it', async () => {
    const prefix = `cut-${randomBytes(4).toString('hex')}.`;
    bus = new KafkaBus({ brokers: [broker.brokers], clientId: 'cut-off-test', topicPrefix: prefix, partitions: 1, createTopics: true });
    const message = () => inboundMessage(randomUUID(), 'same-customer@example.az');
    const stored: string[] = [];
    const publish = async (outgoing: ReturnType<typeof message>) => {
      await bus!.publish(INBOUND_TOPIC, [outgoing]);
      stored.push(outgoing.value.externalId);
    };

    await publish(message());
    // Longer than the producer's own retries: the publish gives up while the batch is written.
    const cut = proxy.cutAfterNextProduce(20_000);
    const cutOff = publish(message()).then(
      () => 'stored',
      () => 'refused',
    );
    await cut;
    const outcome = await cutOff;
    // The customer's next message, the same size and on the same partition.
    const next = message();
    await waitFor(
      () => publish(next).then(() => true, () => false),
      (done) => done,
      { timeoutMs: 60_000, intervalMs: 500, what: 'the broker to take messages again' },
    );

    const log = new Set<string>();
    const reader = new Kafka({ clientId: 'cut-off-reader', brokers: [broker.brokers], logLevel: logLevel.NOTHING }).consumer({
      groupId: `cut-off-reader-${randomUUID()}`,
    });
    await reader.connect();
    await reader.subscribe({ topic: `${prefix}${INBOUND_TOPIC}`, fromBeginning: true });
    await reader.run({
      eachMessage: ({ message: record }) => {
        const value = JSON.parse(record.value?.toString() ?? '{}') as { externalId?: string };
        if (value.externalId) log.add(value.externalId);
        return Promise.resolve();
      },
    });
    try {
      await waitFor(() => stored.every((id) => log.has(id)), (all) => all, {
        timeoutMs: 30_000,
        what: `every message reported stored (the cut-off one was ${outcome}) to be in the log`,
      });
    } finally {
      await reader.disconnect();
    }
    expect(stored).toContain(next.value.externalId);
  }, 180_000);
});
