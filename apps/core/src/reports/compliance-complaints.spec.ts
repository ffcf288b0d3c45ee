import { complianceComplaintRow, complianceComplaintRows, complianceComplaintsCsv, type ComplaintTrail } from './compliance-complaints';
import { complaintTrails } from './load-compliance-complaints';

type HistoryLine = Parameters<typeof complaintTrails>[1][number];

const at = (iso: string): Date => new Date(iso);
const ACCEPT_BY = at('2026-11-05T19:59:59.999Z');
const REVIEW_BY = at('2026-11-09T19:59:59.999Z');
const RESOLVE_BY = at('2026-11-16T19:59:59.999Z');
/** Before every deadline of the trail below. */
const EARLY = at('2026-11-03T10:00:00Z');
/** After every deadline of the trail below. */
const LATE = at('2026-12-01T10:00:00Z');

/** A complaint received on 2 November by e-mail, deadlines 5 (accept) and 16 November (resolve), nothing done yet. */
function trail(changes: Partial<ComplaintTrail> = {}): ComplaintTrail {
  return {
    reference: 'PLT-0001',
    channel: 'email',
    state: 'received',
    receivedAt: at('2026-11-02T08:00:00Z'),
    acceptBy: ACCEPT_BY,
    acceptedAt: null,
    reviewBy: null,
    reviewStartedAt: null,
    reviewedAt: null,
    resolveBy: RESOLVE_BY,
    originalResolveBy: RESOLVE_BY,
    resolvedAt: null,
    endedAt: null,
    extensions: [],
    notices: [],
    ...changes,
  };
}

/** Accepted on the 4th, review due the 9th, resolved at `resolvedAt`. */
const resolved = (resolvedAt: string, changes: Partial<ComplaintTrail> = {}): ComplaintTrail =>
  trail({ state: 'resolved', acceptedAt: at('2026-11-04T09:00:00Z'), reviewBy: REVIEW_BY, reviewStartedAt: at('2026-11-05T09:00:00Z'), resolvedAt: at(resolvedAt), ...changes });

