import { isPermanentKafkaError, retryWhileTransient } from './retry-while-transient';

const kafkaError = (type: string) => Object.assign(new Error(type), { type });

describe('waiting out a settling broker', () => {
  const quiet = { warn: () => undefined };

  it('retries passing errors until the call goes through', async () => {
    const errors = [kafkaError('UNKNOWN_TOPIC_OR_PARTITION'), kafkaError('LEADER_NOT_AVAILABLE'), new Error('Connection error: connect ECONNREFUSED')];
    const pauses: number[] = [];
    const result = await retryWhileTransient(
      () => {
        const next = errors.shift();
        return next ? Promise.reject(next) : Promise.resolve('created');
      },
      { what: 'creating topics', logger: quiet, sleep: (ms) => (pauses.push(ms), Promise.resolve()) },
    );
    expect(result).toBe('created');
    expect(pauses).toEqual([250, 500, 1_000]);
  });

  it('fails at once on a refusal that waiting does not change', async () => {
    let calls = 0;
    const attempt = () => {
      calls += 1;
      return Promise.reject(kafkaError('TOPIC_AUTHORIZATION_FAILED'));
    };
    await expect(retryWhileTransient(attempt, { what: 'creating topics', logger: quiet, sleep: () => Promise.resolve() })).rejects.toThrow(
      'TOPIC_AUTHORIZATION_FAILED',
    );
    expect(calls).toBe(1);
  });

  it('gives up at the deadline with the last error', async () => {
    let clock = 0;
    const attempt = () => Promise.reject(kafkaError('NOT_CONTROLLER'));
    await expect(
      retryWhileTransient(attempt, {
        what: 'creating topics',
        logger: quiet,
        deadlineMs: 3_000,
        now: () => clock,
        sleep: (ms) => ((clock += ms), Promise.resolve()),
      }),
    ).rejects.toThrow('NOT_CONTROLLER');
    expect(clock).toBeLessThanOrEqual(3_000);
  });

  it('reads permanent errors inside an aggregate', () => {
    const aggregate = Object.assign(new Error('aggregate'), { errors: [kafkaError('INVALID_PARTITIONS'), kafkaError('POLICY_VIOLATION')] });
    expect(isPermanentKafkaError(aggregate)).toBe(true);
    const mixed = Object.assign(new Error('aggregate'), { errors: [kafkaError('INVALID_PARTITIONS'), kafkaError('LEADER_NOT_AVAILABLE')] });
    expect(isPermanentKafkaError(mixed)).toBe(false);
  });
});
