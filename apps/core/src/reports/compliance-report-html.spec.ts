import { createHash } from 'node:crypto';
import { BusinessCalendar } from '@plaint/domain';
import type { ComplianceComplaintRow, DeadlineView } from './compliance-complaints';
import { CHART, COMPLIANCE_REPORT_CSP, chartScale, complianceReportHtml, type PrintableComplianceReport } from './compliance-report-html';

const baku = new BusinessCalendar({ timeZone: 'Asia/Baku', weekendDays: [6, 7] });

const due = (by: string, status: DeadlineView['status']): DeadlineView => ({ by, status });

/** Received 2 November; acceptance due the 5th (week 45), resolution the 16th (week 47). */
function row(reference: string, changes: Partial<ComplianceComplaintRow> = {}): ComplianceComplaintRow {
  return {
    reference,
    channel: 'email',
    state: 'accepted',
    receivedAt: '2026-11-02T08:00:00.000Z',
    acceptedAt: '2026-11-04T09:00:00.000Z',
    reviewStartedAt: null,
    reviewedAt: null,
    resolvedAt: null,
    endedAt: null,
    accept: due('2026-11-05T19:59:59.999Z', 'met'),
    review: null,
    resolve: due('2026-11-16T19:59:59.999Z', 'pending'),
    originalResolve: due('2026-11-16T19:59:59.999Z', 'pending'),
    outcome: 'pending',
    extensions: [],
    notices: [],
    ...changes,
  };
}

const HOSTILE_REASON = '<script>alert(1)</script>';
const HOSTILE_REFERENCE = '"><img src=x onerror=alert(2)>';

const rows: ComplianceComplaintRow[] = [
  row('PLT-0001', {
    state: 'resolved',
    resolvedAt: '2026-11-20T10:00:00.000Z',
    resolve: due('2026-11-27T19:59:59.999Z', 'met'),
    originalResolve: due('2026-11-16T19:59:59.999Z', 'missed'),
    outcome: 'met',
    extensions: [{ at: '2026-11-12T07:30:00.000Z', reason: HOSTILE_REASON, previousDate: '2026-11-16T19:59:59.999Z', newDate: '2026-11-27T19:59:59.999Z' }],
    notices: [{ event: 'complaint.extended', channel: 'email', route: 'email', status: 'sent', createdAt: '2026-11-12T07:30:01.000Z', sentAt: '2026-11-12T07:30:05.000Z', receipt: 'delivered' }],
  }),
  row(HOSTILE_REFERENCE, { channel: 'phone', acceptedAt: '2026-11-06T09:00:00.000Z', accept: due('2026-11-05T19:59:59.999Z', 'missed'), outcome: 'missed' }),
  row('PLT-0003', { acceptedAt: null, accept: due('2026-11-04T19:59:59.999Z', 'missed'), resolve: due('2026-11-16T19:59:59.999Z', 'missed'), outcome: 'missed' }),
];

function render(changes: Partial<PrintableComplianceReport> = {}): string {
  return complianceReportHtml({
    from: '2026-11-01',
    to: '2026-12-01',
    filter: { channel: 'email', outcome: 'missed' },
    rows,
    timeZone: 'Asia/Baku',
    localDate: (instant) => baku.localDate(instant),
    generatedAt: new Date('2026-12-01T06:00:00Z'),
    ...changes,
  });
}

/** The document with its dates' <time> tags taken off, to read as text. */
const plain = (document: string): string => document.replace(/<\/?time[^>]*>/g, '');

/** The opening tags of the elements with this attribute, and the attribute's values. */
const attributeValues = (document: string, attribute: string): string[] => [...document.matchAll(new RegExp(`\\s${attribute}="([^"]*)"`, 'g'))].map((match) => match[1] ?? '');