describe('complianceComplaintRow', () => {
  it('counts a step on the deadline’s last instant as met, and one a millisecond later as missed', () => {
    expect(complianceComplaintRow(trail({ state: 'accepted', acceptedAt: ACCEPT_BY }), LATE).accept.status).toBe('met');
    expect(complianceComplaintRow(trail({ state: 'accepted', acceptedAt: at('2026-11-05T20:00:00Z') }), EARLY).accept.status).toBe('missed');
  });

  it('keeps a deadline pending while in time, and calls it missed once it passed without the step', () => {
    expect(complianceComplaintRow(trail(), EARLY)).toMatchObject({ accept: { status: 'pending' }, resolve: { status: 'pending' }, review: null, outcome: 'pending' });
    expect(complianceComplaintRow(trail(), LATE)).toMatchObject({ accept: { status: 'missed' }, resolve: { status: 'missed' }, outcome: 'missed' });
  });

  it('keeps the deadlines pending while the company waits for the customer, even past their stored dates', () => {
    const waiting = trail({ state: 'waiting_for_customer', acceptedAt: at('2026-11-04T09:00:00Z'), reviewBy: REVIEW_BY });
    expect(complianceComplaintRow(waiting, LATE)).toMatchObject({ accept: { status: 'met' }, review: { status: 'pending' }, resolve: { status: 'pending' }, outcome: 'pending' });
  });

  it('gives every step’s time and calls a complaint resolved within all deadlines met', () => {
    const row = complianceComplaintRow(resolved('2026-11-09T12:00:00Z'), LATE);
    expect(row).toMatchObject({
      acceptedAt: '2026-11-04T09:00:00.000Z',
      reviewStartedAt: '2026-11-05T09:00:00.000Z',
      resolvedAt: '2026-11-09T12:00:00.000Z',
      accept: { by: ACCEPT_BY.toISOString(), status: 'met' },
      review: { by: REVIEW_BY.toISOString(), status: 'met' },
      resolve: { by: RESOLVE_BY.toISOString(), status: 'met' },
      outcome: 'met',
    });
  });

  it('calls the review missed when the outcome came after its deadline, though resolution was in time', () => {
    const row = complianceComplaintRow(resolved('2026-11-12T12:00:00Z'), LATE);
    expect(row).toMatchObject({ review: { status: 'missed' }, resolve: { status: 'met' }, outcome: 'missed' });
  });

  it('measures the review by its finish: met when finished in time though the resolution came after the review deadline', () => {
    const row = complianceComplaintRow(resolved('2026-11-12T12:00:00Z', { reviewedAt: at('2026-11-09T15:00:00Z') }), LATE);
    expect(row).toMatchObject({ reviewedAt: '2026-11-09T15:00:00.000Z', review: { status: 'met' }, resolve: { status: 'met' }, outcome: 'met' });
  });

  it('calls a review finished after its deadline missed, even when the resolution follows in time', () => {
    const row = complianceComplaintRow(resolved('2026-11-13T12:00:00Z', { reviewedAt: at('2026-11-10T09:00:00Z') }), LATE);
    expect(row).toMatchObject({ review: { status: 'missed' }, resolve: { status: 'met' }, outcome: 'missed' });
  });

  it('keeps a finished review met while the resolution is still running, and while the clock waits for the customer', () => {
    const reviewed = { acceptedAt: at('2026-11-04T09:00:00Z'), reviewBy: REVIEW_BY, reviewedAt: at('2026-11-06T09:00:00Z') };
    expect(complianceComplaintRow(trail({ state: 'in_review', ...reviewed }), at('2026-11-12T10:00:00Z'))).toMatchObject({
      review: { status: 'met' },
      resolve: { status: 'pending' },
      outcome: 'pending',
    });
    expect(complianceComplaintRow(trail({ state: 'waiting_for_customer', ...reviewed }), LATE)).toMatchObject({ review: { status: 'met' }, resolve: { status: 'pending' } });
  });

  it('measures an extended complaint against the deadline in force, and against the first one apart', () => {
    const extension = { at: at('2026-11-13T10:00:00Z'), reason: 'Waiting for the supplier’s expert', previousDate: RESOLVE_BY, newDate: at('2026-11-23T19:59:59.999Z') };
    const extended = resolved('2026-11-20T12:00:00Z', { reviewBy: null, resolveBy: extension.newDate, extensions: [extension] });
    const row = complianceComplaintRow(extended, LATE);
    expect(row).toMatchObject({ resolve: { by: '2026-11-23T19:59:59.999Z', status: 'met' }, originalResolve: { by: RESOLVE_BY.toISOString(), status: 'missed' }, outcome: 'met' });
    expect(row.extensions).toEqual([{ at: '2026-11-13T10:00:00.000Z', reason: 'Waiting for the supplier’s expert', previousDate: RESOLVE_BY.toISOString(), newDate: '2026-11-23T19:59:59.999Z' }]);
  });

  it('does not blame a complaint rejected in time for the steps it never needed, but does one ended after a deadline passed', () => {
    expect(complianceComplaintRow(trail({ state: 'rejected', endedAt: at('2026-11-04T10:00:00Z') }), LATE)).toMatchObject({
      accept: { status: 'none' },
      resolve: { status: 'none' },
      outcome: 'met',
    });
    expect(complianceComplaintRow(trail({ state: 'withdrawn', endedAt: at('2026-11-06T10:00:00Z') }), LATE)).toMatchObject({
      accept: { status: 'missed' },
      resolve: { status: 'none' },
      outcome: 'missed',
    });
  });
});

