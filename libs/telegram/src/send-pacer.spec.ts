import { SendPacer } from './send-pacer';

describe('SendPacer', () => {
  it('spaces sends to one chat by the chat interval and all sends by the global rate', async () => {
    let now = 0;
    const waits: number[] = [];
    const pacer = new SendPacer(10, 1000, () => now, (ms) => {
      waits.push(ms);
      return Promise.resolve();
    });
    await pacer.slot('a'); // at 0
    await pacer.slot('b'); // global: 100 ms after the first
    await pacer.slot('a'); // same chat: 1000 ms after its first
    expect(waits).toEqual([100, 1000]);
    now = 5000;
    await pacer.slot('c');
    expect(waits).toHaveLength(2);
  });
});
