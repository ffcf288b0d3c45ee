/**
 * The agent desk at /desk, in a real headless Chromium against the booted one-process product
 * (embedded SQLite, in-process bus): a customer complains in the chat, an agent finds the
 * complaint, answers it, and the customer reads the answer in the chat. Needs `npm run build`
 * (the desk is served from dist/desk). Screenshots go to test-output/desk/.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { launchChromium } from './support/chromium';
import { Clock } from '@plaint/domain';
import { type RunningPlaint, startPlaint } from '../apps/plaint/src/bootstrap';
import { embeddedEnv } from './support/plaint-services';
import { STAFF_PASSWORD, Staff } from './support/staff';

const REFERENCE = /[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}/;
/** The pipeline (bus → core → notifier → chat) is asynchronous: allow it a while. */
const PIPELINE_MS = 30_000;
const SHOTS = join(__dirname, '..', 'test-output', 'desk');

jest.setTimeout(240_000);

/**
 * The installation's clock: real time (the chat and the pipeline run as they do), moved forward
 * by hand to pass a deadline without waiting business days.
 */
class ShiftedClock extends Clock {
  private shift = 0;

  now(): Date {
    return new Date(Date.now() + this.shift);
  }

  advance(ms: number): void {
    this.shift += ms;
  }
}

const DAY_MS = 24 * 60 * 60_000;

