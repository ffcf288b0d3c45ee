import { stopOnSignals } from './graceful-shutdown';

describe('stopping on SIGTERM within the grace', () => {
  const lines: string[] = [];
  const logger = {
    log: (message: string) => void lines.push(message),
    warn: (message: string) => void lines.push(message),
    error: (message: string) => void lines.push(message),
  };
  let remove: () => void = () => undefined;

  beforeEach(() => {
    lines.length = 0;
    jest.useFakeTimers();
  });

  afterEach(() => {
    remove();
    jest.useRealTimers();
  });

  it('exits 0 once the work in flight is done, and shuts down once however many signals come', async () => {
    const exits: number[] = [];
    let shutdowns = 0;
    remove = stopOnSignals({ shutdown: () => Promise.resolve(void (shutdowns += 1)), pending: () => [] }, 30, logger, (code) => exits.push(code));
    process.emit('SIGTERM');
    process.emit('SIGINT');
    await jest.advanceTimersByTimeAsync(0);
    expect(shutdowns).toBe(1);
    expect(exits).toEqual([0]);
    await jest.advanceTimersByTimeAsync(60_000);
    expect(exits).toEqual([0]);
  });

  it('past the grace, logs what is still pending and exits 1', async () => {
    const exits: number[] = [];
    const running = { shutdown: () => new Promise<void>(() => undefined), pending: () => ['finishing the consumed batches', 'consumer of plaint.inbound.v1 for core (running)'] };
    remove = stopOnSignals(running, 30, logger, (code) => exits.push(code));
    process.emit('SIGTERM');
    await jest.advanceTimersByTimeAsync(29_999);
    expect(exits).toEqual([]);
    await jest.advanceTimersByTimeAsync(1);
    expect(exits).toEqual([1]);
    expect(lines.at(-1)).toContain('not stopped after 30 s (PLAINT_SHUTDOWN_GRACE_SECONDS); still pending: finishing the consumed batches; consumer of plaint.inbound.v1 for core (running)');
  });
});
