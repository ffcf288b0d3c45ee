import { SendRate } from './send-rate';

describe('the gateway’s send rate', () => {
  it('spaces messages evenly at the rate, however many wait', async () => {
    let now = 0;
    const waits: number[] = [];
    const rate = new SendRate(4, () => now, (ms) => {
      waits.push(ms);
      return Promise.resolve();
    });
    await Promise.all([rate.take(), rate.take(), rate.take()]);
    expect(waits).toEqual([250, 500]);
    now = 2_000; // idle for a while: the next one goes at once, the one after waits its turn
    waits.length = 0;
    await rate.take();
    await rate.take();
    expect(waits).toEqual([250]);
  });
});
