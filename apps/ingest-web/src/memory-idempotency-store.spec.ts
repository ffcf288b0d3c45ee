import { Clock } from '@plaint/domain';
import { MemoryIdempotencyStore } from './memory-idempotency-store';

class MovableClock extends Clock {
  constructor(public at = new Date('2026-12-07T08:00:00Z')) {
    super();
  }
  now(): Date {
    return this.at;
  }
}

describe('MemoryIdempotencyStore', () => {
  it('answers the hash a key was first used with, until it expires', async () => {
    const clock = new MovableClock();
    const store = new MemoryIdempotencyStore(clock);
    expect(await store.remember('k', 'body-a', 60)).toBeNull();
    expect(await store.remember('k', 'body-a', 60)).toBe('body-a');
    expect(await store.remember('k', 'body-b', 60)).toBe('body-a');
    clock.at = new Date(clock.at.getTime() + 61_000);
    expect(await store.remember('k', 'body-b', 60)).toBeNull();
  });

  it('lets go of a key only for the body that recorded it', async () => {
    const store = new MemoryIdempotencyStore(new MovableClock());
    await store.remember('k', 'body-a', 60);
    await store.forget('k', 'body-b');
    expect(await store.remember('k', 'body-b', 60)).toBe('body-a');
    await store.forget('k', 'body-a');
    expect(await store.remember('k', 'body-b', 60)).toBeNull();
  });
});