describe('complianceComplaintRows', () => {
  const trails = [
    resolved('2026-11-09T12:00:00Z', { reference: 'PLT-MET' }),
    trail({ reference: 'PLT-LATE', channel: 'phone', state: 'accepted', acceptedAt: at('2026-11-06T09:00:00Z') }),
    trail({ reference: 'PLT-OPEN', channel: 'phone' }),
  ];

  it('keeps every complaint without a filter, in the order given', () => {
    expect(complianceComplaintRows(trails, {}, EARLY).map((row) => row.reference)).toEqual(['PLT-MET', 'PLT-LATE', 'PLT-OPEN']);
  });

  it('filters by channel and by outcome, together', () => {
    expect(complianceComplaintRows(trails, { channel: 'phone' }, EARLY).map((row) => row.reference)).toEqual(['PLT-LATE', 'PLT-OPEN']);
    expect(complianceComplaintRows(trails, { outcome: 'met' }, EARLY).map((row) => row.reference)).toEqual(['PLT-MET']);
    expect(complianceComplaintRows(trails, { outcome: 'missed' }, EARLY).map((row) => row.reference)).toEqual(['PLT-LATE']);
    expect(complianceComplaintRows(trails, { channel: 'phone', outcome: 'pending' }, EARLY).map((row) => row.reference)).toEqual(['PLT-OPEN']);
    expect(complianceComplaintRows(trails, { channel: 'email', outcome: 'pending' }, EARLY)).toEqual([]);
  });
});

describe('complianceComplaintsCsv', () => {
  it('writes one CRLF line per complaint under a header, with empty cells for steps not taken', () => {
    const csv = complianceComplaintsCsv(complianceComplaintRows([trail()], {}, EARLY));
    const lines = csv.split('\r\n');
    expect(lines).toHaveLength(3);
    expect(lines[2]).toBe('');
    expect(lines[0]?.split(',')).toEqual(expect.arrayContaining(['reference', 'channel', 'outcome', 'acceptBy', 'acceptedAt', 'accept', 'resolveBy', 'originalResolveBy', 'extensions', 'notices']));
    expect(lines[1]).toBe(
      `PLT-0001,email,received,pending,2026-11-02T08:00:00.000Z,${ACCEPT_BY.toISOString()},,pending,,,,,${RESOLVE_BY.toISOString()},pending,${RESOLVE_BY.toISOString()},,pending,,,`,
    );
  });

  it('gives the review’s start, its finish and its status in their own columns', () => {
    const csv = complianceComplaintsCsv(complianceComplaintRows([resolved('2026-11-12T12:00:00Z', { reviewedAt: at('2026-11-09T15:00:00Z') })], {}, LATE));
    const [header, line] = csv.split('\r\n').map((text) => text.split(','));
    const cell = (name: string) => line?.[header?.indexOf(name) ?? -1];
    expect(header?.slice(header.indexOf('reviewBy'), header.indexOf('reviewBy') + 4)).toEqual(['reviewBy', 'reviewStartedAt', 'reviewedAt', 'review']);
    expect([cell('reviewBy'), cell('reviewStartedAt'), cell('reviewedAt'), cell('review'), cell('resolvedAt')]).toEqual([
      REVIEW_BY.toISOString(),
      '2026-11-05T09:00:00.000Z',
      '2026-11-09T15:00:00.000Z',
      'met',
      '2026-11-12T12:00:00.000Z',
    ]);
  });

  it('quotes cells with commas, quotes and line breaks, and keeps a reason that looks like a formula as text', () => {
    const extension = { at: at('2026-11-13T10:00:00Z'), reason: 'The "expert", again\nlate', previousDate: RESOLVE_BY, newDate: at('2026-11-23T19:59:59.999Z') };
    const csv = complianceComplaintsCsv(complianceComplaintRows([trail({ reference: '=HYPERLINK("x")', extensions: [extension] })], {}, EARLY));
    const line = csv.split('\r\n').slice(1).join('\r\n');
    expect(line.startsWith(`"'=HYPERLINK(""x"")",`)).toBe(true);
    expect(line).toContain(`"2026-11-13T10:00:00.000Z | ${RESOLVE_BY.toISOString()} | 2026-11-23T19:59:59.999Z | The ""expert"", again\nlate"`);
  });

  it('lists the notices with their channel, route and delivery state in one cell', () => {
    const notices = [
      { event: 'complaint.accepted', channel: 'email', route: 'email', status: 'sent', createdAt: at('2026-11-04T09:00:00Z'), sentAt: at('2026-11-04T09:00:05Z'), receipt: null },
      { event: 'complaint.resolved', channel: 'whatsapp', route: 'whatsapp', status: 'failed', createdAt: at('2026-11-09T12:00:00Z'), sentAt: null, receipt: null },
    ];
    const csv = complianceComplaintsCsv(complianceComplaintRows([trail({ notices })], {}, EARLY));
    expect(csv).toContain(',complaint.accepted | email | email | sent | 2026-11-04T09:00:05.000Z | ; complaint.resolved | whatsapp | whatsapp | failed |  | \r\n');
  });
});

