/**
 * The desk's printable compliance report, in a real headless Chromium against the booted
 * one-process product (embedded SQLite, in-process bus): a supervisor picks a period and a
 * channel, opens the report from the keyboard, and the window shows the complaints and the chart
 * of deadlines kept, styled under the desk's Content-Security-Policy. Needs `npm run build` (the
 * desk is served from dist/desk). The report is saved as PDF and PNG under test-output/desk/.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BusinessCalendar } from '@plaint/domain';
import { type RunningPlaint, startPlaint } from '../apps/plaint/src/bootstrap';
import { byTestId, DeskBrowser, SHOTS, ShiftedClock, signIn } from './support/desk-browser';
import { embeddedEnv } from './support/plaint-services';
import { fileReportComplaints, MARKUP_REASON, type ReportComplaints } from './support/report-complaints';
import { Staff } from './support/staff';

jest.setTimeout(60_000);

describe('agent desk: the printable compliance report (browser)', () => {
  let plaint: RunningPlaint;
  let desk: DeskBrowser;
  let dataDir: string;
  const clock = new ShiftedClock();
  let filed: ReportComplaints;
  let from: string;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    dataDir = mkdtempSync(join(tmpdir(), 'plaint-e2e-desk-report-'));
    plaint = await startPlaint({ env: embeddedEnv(dataDir), overrides: { clock } });
    const staff = await Staff.hire(plaint, [['farid', 'supervisor']]);
    from = plaint.app.get(BusinessCalendar).localDate(clock.now());
    filed = await fileReportComplaints(staff, 'farid', (at) => clock.setTo(at));
    desk = await DeskBrowser.launch(plaint.url);
  });

  afterAll(async () => {
    await desk?.close();
    await plaint?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  afterEach(() => desk.expectNoPageFaults());

  it('opens the report of the period and channel chosen in a window of its own, styled, with its rows and chart, and prints it', async () => {
    const page = await desk.open('/desk/');
    await byTestId(page, 'language').selectOption('en');
    await signIn(page, 'farid');
    await byTestId(page, 'nav-dashboard').click();
    await byTestId(page, 'report').waitFor();
    // From the first complaint's day to the day after the clock's, whatever month that falls in.
    const calendar = plaint.app.get(BusinessCalendar);
    const to = calendar.localDate(new Date(clock.now().getTime() + 86_400_000));
    await byTestId(page, 'report-from').fill(from);
    await byTestId(page, 'report-to').fill(to);
    await byTestId(page, 'report-channel').selectOption('phone');

    // From the keyboard: the action is a button that takes the focus and Enter.
    await byTestId(page, 'report-printable').focus();
    const [report] = await Promise.all([page.waitForEvent('popup'), page.keyboard.press('Enter')]);
    const blocked: string[] = [];
    report.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) blocked.push(message.text());
    });
    await report.waitForURL(/^blob:/);
    await report.locator('[data-testid="complaints-table"]').waitFor();
    expect(await report.title()).toBe(`Compliance report ${from} to ${calendar.localDate(clock.now())}`);
    expect(await report.locator('[data-testid="filters"]').textContent()).toContain('Filters: channel phone, every outcome.');

    const rows = report.locator('[data-testid="complaints-table"] tbody tr');
    expect((await Promise.all((await rows.all()).map((row) => row.getAttribute('data-reference')))).sort()).toEqual([filed.kept, filed.late].sort());
    expect(await report.locator(`tr[data-reference="${filed.late}"]`).getAttribute('data-outcome')).toBe('missed');
    expect(await report.locator(`tr[data-reference="${filed.kept}"] [data-testid="extension"]`).textContent()).toContain(MARKUP_REASON);
    expect(await report.locator('[data-testid="complaints-table"] script, [data-testid="complaints-table"] img').count()).toBe(0);
    expect(await report.locator('[data-testid="headline-kept"]').textContent()).toBe('75%');

    // The chart: one group per week, met and missed bars that add up to the headline's figures.
    const chart = report.locator('svg[data-testid="deadlines-chart"]');
    expect(await chart.getAttribute('role')).toBe('img');
    const bars = await chart.locator('g[data-week]').evaluateAll((groups): number[][] => groups.map((group) => [Number(group.getAttribute('data-met')), Number(group.getAttribute('data-missed'))]));
    expect(bars.length).toBeGreaterThanOrEqual(1);
    const sum = (part: 0 | 1) => bars.reduce((total, bar) => total + (bar[part] ?? 0), 0);
    expect([sum(0), sum(1)]).toEqual([3, 1]);
    expect(await report.locator('[data-testid="weeks-table"] tbody tr').count()).toBe(bars.length);
    const missedBar = await chart.locator('g[data-missed="1"] rect[data-part="missed"]').boundingBox();
    expect(missedBar?.height).toBeGreaterThan(0);

    // Its inline stylesheet applied: the desk's policy lets it through by its hash, and nothing was blocked.
    expect(await report.evaluate<string>("getComputedStyle(document.querySelector('th')).backgroundColor")).toBe('rgb(238, 238, 238)');
    expect(blocked).toEqual([]);

    await report.screenshot({ path: join(SHOTS, 'compliance-report.png'), fullPage: true });
    const pdf = join(SHOTS, 'compliance-report.pdf');
    await report.pdf({ path: pdf, preferCSSPageSize: true, printBackground: true });
    expect(readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');
    // A4 landscape, from the report's @page rule: 297 × 210 mm is 842 × 595 points.
    expect(readFileSync(pdf, 'latin1')).toMatch(/\/MediaBox \[0 0 841\.9\d* 59[45]\.\d+\]/);
  });
});
