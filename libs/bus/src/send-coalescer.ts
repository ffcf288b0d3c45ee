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
 * caps a kafkajs producer at about 2k msg/s (kafkajs#772). A send waits at most `lingerMs`, or
 * until `maxMessages` are waiting, and never beside another batch: while one is on its way (the
 * producer sends one request at a time anyway), what arrives waits and goes out together as soon
 * as it is answered, instead of queueing inside kafkajs as one request per send. Each caller's
 * promise settles with the batch it rode in, so a caller is only told "stored" once Kafka
 * acknowledged its messages.
 */
export class SendCoalescer {
  private pending: PendingSend[] = [];
  private pendingMessages = 0;
  private timer: NodeJS.Timeout | undefined;
  private inFlight: Promise<void> | undefined;
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
      if (this.inFlight) return; // goes when the batch on its way is answered
      if (this.pendingMessages >= this.maxMessages) this.flush();
      else this.timer ??= setTimeout(() => this.flush(), this.lingerMs);
    });
  }

  /** Sends whatever waits and resolves once all of it has settled. */
  async drain(): Promise<void> {
    this.flush();
    while (this.inFlight) await this.inFlight;
  }

  stats(): SendCounters {
    return { ...this.counters };
  }

  private flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.inFlight || this.pending.length === 0) return;
    const batch = this.takeBatch();

    const byTopic = new Map<string, Message[]>();
    for (const { topic, messages } of batch) {
      const forTopic = byTopic.get(topic);
      if (forTopic) forTopic.push(...messages);
      else byTopic.set(topic, [...messages]);
    }
    this.counters.batches += 1;
    // One batch succeeds or fails as a whole, so every caller in it gets the same outcome.
    this.inFlight = this.sendBatch([...byTopic].map(([topic, messages]) => ({ topic, messages })))
      .then(
        () => batch.forEach((send) => send.resolve()),
        (error: unknown) => batch.forEach((send) => send.reject(error)),
      )
      .finally(() => {
        this.inFlight = undefined;
        this.flush();
      });
  }

  /** The longest-waiting sends, whole, up to `maxMessages` messages (at least one send). */
  private takeBatch(): PendingSend[] {
    let count = 1;
    let messages = this.pending[0]!.messages.length;
    while (count < this.pending.length && messages + this.pending[count]!.messages.length <= this.maxMessages) {
      messages += this.pending[count]!.messages.length;
      count += 1;
    }
    const batch = this.pending.splice(0, count);
    this.pendingMessages -= messages;
    return batch;
  }
}