describe('complaintTrails', () => {
  const complaint = {
    id: 'c1',
    reference: 'PLT-0001',
    channel: 'email',
    state: 'withdrawn',
    receivedAt: at('2026-11-02T08:00:00Z'),
    acceptBy: ACCEPT_BY,
    acceptedAt: at('2026-11-04T09:00:00Z'),
    reviewBy: REVIEW_BY,
    reviewedAt: at('2026-11-06T11:00:00Z'),
    resolveBy: at('2026-11-30T19:59:59.999Z'),
    resolvedAt: null,
    lifecycle: { pausedBusinessDays: 0, providedDetails: {}, reviewStartedAt: '2026-11-05T09:00:00.000Z' },
  };

  it('takes every extension from the history, the first deadline from the first one, and the ending step’s time', () => {
    const history: HistoryLine[] = [
      { complaintId: 'c1', at: at('2026-11-13T10:00:00Z'), toState: 'in_review', step: 'complaint.extended', details: { reason: 'Expert', previousResolveBy: RESOLVE_BY.toISOString(), resolveBy: '2026-11-23T19:59:59.999Z' } },
      { complaintId: 'c1', at: at('2026-11-20T10:00:00Z'), toState: 'in_review', step: 'complaint.extended', details: { reason: 'Expert again', previousResolveBy: '2026-11-23T19:59:59.999Z', resolveBy: '2026-11-30T19:59:59.999Z' } },
      { complaintId: 'c1', at: at('2026-11-24T10:00:00Z'), toState: 'withdrawn', step: null, details: null },
      { complaintId: 'other', at: at('2026-11-24T10:00:00Z'), toState: 'rejected', step: 'complaint.rejected', details: { reason: 'x' } },
    ];
    const notices = [
      { complaintId: 'c1', eventType: 'complaint.accepted', channel: 'email', route: 'email' as const, status: 'sent' as const, createdAt: at('2026-11-04T09:00:00Z'), sentAt: at('2026-11-04T09:00:05Z'), receipt: null },
      { complaintId: null, eventType: 'status.unknown', channel: 'email', route: 'email' as const, status: 'sent' as const, createdAt: at('2026-11-04T09:00:00Z'), sentAt: null, receipt: null },
    ];
    const [only] = complaintTrails([complaint], history, notices);
    expect(only).toMatchObject({
      originalResolveBy: RESOLVE_BY,
      resolveBy: at('2026-11-30T19:59:59.999Z'),
      reviewStartedAt: at('2026-11-05T09:00:00Z'),
      reviewedAt: at('2026-11-06T11:00:00Z'),
      endedAt: at('2026-11-24T10:00:00Z'),
    });
    expect(only?.extensions.map((e) => e.reason)).toEqual(['Expert', 'Expert again']);
    expect(only?.notices).toEqual([{ event: 'complaint.accepted', channel: 'email', route: 'email', status: 'sent', createdAt: at('2026-11-04T09:00:00Z'), sentAt: at('2026-11-04T09:00:05Z'), receipt: null }]);
  });

  it('falls back on the extension the complaint itself records when its history has none', () => {
    const lifecycle = { ...complaint.lifecycle, extension: { reason: 'Expert', previousDate: RESOLVE_BY.toISOString(), newDate: '2026-11-30T19:59:59.999Z', at: '2026-11-13T10:00:00.000Z' } };
    const [only] = complaintTrails([{ ...complaint, state: 'in_review', lifecycle }], [], []);
    expect(only).toMatchObject({ originalResolveBy: RESOLVE_BY, endedAt: null, extensions: [{ reason: 'Expert', at: at('2026-11-13T10:00:00Z') }] });
  });
});