describe('agent desk (browser)', () => {
  let plaint: RunningPlaint;
  let browser: Browser;
  let dataDir: string;
  const contexts: BrowserContext[] = [];
  const pageErrors: string[] = [];
  const cspViolations: string[] = [];
  const clock = new ShiftedClock();

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    dataDir = mkdtempSync(join(tmpdir(), 'plaint-e2e-desk-'));
    plaint = await startPlaint({ env: embeddedEnv(dataDir), overrides: { clock } });
    await Staff.hire(plaint, [
      ['leyla', 'agent'],
      ['farid', 'supervisor'],
    ]);
    browser = await launchChromium();
  });

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await plaint?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  afterEach(() => {
    // A script error, or anything the Content-Security-Policy blocked, fails the test.
    expect(pageErrors.splice(0)).toEqual([]);
    expect(cspViolations.splice(0)).toEqual([]);
  });

  async function open(path: string, viewport = { width: 1280, height: 900 }): Promise<Page> {
    const context = await browser.newContext({ viewport });
    contexts.push(context);
    const page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error' && /Content Security Policy|CSP violation/i.test(message.text())) cspViolations.push(message.text());
    });
    await page.addInitScript(`document.addEventListener('securitypolicyviolation', (event) =>
      console.error('CSP violation: ' + event.violatedDirective + ' blocked ' + (event.blockedURI || 'inline')));`);
    await page.goto(`${plaint.url}${path}`);
    return page;
  }

  const byTestId = (page: Page, id: string): Locator => page.locator(`[data-testid="${id}"]`);

  /** The customer's side: a chat started on the public page, one complaint sent. */
  async function complainInChat(text: string): Promise<{ page: Page; reference: string }> {
    const page = await open('/');
    await page.waitForSelector('html.js-ready');
    if (!(await byTestId(page, 'chat-panel').isVisible())) await byTestId(page, 'chat-open').click();
    await byTestId(page, 'chat-fullName').fill('Quliyev Rəşad Elçin oğlu');
    await byTestId(page, 'chat-email').fill(`resad.${Date.now()}@example.az`);
    await byTestId(page, 'chat-start-submit').click();
    await byTestId(page, 'chat-input').fill(text);
    await byTestId(page, 'chat-send').click();
    const ack = page.locator('[data-testid="chat-line"][data-from="plaint"]').filter({ hasText: REFERENCE }).first();
    await ack.waitFor({ timeout: PIPELINE_MS });
    const reference = REFERENCE.exec((await ack.textContent()) ?? '')?.[0];
    if (!reference) throw new Error('no reference in the chat');
    return { page, reference };
  }

  async function signIn(page: Page, password = STAFF_PASSWORD, username = 'leyla'): Promise<void> {
    await byTestId(page, 'sign-in-username').fill(username);
    await byTestId(page, 'sign-in-password').fill(password);
    await byTestId(page, 'sign-in-submit').click();
  }

  /** The unassigned queue, looked at again until the complaint has come through the pipeline. */
  async function findInQueue(page: Page, reference: string): Promise<Locator> {
    const row = page.locator(`[data-testid="complaint-row"][data-reference="${reference}"]`);
    const deadline = Date.now() + PIPELINE_MS;
    while (!(await row.isVisible())) {
      if (Date.now() > deadline) throw new Error(`${reference} never appeared in the queue`);
      await byTestId(page, 'view-queue').click();
      await page.waitForTimeout(500);
    }
    return row;
  }

  it('signs in, keeps the session across a reload and the chosen language, and signs out', async () => {
    const page = await open('/desk/');
    await byTestId(page, 'sign-in').waitFor();
    await page.screenshot({ path: join(SHOTS, 'sign-in.png') });

    await signIn(page, 'not the password');
    expect(await byTestId(page, 'sign-in-problem').textContent()).toBeTruthy();
    expect(await byTestId(page, 'sign-in-username').inputValue()).toBe('leyla');

    await signIn(page);
    await byTestId(page, 'inbox').waitFor();
    expect(await byTestId(page, 'agent-name').textContent()).toBe('leyla');
    await byTestId(page, 'language').selectOption('ru');
    expect(await page.locator('h1').textContent()).toBe('Жалобы');

    await page.reload();
    await byTestId(page, 'inbox').waitFor();
    expect(await page.locator('h1').textContent()).toBe('Жалобы');
    expect(await page.locator('html').getAttribute('lang')).toBe('ru');

    await byTestId(page, 'sign-out').click();
    await byTestId(page, 'sign-in').waitFor();
    await page.reload();
    await byTestId(page, 'sign-in').waitFor();
  });

  it('finds a chat complaint, answers it, and the customer reads the answer in the chat; a refusal shows the server’s reason', async () => {
    const stamp = Date.now();
    const customer = await complainInChat(`Soyuducu çatdırılmadı, sifariş ${stamp}.`);

    const page = await open('/desk/');
    await byTestId(page, 'language').selectOption('en');
    await signIn(page);
    await byTestId(page, 'inbox').waitFor();
    const row = await findInQueue(page, customer.reference);
    expect(await row.textContent()).toContain('Quliyev Rəşad Elçin oğlu');
    await page.screenshot({ path: join(SHOTS, 'inbox.png') });

    await row.locator('a').click();
    await byTestId(page, 'complaint').waitFor();
    expect(page.url()).toContain('/desk/complaints/');
    expect(await byTestId(page, 'complaint-reference').textContent()).toBe(customer.reference);
    expect(await byTestId(page, 'timeline').textContent()).toContain(`sifariş ${stamp}`);
    expect(await byTestId(page, 'customer-card').textContent()).toContain('Quliyev Rəşad Elçin oğlu');

    // The answer, typed on the desk, reaches the customer's chat.
    const answer = `Salam! Soyuducunuz sabah çatdırılacaq (${stamp}).`;
    await byTestId(page, 'action-reply').click();
    await byTestId(page, 'field-reply-text').fill(answer);
    await byTestId(page, 'action-submit').click();
    await byTestId(page, 'action-done').waitFor();
    // In the chat it is the agent's line, not a letter from the company.
    await customer.page.locator('[data-testid="chat-line"][data-from="agent"]').filter({ hasText: answer }).waitFor({ timeout: PIPELINE_MS });
    // Once sent, the answer is on the desk's timeline as a notice with its delivery state.
    await page.reload();
    await page.locator('[data-kind="notice"]').filter({ hasText: answer }).waitFor({ timeout: PIPELINE_MS });
    // The README's picture (the complaint's head, deadline and first actions) is refreshed on
    // request only: a test run never changes tracked files.
    if (process.env.PLAINT_UPDATE_README_SCREENSHOT === '1') {
      await page.evaluate('window.scrollTo(0, 0)');
      await page.screenshot({ path: join(__dirname, '..', 'docs', 'images', 'desk-complaint.png') });
    }

    // Accepted; then an extension to a date not after the deadline is refused in the server's words, the reason kept.
    await byTestId(page, 'action-accept').click();
    await page.locator('[data-testid="complaint-state"][data-state="accepted"]').waitFor();
    await byTestId(page, 'action-extend').click();
    // The first business day the picker offers (this month's, or the next's at a month's end) is before the deadline.
    const picker = byTestId(page, 'field-extend-newDate');
    const offered = picker.locator('[data-business="true"]:not([aria-disabled="true"])');
    await picker.locator('[data-business]').first().waitFor();
    if ((await offered.count()) === 0) {
      await byTestId(page, 'field-extend-newDate-next').click();
      await offered.first().waitFor();
    }
    await offered.first().click();
    await byTestId(page, 'field-extend-reason').fill('Zavoddan hissə gözlənilir');
    await byTestId(page, 'action-submit').click();
    const refusal = await byTestId(page, 'action-problem').textContent();
    expect(refusal).toMatch(/deadline|date/i);
    expect(await byTestId(page, 'field-extend-reason').inputValue()).toBe('Zavoddan hissə gözlənilir');
    await page.screenshot({ path: join(SHOTS, 'complaint.png'), fullPage: true });

    // A session that ends mid-work: sign in again, and the typed reason is still there.
    await page.evaluate(`sessionStorage.setItem('plaint.desk.session',
      JSON.stringify({ ...JSON.parse(sessionStorage.getItem('plaint.desk.session')), token: 'expired' }))`);
    await page.reload();
    await byTestId(page, 'sign-in').waitFor();
    expect(await byTestId(page, 'sign-in-username').inputValue()).toBe('leyla');
    await signIn(page);
    await byTestId(page, 'complaint').waitFor();
    await byTestId(page, 'action-extend').click();
    expect(await byTestId(page, 'field-extend-reason').inputValue()).toBe('Zavoddan hissə gözlənilir');
  });

  it('fits a phone’s width', async () => {
    const page = await open('/desk/', { width: 375, height: 812 });
    await signIn(page);
    await byTestId(page, 'inbox').waitFor();
    // The complaint answered above is Leyla's now.
    await byTestId(page, 'view-mine').click();
    await page.locator('[data-testid="complaint-row"]').first().locator('a').click();
    await byTestId(page, 'complaint').waitFor();
    await page.screenshot({ path: join(SHOTS, 'complaint-phone.png'), fullPage: true });
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(375);
  });

  // Last: it moves the installation's clock days ahead.
  it('shows a supervisor the breach on the dashboard once the clock passes the acceptance deadline, and the report as CSV', async () => {
    const customer = await complainInChat(`Kredit kartı bloklanıb, ${Date.now()}.`);
    const page = await open('/desk/');
    await byTestId(page, 'language').selectOption('en');
    await signIn(page, STAFF_PASSWORD, 'farid');
    await byTestId(page, 'inbox').waitFor();
    await byTestId(page, 'nav-dashboard').click();
    await byTestId(page, 'dashboard').waitFor();
    expect(page.url()).toContain('/desk/dashboard');
    await byTestId(page, 'by-state-table').waitFor();
    const breach = page.locator(`[data-testid="breaches-row"][data-reference="${customer.reference}"]`);
    expect(await breach.count()).toBe(0);
    expect(Number(await page.locator('[data-testid="by-state-table"] tr[data-key="received"] td').textContent())).toBeGreaterThanOrEqual(1);

    // Ten calendar days on, the three business days to accept it are over: a breach.
    clock.advance(10 * DAY_MS);
    await page.reload();
    await byTestId(page, 'sign-in').waitFor();
    await signIn(page, STAFF_PASSWORD, 'farid');
    await byTestId(page, 'dashboard').waitFor();
    await byTestId(page, 'language').selectOption('en');
    await breach.waitFor();
    expect(await breach.textContent()).toContain('Quliyev Rəşad Elçin oğlu');
    expect(Number(await page.locator('[data-testid="by-deadline-table"] tr[data-key="overdue"] td').textContent())).toBeGreaterThanOrEqual(1);
    expect(Number(await page.locator('[data-testid="by-deadline-chart"] [data-key="overdue"]').getAttribute('data-value'))).toBeGreaterThanOrEqual(1);

    // The compliance report of this month counts it; its CSV is fetched with the token and saved.
    await byTestId(page, 'report-table').waitFor();
    expect(Number(await page.locator('[data-testid="report-channels"] tr[data-key="chat"] td').textContent())).toBeGreaterThanOrEqual(1);
    // Its weeks as a chart per measure, beside the table of the same figures: this week's bar in
    // each chart is the table's number, and the chart reads it out against the week's complaints.
    const thisWeek = page.locator('[data-testid="report-weeks"] tbody tr').last();
    const week = (await thisWeek.getAttribute('data-key')) ?? '';
    expect(week).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const [complaints, accepted, resolved, extended] = await thisWeek.locator('td').allTextContents();
    for (const [measure, value, title] of [
      ['accepted', accepted, 'Accepted within 3 business days, by week'],
      ['resolved', resolved, 'Resolved within 10 business days, by week'],
      ['extended', extended, 'Extended with a reason, by week'],
    ] as const) {
      const chart = byTestId(page, `report-week-${measure}-chart`);
      expect(await chart.getAttribute('role')).toBe('img');
      expect(await chart.locator('title').textContent()).toBe(title);
      expect(await chart.locator(`[data-key="${week}"]`).getAttribute('data-value')).toBe(value);
      expect(await chart.locator('desc').textContent()).toContain(`week from ${week}: ${value ?? ''} of ${complaints ?? ''}`);
    }
    expect(Number(accepted)).toBeGreaterThanOrEqual(1);
    const [download] = await Promise.all([page.waitForEvent('download'), byTestId(page, 'report-csv').click()]);
    expect(download.suggestedFilename()).toMatch(/^compliance-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = readFileSync(await download.path(), 'utf8');
    expect(csv.split(/\r?\n/)[0]).toBe('section,metric,value');
    await page.screenshot({ path: join(SHOTS, 'dashboard.png'), fullPage: true });
    // The charts shrink to a phone's width; nothing scrolls sideways.
    const phone = await open('/desk/dashboard', { width: 375, height: 812 });
    await signIn(phone, STAFF_PASSWORD, 'farid');
    await byTestId(phone, 'report-week-accepted-chart').waitFor();
    await phone.screenshot({ path: join(SHOTS, 'dashboard-phone.png'), fullPage: true });
    expect(await phone.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(375);

    // A breach opens the complaint.
    await breach.locator('a').click();
    await byTestId(page, 'complaint').waitFor();
    expect(await byTestId(page, 'complaint-reference').textContent()).toBe(customer.reference);
  });
});
