import { ConnectionWatchdog } from './connection-watchdog';

describe('ConnectionWatchdog', () => {
  it('is never silent while no command waits, however long the server says nothing (IDLE)', () => {
    const watchdog = new ConnectionWatchdog(1000);
    watchdog.heard(0);
    expect(watchdog.silentFor(60_000)).toBeNull();
  });

  it('finds a command that waited longer than allowed without a byte in return', () => {
    const watchdog = new ConnectionWatchdog(1000);
    watchdog.heard(0);
    watchdog.begin(50_000);
    expect(watchdog.silentFor(50_900)).toBeNull();
    expect(watchdog.silentFor(51_200)).toBe(1200);
  });

  it('lets a long download run as long as bytes keep coming', () => {
    const watchdog = new ConnectionWatchdog(1000);
    watchdog.begin(0);
    watchdog.observeBytes(100, 800);
    watchdog.observeBytes(5000, 1600);
    expect(watchdog.silentFor(2400)).toBeNull();
    watchdog.observeBytes(5000, 2700);
    expect(watchdog.silentFor(2700)).toBe(1100);
  });

  it('is calm again once the command is answered', () => {
    const watchdog = new ConnectionWatchdog(1000);
    watchdog.begin(0);
    watchdog.end();
    expect(watchdog.silentFor(10_000)).toBeNull();
  });
});
