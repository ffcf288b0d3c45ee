import { createMessageBus } from './create-message-bus';
import { InProcessBus } from './in-process-bus';
import { KafkaBus } from './kafka-bus';

describe('createMessageBus', () => {
  it('runs on Kafka when brokers are configured, without connecting yet', async () => {
    const bus = createMessageBus({ brokers: ['127.0.0.1:1'], file: 'ignored.sqlite' });
    expect(bus).toBeInstanceOf(KafkaBus);
    await bus.close();
  });

  it('runs in process otherwise, also when the broker list is empty', async () => {
    for (const config of [{}, { brokers: [] }]) {
      const bus = createMessageBus(config);
      expect(bus).toBeInstanceOf(InProcessBus);
      await bus.close();
    }
  });
});
