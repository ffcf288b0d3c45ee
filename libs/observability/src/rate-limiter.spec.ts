import { RateLimited, RateLimiter } from './rate-limiter';

describe('RateLimiter', () => {
  let now = 0;
  const rejected: string[] = [];
  const limiter = () => new RateLimiter(() => now, (limit) => rejected.push(limit));
  const refusal = (run: () => void): RateLimited => {
    try {
      run();
    } catch (error) {
      if (error instanceof RateLimited) return error;
      throw error;
    }
    throw new Error('the request was let through');
  };

  beforeEach(() => {
    now = 1_000_000;
    rejected.length = 0;
  });

  it('lets a key make its requests per minute, then refuses with the wait until its window ends', () => {
    const limits = limiter();
    const form = [{ name: 'form-address', key: '203.0.113.7', perMinute: 3 }];
    for (let i = 0; i < 3; i += 1) limits.take(form);
    now += 20_000;
    const refused = refusal(() => limits.take(form));
    expect(refused).toMatchObject({ limit: 'form-address', retryAfterSeconds: 40 });
    expect(rejected).toEqual(['form-address']);
    // Another client is not affected.
    limits.take([{ name: 'form-address', key: '203.0.113.8', perMinute: 3 }]);
    now += 40_000;
    limits.take(form);
  });

  it('charges all limits of a request or none, and a refused request costs nothing', () => {
    const limits = limiter();
    const address = { name: 'chat-message-address', key: '198.51.100.1', perMinute: 10 };
    const conversation = { name: 'chat-message-conversation', key: 'c1', perMinute: 2 };
    limits.take([address, conversation]);
    limits.take([address, conversation]);
    for (let i = 0; i < 5; i += 1) refusal(() => limits.take([address, conversation]));
    // The address was charged twice, not seven times: eight more fit.
    for (let i = 0; i < 8; i += 1) limits.take([address]);
    expect(refusal(() => limits.take([address])).limit).toBe('chat-message-address');
  });

  it('names the limit with the longest wait when several are spent', () => {
    const limits = limiter();
    const early = { name: 'early', key: 'k', perMinute: 1 };
    limits.take([early]);
    now += 30_000;
    const late = { name: 'late', key: 'k', perMinute: 1 };
    limits.take([late]);
    expect(refusal(() => limits.take([early, late]))).toMatchObject({ limit: 'late', retryAfterSeconds: 60 });
  });
});
