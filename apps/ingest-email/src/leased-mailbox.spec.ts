import { LeasedMailbox } from './leased-mailbox';
import { MailboxLeases } from './mailbox-leases';

/** Leases as the database would answer, switchable by the test. */
class ScriptedLeases extends MailboxLeases {
  answer: boolean | Error = true;
  other: string | null = null;
  released: string[] = [];

  claim(): Promise<boolean> {
    return this.answer instanceof Error ? Promise.reject(this.answer) : Promise.resolve(this.answer);
  }
  holderOf(): Promise<string | null> {
    return Promise.resolve(this.other);
  }
  release(mailbox: string, holder: string): Promise<void> {
    this.released.push(`${mailbox} ${holder}`);
    return Promise.resolve();
  }
}

describe('a mailbox polled only under its lease', () => {
  const logger = { log: () => undefined, warn: () => undefined, error: () => undefined };
  let leases: ScriptedLeases;
  let polling: { started: number; stopped: number };
  let held: boolean[];
  let mailbox: LeasedMailbox;

  beforeEach(() => {
    jest.useFakeTimers();
    leases = new ScriptedLeases();
    polling = { started: 0, stopped: 0 };
    held = [];
    mailbox = new LeasedMailbox(
      { mailbox: 'care@mail/INBOX', holder: 'pod-a/1/abc', leaseSeconds: 30 },
      leases,
      () => {
        polling.started += 1;
        return { stop: () => Promise.resolve(void (polling.stopped += 1)) };
      },
      logger,
      (isHeld) => held.push(isHeld),
      () => Date.now(),
    );
  });

  afterEach(async () => {
    await mailbox.stop();
    jest.useRealTimers();
  });

  it('polls once it holds the lease and stops as soon as another instance holds it', async () => {
    mailbox.start();
    await jest.advanceTimersByTimeAsync(1);
    expect(polling).toEqual({ started: 1, stopped: 0 });
    await jest.advanceTimersByTimeAsync(10_000);
    expect(polling.started).toBe(1); // renewed, not restarted

    leases.answer = false;
    leases.other = 'pod-b/7/def';
    await jest.advanceTimersByTimeAsync(10_000);
    expect(polling).toEqual({ started: 1, stopped: 1 });
    expect(held).toEqual([true, false]);
  });

  it('stops polling before its lease can run out when the database stops answering', async () => {
    mailbox.start();
    await jest.advanceTimersByTimeAsync(1);
    leases.answer = new Error('connection refused');
    // Renewals at 10 s and 20 s fail; the poller must be stopped before 30 s.
    await jest.advanceTimersByTimeAsync(22_000);
    expect(polling.stopped).toBe(0);
    await jest.advanceTimersByTimeAsync(1_000);
    expect(polling.stopped).toBe(1);
    expect(mailbox.held).toBe(false);

    leases.answer = true;
    await jest.advanceTimersByTimeAsync(10_000);
    expect(polling.started).toBe(2);
  });

  it('gives the lease up when it stops, so the next instance need not wait for it to expire', async () => {
    mailbox.start();
    await jest.advanceTimersByTimeAsync(1);
    await mailbox.stop();
    expect(polling.stopped).toBe(1);
    expect(leases.released).toEqual(['care@mail/INBOX pod-a/1/abc']);
  });

  it('never polls while another instance holds the lease', async () => {
    leases.answer = false;
    leases.other = 'pod-b/7/def';
    mailbox.start();
    await jest.advanceTimersByTimeAsync(60_000);
    expect(polling.started).toBe(0);
    await mailbox.stop();
    expect(leases.released).toEqual([]);
  });
});
