import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type RunningPlaint, startPlaint } from '../apps/plaint/src/bootstrap';
import { COMPLIANCE_REPORT_CSP } from '../apps/core/src/reports/compliance-report-html';
import { ManualClock } from './support/manual-clock';
import { embeddedEnv } from './support/plaint-services';
import { fileReportComplaints, MARKUP_REASON, type ReportComplaints } from './support/report-complaints';
import { Staff } from './support/staff';

const REPORT = '/api/v1/agent/reports/compliance/complaints?from=2026-12-01&to=2027-01-01';

/** What the printable report shows: its rows, headline figures and chart bars. */
function readReport(html: string) {
  const headline = (key: string) => new RegExp(`data-testid="headline-${key}">([^<]*)<`).exec(html)?.[1];
  const bars = [...html.matchAll(/<g data-week="[^"]+" data-met="(\d+)" data-missed="(\d+)">/g)];
  return {
    rows: [...html.matchAll(/<tr data-reference="([^"]+)" data-outcome="([^"]+)">/g)].map(([, reference, outcome]) => ({ reference, outcome })),
    headline: { complaints: headline('complaints'), met: headline('met'), missed: headline('missed'), pending: headline('pending'), kept: headline('kept') },
    charted: { met: bars.reduce((sum, [, met]) => sum + Number(met), 0), missed: bars.reduce((sum, [, , missed]) => sum + Number(missed), 0) },
    filters: /data-testid="filters">Filters: ([^.]*)\./.exec(html)?.[1],
  };
}

/**
 * The printable compliance report on the one-process install (SQLite, in-process bus): complaints
 * worked over the API, one extended with a reason holding markup, one past its acceptance
 * deadline, one still in time; the HTML lists exactly the complaints the filters keep.
 */
describe('the printable compliance report on the embedded defaults', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'plaint-printable-report-'));
  // Monday 7 December 2026, 12:00 in Baku.
  const clock = new ManualClock(new Date('2026-12-07T08:00:00Z'));
  let plaint: RunningPlaint;
  let staff: Staff;
  let filed: ReportComplaints;

  beforeAll(async () => {
    plaint = await startPlaint({ env: embeddedEnv(dataDir), overrides: { clock } });
    staff = await Staff.hire(plaint, [
      ['aysel', 'agent'],
      ['sevda', 'supervisor'],
    ]);
    filed = await fileReportComplaints(staff, 'sevda', (at) => clock.set(at));
    await staff.signIn('aysel');
  }, 60_000);

  afterAll(async () => {
    await plaint?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('serves the period as one inline HTML document under a policy of its own, every complaint in it, the reason as text', async () => {
    const answer = await staff.as('sevda').get(`${REPORT}&format=html`).expect(200);
    expect(answer.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(answer.headers['content-disposition']).toBe('inline; filename="compliance-complaints-2026-12-01-2027-01-01.html"');
    expect(answer.headers['content-security-policy']).toBe(COMPLIANCE_REPORT_CSP);
    const report = readReport(answer.text);
    expect(report.rows).toEqual(
      expect.arrayContaining([
        { reference: filed.kept, outcome: 'met' },
        { reference: filed.late, outcome: 'missed' },
        { reference: filed.running, outcome: 'pending' },
      ]),
    );
    expect(report.rows).toHaveLength(3);
    expect(report.filters).toBe('every channel, every outcome');
    // Kept: acceptance, review and resolution met; late: acceptance missed; nothing else due yet.
    expect(report.headline).toEqual({ complaints: '3', met: '1', missed: '1', pending: '1', kept: '75%' });
    expect(report.charted).toEqual({ met: 3, missed: 1 });
    expect(answer.text).not.toContain(MARKUP_REASON);
    expect(answer.text).not.toMatch(/<script|<img/);
    expect(answer.text).toContain('“&lt;script&gt;alert(1)&lt;/script&gt;&quot;&gt;&lt;img src=x onerror=alert(2)&gt;”');
    expect(answer.text).toMatch(/→ <time datetime="[^"]+">2027-01-15 23:59<\/time>/);
    // The same complaints, notices and all, as the JSON answer.
    const json = await staff.as('sevda').get(REPORT).expect(200);
    const keptRow = (json.body.complaints as { reference: string; notices: unknown[] }[]).find((row) => row.reference === filed.kept);
    const keptHtml = answer.text.slice(answer.text.indexOf(`data-reference="${filed.kept}"`), answer.text.indexOf('</tr>', answer.text.indexOf(`data-reference="${filed.kept}"`)));
    expect(keptHtml.split('</li>').length - 1).toBe(1 + (keptRow?.notices.length ?? -1));
  });

  it('keeps the channel and outcome asked for, and says so', async () => {
    const phone = readReport((await staff.as('sevda').get(`${REPORT}&format=html&channel=phone`).expect(200)).text);
    expect(phone.rows.map((row) => row.reference).sort()).toEqual([filed.kept, filed.late].sort());
    expect(phone.filters).toBe('channel phone, every outcome');
    expect(phone.headline).toEqual({ complaints: '2', met: '1', missed: '1', pending: '0', kept: '75%' });

    const missed = readReport((await staff.as('sevda').get(`${REPORT}&format=html&channel=phone&outcome=missed`).expect(200)).text);
    expect(missed.rows).toEqual([{ reference: filed.late, outcome: 'missed' }]);
    expect(missed.filters).toBe('channel phone, outcome missed');
    expect(missed.headline).toEqual({ complaints: '1', met: '0', missed: '1', pending: '0', kept: '0%' });
    expect(missed.charted).toEqual({ met: 0, missed: 1 });
  });

  it('refuses a format it does not know, naming the field, and agents', async () => {
    const refused = await staff.as('sevda').get(`${REPORT}&format=pdf`).expect(400);
    expect(refused.body).toMatchObject({ code: 'invalid', errors: [expect.objectContaining({ field: 'format' })] });
    await staff.as('aysel').get(`${REPORT}&format=html`).expect(403);
  });
});
