import type { Message, TopicMessages } from 'kafkajs';
import { SendCoalescer } from './send-coalescer';

/** A stand-in for the producer's sendBatch whose answers the test gives, one batch at a time. */
class Producer {
  readonly batches: { topicMessages: TopicMessages[]; answer(error?: Error): void }[] = [];

  readonly sendBatch = (topicMessages: TopicMessages[]): Promise<void> =>
    new Promise((resolve, reject) => {
      this.batches.push({ topicMessages, answer: (error) => (error ? reject(error) : resolve()) });
    });

  /** The values of a batch, topic by topic. */
  values(index: number): Record<string, string[]> {
    return Object.fromEntries(this.batches[index]!.topicMessages.map(({ topic, messages }) => [topic, messages.map((m) => String(m.value))]));
  }
}

const message = (value: string): Message => ({ key: value, value });
const settled = () => new Promise((resolve) => setImmediate(resolve));

describe('coalescing concurrent sends into Kafka batches', () => {
  it('sends what arrives within the linger as one batch, and tells each caller when Kafka answered', async () => {
    const producer = new Producer();
    const coalescer = new SendCoalescer(producer.sendBatch, 1);
    const done: string[] = [];
    const first = coalescer.send('inbound', [message('a')]).then(() => done.push('a'));
    const second = coalescer.send('inbound', [message('b')]).then(() => done.push('b'));
    const third = coalescer.send('notices', [message('c')]).then(() => done.push('c'));
    await new Promise((resolve) => setTimeout(resolve, 10));

    expect(producer.batches).toHaveLength(1);
    expect(producer.values(0)).toEqual({ inbound: ['a', 'b'], notices: ['c'] });
    expect(done).toEqual([]);
    producer.batches[0]!.answer();
    await Promise.all([first, second, third]);
    expect(done).toEqual(['a', 'b', 'c']);
  });

  it('keeps sends that arrive while a batch is on its way for one next batch, in order', async () => {
    const producer = new Producer();
    const coalescer = new SendCoalescer(producer.sendBatch, 0);
    const first = coalescer.send('inbound', [message('1')]);
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(producer.batches).toHaveLength(1);

    const later = ['2', '3', '4', '5'].map((value) => coalescer.send('inbound', [message(value)]));
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(producer.batches).toHaveLength(1); // nothing beside the batch on its way

    producer.batches[0]!.answer();
    await first;
    await settled();
    expect(producer.batches).toHaveLength(2);
    expect(producer.values(1)).toEqual({ inbound: ['2', '3', '4', '5'] });
    producer.batches[1]!.answer();
    await Promise.all(later);
    expect(coalescer.stats()).toEqual({ sends: 5, batches: 2 });
  });

  it('fails only the callers of the batch Kafka refused', async () => {
    const producer = new Producer();
    const coalescer = new SendCoalescer(producer.sendBatch, 0);
    const refused = coalescer.send('inbound', [message('a')]);
    await new Promise((resolve) => setTimeout(resolve, 5));
    const next = coalescer.send('inbound', [message('b')]);

    producer.batches[0]!.answer(new Error('broker went away'));
    await expect(refused).rejects.toThrow('broker went away');
    await settled();
    producer.batches[1]!.answer();
    await expect(next).resolves.toBeUndefined();
  });

  it('sends at once when maxMessages are waiting, and never more than that in one batch', async () => {
    const producer = new Producer();
    const coalescer = new SendCoalescer(producer.sendBatch, 60_000, 3);
    const sends = ['a', 'b', 'c'].map((value) => coalescer.send('inbound', [message(value)]));
    expect(producer.batches).toHaveLength(1);

    sends.push(...['d', 'e', 'f', 'g'].map((value) => coalescer.send('inbound', [message(value)])));
    producer.batches[0]!.answer();
    await settled();
    expect(producer.values(1)).toEqual({ inbound: ['d', 'e', 'f'] });
    producer.batches[1]!.answer();
    await settled();
    expect(producer.values(2)).toEqual({ inbound: ['g'] });
    producer.batches[2]!.answer();
    await Promise.all(sends);
  });

  it('drains: sends what waits and resolves once every batch is answered', async () => {
    const producer = new Producer();
    const coalescer = new SendCoalescer(producer.sendBatch, 60_000, 2);
    const sends = ['a', 'b', 'c'].map((value) => coalescer.send('inbound', [message(value)]));
    let drained = false;
    const draining = coalescer.drain().then(() => (drained = true));

    producer.batches[0]!.answer();
    await settled();
    expect(drained).toBe(false);
    expect(producer.values(1)).toEqual({ inbound: ['c'] });
    producer.batches[1]!.answer();
    await draining;
    await Promise.all(sends);
  });
});
