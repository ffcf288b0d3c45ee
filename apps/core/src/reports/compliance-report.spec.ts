import { complianceReport, complianceReportCsv, type ComplianceRow } from './compliance-report';

const at = (iso: string): Date => new Date(iso);
const period = { from: at('2026-11-01T00:00:00Z'), to: at('2026-12-01T00:00:00Z') };
const policy = { acceptWithinBusinessDays: 3, resolveWithinBusinessDays: 10 };

/** A complaint received on 2 November, deadlines 5 and 16 November, nothing done yet. */
function row(changes: Partial<ComplianceRow> = {}): ComplianceRow {
  return {
    reference: 'PLT-0001',
    channel: 'email',
    receivedAt: at('2026-11-02T08:00:00Z'),
    acceptBy: at('2026-11-05T19:59:59.999Z'),
    acceptedAt: null,
    resolveBy: at('2026-11-16T19:59:59.999Z'),
    originalResolveBy: at('2026-11-16T19:59:59.999Z'),
    resolvedAt: null,
    extended: false,
    breached: false,
    rootCause: null,
    state: 'received',
    receivedWeek: '2026-11-02',
    ...changes,
  };
}

describe('complianceReport', () => {
  it('splits acceptance into within the deadline, late, pending, and ended without acceptance', () => {
    const report = complianceReport(
      [
        row({ acceptedAt: at('2026-11-05T19:59:59.999Z'), state: 'accepted' }), // on the last instant
        row({ acceptedAt: at('2026-11-06T07:00:00Z'), state: 'accepted' }),
        row(),
        row({ state: 'withdrawn' }),
      ],
      period,
      policy,
    );
    expect(report.accepted).toEqual({ total: 2, withinDeadline: 1, late: 1, pending: 1, rejectedOrWithdrawn: 1 });
  });

  it('measures resolution against the first deadline, then against the extended one', () => {
    const accepted = { acceptedAt: at('2026-11-03T08:00:00Z') };
    const extension = { extended: true, resolveBy: at('2026-11-23T19:59:59.999Z') };
    const report = complianceReport(
      [
        row({ ...accepted, resolvedAt: at('2026-11-16T19:00:00Z'), state: 'resolved' }),
        row({ ...accepted, ...extension, resolvedAt: at('2026-11-13T10:00:00Z'), state: 'closed' }), // extended, yet on time
        row({ ...accepted, ...extension, resolvedAt: at('2026-11-20T10:00:00Z'), state: 'resolved' }),
        row({ ...accepted, ...extension, resolvedAt: at('2026-11-24T10:00:00Z'), state: 'resolved', breached: true }),
        row({ ...accepted, resolvedAt: at('2026-11-17T10:00:00Z'), state: 'resolved', breached: true }),
        row({ ...accepted, state: 'in_review' }),
        row({ ...accepted, state: 'rejected' }),
      ],
      period,
      policy,
    );
    expect(report.resolved).toEqual({
      total: 5,
      withinDeadline: 2,
      withinExtendedDeadline: 1,
      late: 2,
      pending: 1,
      rejectedOrWithdrawn: 1,
    });
    expect(report.extended).toBe(3);
    expect(report.breached).toBe(2);
  });

  it('leaves merged duplicates out of every count but says how many there were', () => {
    const report = complianceReport(
      [
        row({ channel: 'telegram', acceptedAt: at('2026-11-03T08:00:00Z'), state: 'accepted' }),
        row({ channel: 'email', state: 'merged', breached: true }),
      ],
      period,
      policy,
    );
    expect(report.complaints).toBe(1);
    expect(report.merged).toBe(1);
    expect(report.accepted.pending).toBe(0);
    expect(report.breached).toBe(0);
    expect(report.byChannel).toEqual([{ channel: 'telegram', complaints: 1 }]);
  });

  it('counts only complaints received in [from, to)', () => {
    const report = complianceReport(
      [row({ receivedAt: period.from }), row({ receivedAt: at('2026-11-30T23:59:59.999Z') }), row({ receivedAt: period.to })],
      period,
      policy,
    );
    expect(report.complaints).toBe(2);
  });

  it('lists root causes and channels most frequent first, ties by name', () => {
    const report = complianceReport(
      [
        row({ rootCause: 'late delivery', channel: 'web' }),
        row({ rootCause: 'defective product', channel: 'email' }),
        row({ rootCause: 'late delivery', channel: 'email' }),
        row({ rootCause: 'billing', channel: 'phone' }),
        row({ rootCause: null, channel: 'phone' }),
        row({ channel: 'email' }),
      ],
      period,
      policy,
    );
    expect(report.byRootCause).toEqual([
      { rootCause: 'late delivery', complaints: 2 },
      { rootCause: 'billing', complaints: 1 },
      { rootCause: 'defective product', complaints: 1 },
    ]);
    expect(report.byChannel).toEqual([
      { channel: 'email', complaints: 3 },
      { channel: 'phone', complaints: 2 },
      { channel: 'web', complaints: 1 },
    ]);
  });

  it('names the policy it measured against and the period, and reports an empty period as zeros', () => {
    const report = complianceReport([], period, { acceptWithinBusinessDays: 2, resolveWithinBusinessDays: 15 });
    expect(report).toEqual({
      policy: { acceptWithinBusinessDays: 2, resolveWithinBusinessDays: 15 },
      period: { from: '2026-11-01T00:00:00.000Z', to: '2026-12-01T00:00:00.000Z' },
      complaints: 0,
      merged: 0,
      accepted: { total: 0, withinDeadline: 0, late: 0, pending: 0, rejectedOrWithdrawn: 0 },
      resolved: { total: 0, withinDeadline: 0, withinExtendedDeadline: 0, late: 0, pending: 0, rejectedOrWithdrawn: 0 },
      extended: 0,
      breached: 0,
      byRootCause: [],
      byChannel: [],
      byWeek: [],
    });
  });

  it('gives the figures of each week the complaints came in, oldest week first', () => {
    const report = complianceReport(
      [
        row({ receivedWeek: '2026-11-09', acceptedAt: at('2026-11-10T08:00:00Z'), acceptBy: at('2026-11-12T19:59:59.999Z'), extended: true, state: 'accepted' }),
        row({ acceptedAt: at('2026-11-06T08:00:00Z'), state: 'accepted' }), // after its deadline of 5 November
        row({ acceptedAt: at('2026-11-03T08:00:00Z'), resolvedAt: at('2026-11-10T08:00:00Z'), breached: true, state: 'resolved' }),
        row({ state: 'merged', receivedWeek: '2026-11-16' }),
      ],
      period,
      policy,
    );
    expect(report.byWeek).toEqual([
      { week: '2026-11-02', complaints: 2, acceptedWithinDeadline: 1, resolvedWithinDeadline: 1, extended: 0, breached: 1 },
      { week: '2026-11-09', complaints: 1, acceptedWithinDeadline: 1, resolvedWithinDeadline: 0, extended: 1, breached: 0 },
    ]);
    expect(complianceReportCsv(report)).toContain('week 2026-11-09,extended,1\r\n');
  });

  it('refuses a period that ends before it starts', () => {
    expect(() => complianceReport([], { from: period.to, to: period.from }, policy)).toThrow(RangeError);
  });
});

