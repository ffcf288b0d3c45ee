import { check, type Observations } from './checker';

/** A run where everything held: three messages on two channels, two complaints, one notice each. */
function clean(): Observations {
  return {
    sent: [
      { token: 't1', channel: 'chat', acked: true },
      { token: 't2', channel: 'chat', acked: true },
      { token: 't3', channel: 'form', acked: true },
    ],
    storedRows: new Map([
      ['t1', 1],
      ['t2', 1],
      ['t3', 1],
    ]),
    complaints: ['AAAA-BBBB-CCCC', 'DDDD-EEEE-FFFF'],
    expectedComplaints: 2,
    noticesSeen: [
      { reference: 'AAAA-BBBB-CCCC', where: 'chat' },
      { reference: 'DDDD-EEEE-FFFF', where: 'email <n1@plaint.test>' },
    ],
    lag: { 'core.plaint.inbound.v1': 0 },
    deadLetters: { 'plaint.inbound.v1.dlq': 0 },
    crashes: { 'core A': 0 },
  };
}

describe('the fault campaign checker', () => {
  it('finds nothing wrong in a run where everything held', () => {
    const verdict = check(clean());
    expect(verdict.problems).toEqual([]);
    expect(verdict.messages.total).toEqual({ sent: 3, acknowledged: 3, stored: 3, duplicates: 0, lost: 0 });
    expect(verdict.notices).toEqual({ expected: 2, sent: 2, missing: 0, twice: 0, unknown: 0 });
  });

  it('counts an acknowledged message missing from the database as lost', () => {
    const observed = clean();
    observed.storedRows = new Map([
      ['t1', 1],
      ['t3', 1],
    ]);
    const verdict = check(observed);
    expect(verdict.messages.chat.lost).toBe(1);
    expect(verdict.messages.total.lost).toBe(1);
    expect(verdict.problems).toEqual(['1 acknowledged messages not stored: chat t2']);
  });

  it('does not count a message that was never acknowledged as lost', () => {
    const observed = clean();
    observed.sent = [...observed.sent, { token: 't4', channel: 'email', acked: false }];
    const verdict = check(observed);
    expect(verdict.messages.email).toEqual({ sent: 1, acknowledged: 0, stored: 0, duplicates: 0, lost: 0 });
    expect(verdict.problems).toEqual([]);
  });

  it('counts a message stored in two rows as a duplicate', () => {
    const observed = clean();
    observed.storedRows = new Map([
      ['t1', 1],
      ['t2', 1],
      ['t3', 2],
    ]);
    const verdict = check(observed);
    expect(verdict.messages.form.duplicates).toBe(1);
    expect(verdict.problems).toEqual(['1 messages stored more than once: form t3 (2 rows)']);
  });

  it('reports a stored message that nobody sent', () => {
    const observed = clean();
    observed.storedRows = new Map([...observed.storedRows, ['t9', 1]]);
    expect(check(observed).problems).toEqual(['1 stored messages nobody sent: t9']);
  });

  it('reports a complaint opened twice for one conversation', () => {
    const observed = clean();
    observed.complaints = [...observed.complaints, 'GGGG-HHHH-JJJJ'];
    observed.noticesSeen = [...observed.noticesSeen, { reference: 'GGGG-HHHH-JJJJ', where: 'chat' }];
    expect(check(observed).problems).toEqual(['3 complaints stored, 2 expected']);
  });

  it('reports a notice missing, a notice sent twice and a notice naming no complaint', () => {
    const observed = clean();
    observed.noticesSeen = [
      { reference: 'AAAA-BBBB-CCCC', where: 'email <n1@plaint.test>' },
      { reference: 'AAAA-BBBB-CCCC', where: 'email <n1@plaint.test>' },
      { reference: 'ZZZZ-ZZZZ-ZZZZ', where: 'telegram' },
    ];
    const verdict = check(observed);
    expect(verdict.notices).toEqual({ expected: 2, sent: 3, missing: 1, twice: 1, unknown: 1 });
    expect(verdict.problems).toEqual([
      '1 complaints without their notice: DDDD-EEEE-FFFF',
      '1 complaints notified more than once: AAAA-BBBB-CCCC (2×: email <n1@plaint.test>; email <n1@plaint.test>)',
      '1 notices name no stored complaint: ZZZZ-ZZZZ-ZZZZ',
    ]);
  });

  it('reports lag left in a group, a group the broker did not answer for, and dead letters', () => {
    const observed = clean();
    observed.lag = { 'core.plaint.inbound.v1': 3, 'notifier.plaint.complaint-events.v1': Number.NaN, 'ingest-chat.plaint.delivery.chat.v1': 0 };
    observed.deadLetters = { 'plaint.inbound.v1.dlq': 2 };
    expect(check(observed).problems).toEqual([
      'consumer lag left: core.plaint.inbound.v1 3, notifier.plaint.complaint-events.v1 NaN',
      'records in dead-letter topics: plaint.inbound.v1.dlq 2',
    ]);
  });

  it('reports a service that exited without being told to', () => {
    const observed = clean();
    observed.crashes = { 'core A': 0, 'ingest-chat B': 2 };
    expect(check(observed).problems).toEqual(['services exited on their own: ingest-chat B 2×']);
  });
});
