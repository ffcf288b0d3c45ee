import type { Admin, ConsumerConfig, EachBatchPayload, Kafka, Message } from 'kafkajs';
import { BusError } from './bus-error';
import { withoutDeadLetterHeaders } from './dead-letters';
import { offsetAfter, stringHeaders } from './kafka-message-codec';

export interface DeadLetterReplay {
  kafka: Kafka;
  admin: Admin;
  consumerConfig: ConsumerConfig;
  /** The dead-letter topic on the cluster, and the topic its records go back to. */
  deadLetterTopic: string;
  sourceTopic: string;
  send(topic: string, messages: Message[]): Promise<void>;
  /** Gives up when no batch arrived for this long (e.g. the group never got its partitions). */
  idleTimeoutMs: number;
}

/**
 * Moves the dead letters present now back to their topic, with their original key, value and
 * headers, committing as it goes so a second replay does not repeat them. It stops at the end
 * offsets it saw when it started: a record that fails again and is dead-lettered anew waits for
 * the next replay instead of looping.
 */
export async function replayKafkaDeadLetters(replay: DeadLetterReplay): Promise<number> {
  const { admin, deadLetterTopic, consumerConfig } = replay;
  const ends = new Map<number, bigint>();
  const waiting = new Set<number>();
  const [committed] = await admin.fetchOffsets({ groupId: consumerConfig.groupId, topics: [deadLetterTopic] });
  for (const { partition, low, high } of await admin.fetchTopicOffsets(deadLetterTopic)) {
    ends.set(partition, BigInt(high));
    // -1 when the group never committed; below `low` when retention removed what it had not replayed.
    const position = BigInt(committed?.partitions.find((p) => p.partition === partition)?.offset ?? '-1');
    if ((position > BigInt(low) ? position : BigInt(low)) < BigInt(high)) waiting.add(partition);
  }
  if (waiting.size === 0) return 0;

  const consumer = replay.kafka.consumer(consumerConfig);
  let replayed = 0;
  let idle: NodeJS.Timeout | undefined;
  try {
    await consumer.connect();
    await consumer.subscribe({ topics: [deadLetterTopic], fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      const stillAlive = () => {
        clearTimeout(idle);
        const stalled = `replay of ${deadLetterTopic} made no progress for ${replay.idleTimeoutMs} ms`;
        idle = setTimeout(() => reject(new BusError('timed-out', stalled)), replay.idleTimeoutMs);
      };
      stillAlive();
      consumer.on(consumer.events.CRASH, ({ payload }) => {
        if (!payload.restart) reject(payload.error);
      });
      const onBatch = async (payload: EachBatchPayload) => {
        const { batch } = payload;
        stillAlive();
        const end = ends.get(batch.partition) ?? 0n;
        const letters = batch.messages.filter((message) => BigInt(message.offset) < end);
        const last = letters.at(-1);
        if (last) {
          await replay.send(
            replay.sourceTopic,
            letters.map((letter) => ({
              key: letter.key,
              value: letter.value,
              headers: withoutDeadLetterHeaders(stringHeaders(letter.headers)),
            })),
          );
          payload.resolveOffset(last.offset);
          const next = { partition: batch.partition, offset: offsetAfter(last.offset) };
          await payload.commitOffsetsIfNecessary({ topics: [{ topic: batch.topic, partitions: [next] }] });
          replayed += letters.length;
          await payload.heartbeat();
        }
        if (BigInt(offsetAfter(batch.lastOffset())) >= end) waiting.delete(batch.partition);
        if (waiting.size === 0) resolve();
      };
      consumer.run({ autoCommit: false, eachBatchAutoResolve: false, eachBatch: onBatch }).catch(reject);
    });
  } finally {
    clearTimeout(idle);
    await consumer.disconnect();
  }
  return replayed;
}