describe('complianceReportHtml', () => {
  it('shows the period, its last day included, the filters and the time zone in the title', () => {
    const document = plain(render());
    expect(document).toMatch(/<h1>Compliance report: complaints received 2026-11-01 to 2026-11-30<\/h1>/);
    expect(document).toContain('Filters: channel email, outcome missed.');
    expect(document).toContain('Dates and times in Asia/Baku; generated 2026-12-01 10:00.');
    expect(render({ filter: {} })).toContain('Filters: every channel, every outcome.');
  });

  it('shows an extension reason and a reference that hold markup as text', () => {
    const document = render();
    expect(document).not.toContain(HOSTILE_REASON);
    expect(document).not.toContain(HOSTILE_REFERENCE);
    expect(document).not.toMatch(/<script|<img|onerror=alert\(2\)"/i);
    expect(document).toContain('“&lt;script&gt;alert(1)&lt;/script&gt;”');
    expect(document).toContain('<th scope="row">&quot;&gt;&lt;img src=x onerror=alert(2)&gt;</th>');
  });

  it('has one row per complaint, with its deadlines, steps, extension and notices in the report’s time zone', () => {
    const document = render();
    expect(document).toContain('<time datetime="2026-11-05T19:59:59.999Z">2026-11-05 23:59</time>');
    expect(attributeValues(document, 'data-reference')).toEqual(['PLT-0001', '&quot;&gt;&lt;img src=x onerror=alert(2)&gt;', 'PLT-0003']);
    expect(attributeValues(document, 'data-outcome')).toEqual(['met', 'missed', 'missed']);
    const first = plain(document.slice(document.indexOf('data-reference="PLT-0001"'), document.indexOf('</tr>', document.indexOf('data-reference="PLT-0001"'))));
    // 19:59:59.999 UTC is 23:59 in Baku, UTC+4.
    expect(first).toContain('due 2026-11-05 23:59<br>accepted 2026-11-04 13:00');
    expect(first).toContain('due 2026-11-27 23:59<br><span class="muted">first 2026-11-16 23:59 (missed)</span><br>resolved 2026-11-20 14:00');
    expect(first).toContain('2026-11-12 11:30: 2026-11-16 23:59 → 2026-11-27 23:59');
    expect(first).toContain('extended: email via email, sent 2026-11-12 11:30, delivered');
  });

  it('shows when the review was finished, or else when the resolution ended it', () => {
    const review = due('2026-11-09T19:59:59.999Z', 'met');
    const reviewed = row('PLT-0004', { state: 'resolved', reviewStartedAt: '2026-11-04T10:00:00.000Z', reviewedAt: '2026-11-06T12:00:00.000Z', resolvedAt: '2026-11-12T09:00:00.000Z', review });
    const resolvedOnly = row('PLT-0005', { state: 'resolved', reviewStartedAt: '2026-11-04T10:00:00.000Z', resolvedAt: '2026-11-06T12:00:00.000Z', review });
    const document = plain(render({ filter: {}, rows: [reviewed, resolvedOnly] }));
    expect(document).toContain('due 2026-11-09 23:59<br>started 2026-11-04 14:00<br>finished 2026-11-06 16:00<br><span class="met">met</span>');
    expect(document).toContain('due 2026-11-09 23:59<br>started 2026-11-04 14:00<br>resolved 2026-11-06 16:00<br><span class="met">met</span>');
  });

  it('counts complaints by outcome and the share of deadlines kept of those due', () => {
    const document = render();
    const headline = (key: string) => new RegExp(`data-testid="headline-${key}">([^<]*)<`).exec(document)?.[1];
    expect([headline('complaints'), headline('met'), headline('missed'), headline('pending')]).toEqual(['3', '1', '2', '0']);
    // Met: one acceptance, one resolution; missed: two acceptances, one resolution; one resolution still running.
    expect(document).toContain('Deadlines kept (2 of 5 due)');
    expect(headline('kept')).toBe('40%');
  });

  it('draws one bar group per week of due date, met and missed stacked to scale, each labelled with its ISO week', () => {
    const document = render();
    const groups = [...document.matchAll(/<g data-week="([^"]+)" data-met="(\d+)" data-missed="(\d+)">([\s\S]*?)<\/g>/g)];
    // Weeks 45 (acceptances), 46 (none), 47 (the first resolution dates) and 48 (the extended one).
    expect(groups.map(([, week, met, missed]) => [week, Number(met), Number(missed)])).toEqual([
      ['2026-11-02', 1, 2],
      ['2026-11-09', 0, 0],
      ['2026-11-16', 0, 1],
      ['2026-11-23', 1, 0],
    ]);
    const scale = Number(/data-scale="(\d+)"/.exec(document)?.[1]);
    expect(scale).toBe(5);
    for (const [, , met, missed, body] of groups) {
      const height = (part: string) => Number(new RegExp(`data-part="${part}"[^>]* height="([\\d.]+)"`).exec(body ?? '')?.[1]);
      expect(height('met')).toBeCloseTo((Number(met) / scale) * CHART.plotHeight);
      expect(height('missed')).toBeCloseTo((Number(missed) / scale) * CHART.plotHeight);
    }
    expect(groups.map(([, , , , body]) => /text-anchor="middle">(W\d+)<\/text>/.exec(body ?? '')?.[1])).toEqual(['W45', 'W46', 'W47', 'W48']);
    expect(document).toContain('<title id="chart-title">Deadlines kept per week of due date</title>');
    expect(document).toContain('2026-W45: 1 met, 2 missed; 2026-W46: 0 met, 0 missed');
    // The same figures as a table, for a screen reader and for print.
    const tableWeeks = [...document.matchAll(/<tr data-week="([^"]+)"><th scope="row">([^<]+)<\/th>/g)].map(([, week, label]) => [week, label]);
    expect(tableWeeks).toEqual([
      ['2026-11-02', '2026-W45 (2026-11-02)'],
      ['2026-11-09', '2026-W46 (2026-11-09)'],
      ['2026-11-16', '2026-W47 (2026-11-16)'],
      ['2026-11-23', '2026-W48 (2026-11-23)'],
    ]);
  });

  it('says there is nothing to chart for no complaints', () => {
    const document = render({ rows: [] });
    expect(document).toContain('No deadlines in this report.');
    expect(document).not.toContain('<svg');
    expect(document).toContain('data-testid="headline-kept">–<');
  });

  it('is self-contained: no script, no external resource, and its policy names the hash of its one stylesheet', () => {
    const document = render();
    expect(document).not.toMatch(/<script|<link|\s(src|href)="|https?:\/\/(?!www\.w3\.org\/2000\/svg")/);
    const styles = [...document.matchAll(/<style>([\s\S]*?)<\/style>/g)];
    expect(styles).toHaveLength(1);
    const hash = createHash('sha256').update(styles[0]?.[1] ?? '').digest('base64');
    expect(COMPLIANCE_REPORT_CSP).toBe(`default-src 'none'; style-src 'sha256-${hash}'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`);
    // The same policy in the document, frame-ancestors aside (a <meta> policy cannot carry it); quotes escaped in the attribute.
    expect(document).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;; style-src &#39;sha256-${hash}&#39;; base-uri &#39;none&#39;; form-action &#39;none&#39;">`);
    expect(document).toContain('@page { size: A4 landscape;');
    expect(document).not.toMatch(/\sstyle="/);
  });
});

describe('chartScale', () => {
  it('rounds the highest bar up to 1, 2 or 5 times a power of ten', () => {
    expect([0, 1, 2, 3, 5, 7, 12, 50, 51].map(chartScale)).toEqual([1, 1, 2, 5, 5, 10, 20, 50, 100]);
  });
});