describe('complianceReportCsv', () => {
  const report = complianceReport(
    [
      row({ rootCause: 'wrong item, "premium" model', channel: 'email', acceptedAt: at('2026-11-03T08:00:00Z'), state: 'accepted' }),
      row({ rootCause: 'line one\nline two', channel: 'web' }),
      row({ rootCause: '=HYPERLINK("http://x")', channel: 'web' }),
    ],
    period,
    policy,
  );
  const csv = complianceReportCsv(report);
  const lines = csv.split('\r\n');

  it('has a header, one row per metric, CRLF line ends', () => {
    expect(lines[0]).toBe('section,metric,value');
    expect(lines).toContain('policy,acceptWithinBusinessDays,3');
    expect(lines).toContain('period,from,2026-11-01T00:00:00.000Z');
    expect(lines).toContain('complaints,total,3');
    expect(lines).toContain('accepted,withinDeadline,1');
    expect(lines).toContain('resolved,withinExtendedDeadline,0');
    expect(lines).toContain('byChannel,web,2');
    expect(csv.endsWith('\r\n')).toBe(true);
  });

  it('quotes fields with a comma, a quote or a line break (RFC 4180)', () => {
    expect(csv).toContain('byRootCause,"wrong item, ""premium"" model",1\r\n');
    expect(csv).toContain('byRootCause,"line one\nline two",1\r\n');
  });

  it('keeps a cell that looks like a formula as text', () => {
    expect(csv).toContain(`byRootCause,"'=HYPERLINK(""http://x"")",1\r\n`);
  });

  it('lists every figure of the report', () => {
    const fixed = 2 + 2 + 4 + Object.keys(report.accepted).length + Object.keys(report.resolved).length;
    const weekly = report.byWeek.length * 5;
    expect(lines.filter((line) => line !== '')).toHaveLength(1 + fixed + report.byRootCause.length + report.byChannel.length + weekly);
  });
});
