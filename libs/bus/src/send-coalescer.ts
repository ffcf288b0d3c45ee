import type { Message, TopicMessages } from 'kafkajs';

interface PendingSend {
  topic: string;
  messages: Message[];
  resolve(): void;
  reject(error: unknown): void;
}

export interface SendCounters {
  /** `send` calls (one per publish or dead letter). */
  sends: number;
  /** Produce batches actually sent to Kafka. */
  batches: number;
}

/**
 * Turns many small concurrent sends into one Kafka `sendBatch`: awaiting one send per message
 * caps a kafkajs producer at about 2k msg/s (kafkajs#772). Sends wait at most `lingerMs`, or
 * until `maxMessages` are waiting; each caller's promise settles with the batch it rode in, so
 * a caller is only told "stored" once Kafka acknowledged its messages.
 */
export class SendCoalescer {
  private pending: PendingSend[] = [];
  private pendingMessages = 0;
  private timer: NodeJS.Timeout | undefined;
  private readonly inFlight = new Set<Promise<void>>();
  private readonly counters: SendCounters = { sends: 0, batches: 0 };

  constructor(
    private readonly sendBatch: (topicMessages: TopicMessages[]) => Promise<unknown>,
    private readonly lingerMs = 2,
    private readonly maxMessages = 500,
  ) {}

  send(topic: string, messages: Message[]): Promise<void> {
    this.counters.sends += 1;
    return new Promise((resolve, reject) => {
      this.pending.push({ topic, messages, resolve, reject });
      this.pendingMessages += messages.length;
      if (this.pendingMessages >= this.maxMessages) this.flush();
      else this.timer ??= setTimeout(() => this.flush(), this.lingerMs);
    });
  }

  /** Sends whatever waits and resolves once every batch sent so far has settled. */
  async drain(): Promise<void> {
    this.flush();
    await Promise.allSettled([...this.inFlight]);
  }

  stats(): SendCounters {
    return { ...this.counters };
  }

  private flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    const batch = this.pending;
    this.pending = [];
    this.pendingMessages = 0;
    if (batch.length === 0) return;

    const byTopic = new Map<string, Message[]>();
    for (const { topic, messages } of batch) {
      const forTopic = byTopic.get(topic);
      if (forTopic) forTopic.push(...messages);
      else byTopic.set(topic, [...messages]);
    }
    this.counters.batches += 1;
    // One batch succeeds or fails as a whole, so every caller in it gets the same outcome.
    const sent = this.sendBatch([...byTopic].map(([topic, messages]) => ({ topic, messages }))).then(
      () => batch.forEach((send) => send.resolve()),
      (error: unknown) => batch.forEach((send) => send.reject(error)),
    );
    this.inFlight.add(sent);
    void sent.finally(() => this.inFlight.delete(sent));
  }
}
