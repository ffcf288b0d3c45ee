/**
 * The agent desk at work in a real headless Chromium against the booted one-process product
 * (embedded SQLite, in-process bus): an extension to a business day picked in the desk's
 * calendar reaching the customer's chat, the inbox and a complaint updating live, and the
 * deadline filter after the installation's clock has passed a deadline. Needs `npm run build`
 * (the desk is served from dist/desk). Screenshots go to test-output/desk/.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { type RunningPlaint, startPlaint } from '../apps/plaint/src/bootstrap';
import { byTestId, DeskBrowser, PIPELINE_MS, SHOTS, ShiftedClock, signIn } from './support/desk-browser';
import { embeddedEnv } from './support/plaint-services';
import { Staff } from './support/staff';
import { waitFor } from './support/wait-for';

jest.setTimeout(240_000);

/**
 * Not the desk's fallback zone (Asia/Baku, +04:00): dates on the desk follow the zone core
 * answers, so a deadline shows as the end of a day only if the desk took it.
 */
const TIME_ZONE = 'Europe/Moscow';
const HOUR_MS = 60 * 60_000;
const INTL_LOCALE: Record<string, string> = { az: 'az-Latn-AZ', ru: 'ru-RU', en: 'en-GB' };

interface Summary {
  reference: string;
  language: string;
  deadlines: { acceptBy: string; resolveBy: string; next: { kind: string; by: string } | null };
}

/** A local date of `instant` in the company's zone, YYYY-MM-DD. */
const localDate = (instant: string): string => new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE }).format(new Date(instant));

function addDays(isoDate: string, days: number): string {
  const date = new Date(`${isoDate}T12:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

describe('agent desk at work (browser)', () => {
  let plaint: RunningPlaint;
  let desk: DeskBrowser;
  let staff: Staff;
  let dataDir: string;
  const clock = new ShiftedClock();

  const summary = async (reference: string): Promise<Summary> =>
    (await staff.as('leyla').get(`/api/v1/agent/complaints/${reference}`).expect(200)).body as Summary;
  const businessDays = async (from: string, to: string): Promise<Set<string>> =>
    new Set((await staff.as('leyla').get(`/api/v1/agent/calendar?from=${from}&to=${to}`).expect(200)).body.businessDays as string[]);

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    dataDir = mkdtempSync(join(tmpdir(), 'plaint-e2e-desk-live-'));
    plaint = await startPlaint({ env: embeddedEnv(dataDir, { PLAINT_TIME_ZONE: TIME_ZONE }), overrides: { clock } });
    staff = await Staff.hire(plaint, [['leyla', 'agent']]);
    desk = await DeskBrowser.launch(plaint.url);
  });

  afterAll(async () => {
    await desk?.close();
    await plaint?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  afterEach(() => desk.expectNoPageFaults());

  /** The desk signed in as Leyla, in English (chosen once her own language has come), on the unassigned queue. */
  async function queue(): Promise<Page> {
    const page = await desk.open('/desk/');
    const preferences = page.waitForResponse((response) => response.url().endsWith('/api/v1/agent/me/preferences') && response.request().method() === 'GET');
    await signIn(page, 'leyla');
    await byTestId(page, 'inbox').waitFor();
    await preferences;
    await byTestId(page, 'language').selectOption('en');
    await byTestId(page, 'view-queue').click();
    return page;
  }

  const row = (page: Page, reference: string): Locator => page.locator(`[data-testid="complaint-row"][data-reference="${reference}"]`);

  /** Pages the picker to a month (YYYY-MM) with its own buttons. */
  async function showMonth(picker: Locator, month: string): Promise<void> {
    for (let shown = await picker.getAttribute('data-month'); shown !== month; shown = await picker.getAttribute('data-month')) {
      if (!shown) throw new Error('the picker shows no month');
      await byTestId(picker.page(), shown < month ? 'field-extend-newDate-next' : 'field-extend-newDate-previous').click();
      await picker.locator(`[data-date^="${shown < month ? addDays(`${shown}-28`, 7).slice(0, 7) : addDays(`${shown}-01`, -1).slice(0, 7)}"]`).first().waitFor();
    }
    // The month's business days have come from the server.
    await picker.locator('[data-business]').first().waitFor();
  }

  it('extends a chat complaint to a business day picked in the calendar, and the customer reads the new date in the chat', async () => {
    const customer = await desk.complainInChat(`Paltaryuyan maşın işləmir, sifariş ${Date.now()}.`);
    const page = await queue();
    await row(page, customer.reference).waitFor({ timeout: PIPELINE_MS });
    await row(page, customer.reference).locator('a').click();
    await byTestId(page, 'complaint').waitFor();

    // The deadline ends at midnight in the zone core answered, and the time left is business time.
    const deadline = byTestId(page, 'deadline');
    await deadline.filter({ hasText: '23:59' }).waitFor();
    expect(await deadline.textContent()).toMatch(/business time left: \d+ business days? \d+/);

    await byTestId(page, 'action-accept').click();
    await page.locator('[data-testid="complaint-state"][data-state="accepted"]').waitFor();
    const before = await summary(customer.reference);
    const today = localDate(new Date().toISOString());

    await byTestId(page, 'action-extend').click();
    const picker = byTestId(page, 'field-extend-newDate');
    await picker.locator('[data-business]').first().waitFor();
    expect(await byTestId(page, 'field-extend-newDate-chosen').textContent()).toBe('No date chosen yet');

    // New Year's Day is a public holiday: shown and reachable with the keys, never offered; Enter on it picks nothing.
    const newYear = `${Number(today.slice(0, 4)) + 1}-01-01`;
    await showMonth(picker, newYear.slice(0, 7));
    const holiday = picker.locator(`[data-date="${newYear}"]`);
    expect(await holiday.getAttribute('aria-disabled')).toBe('true');
    expect(await holiday.getAttribute('aria-label')).toMatch(/, day off$/);
    await holiday.focus();
    await page.keyboard.press('Enter');
    expect(await picker.getAttribute('data-value')).toBe('');

    // A week past the resolution deadline, the first business day (not the 1st: the key moves onto it from the day before).
    const resolveDay = localDate(before.deadlines.resolveBy);
    const offered = await businessDays(addDays(resolveDay, 7), addDays(resolveDay, 40));
    const target = [...offered].find((day) => !day.endsWith('-01'));
    if (!target) throw new Error(`no business day offered after ${resolveDay}`);
    await showMonth(picker, target.slice(0, 7));
    // Exactly the server's business days from today on can be picked in the month shown.
    const month = target.slice(0, 7);
    const monthDays = await businessDays(`${month}-01`, addDays(`${addDays(`${month}-28`, 7).slice(0, 7)}-01`, -1));
    const shown = await picker
      .locator('[data-date]')
      .evaluateAll((buttons): [string | null, string | null][] => buttons.map((button) => [button.getAttribute('data-date'), button.getAttribute('aria-disabled')]));
    expect(shown.length).toBeGreaterThanOrEqual(28);
    for (const [day, disabled] of shown) expect([day, disabled]).toEqual([day, String(!(monthDays.has(day ?? '') && (day ?? '') >= today))]);

    // Picked with the keyboard: onto the day before, then the right arrow and Enter.
    await picker.locator(`[data-date="${addDays(target, -1)}"]`).focus();
    await page.keyboard.press('ArrowRight');
    // The focus moves once the grid has rendered the key's move.
    await page.waitForFunction(`document.activeElement?.getAttribute("data-date") === ${JSON.stringify(target)}`, undefined, { timeout: 5_000 });
    await page.keyboard.press('Enter');
    expect(await picker.getAttribute('data-value')).toBe(target);
    expect(await byTestId(page, 'field-extend-newDate-chosen').textContent()).toContain(target.slice(0, 4));
    expect(await page.locator(`td[aria-selected="true"] [data-date="${target}"]`).count()).toBe(1);
    await page.screenshot({ path: join(SHOTS, 'extend-picker.png'), fullPage: true });

    const reason = 'Zavoddan ehtiyat hissəsi gözlənilir';
    await byTestId(page, 'field-extend-reason').fill(reason);
    await byTestId(page, 'action-submit').click();
    await byTestId(page, 'action-done').waitFor();
    expect((await summary(customer.reference)).deadlines.resolveBy).not.toBe(before.deadlines.resolveBy);
    expect(localDate((await summary(customer.reference)).deadlines.resolveBy)).toBe(target);

    // The customer reads the reason and the new date, written in their language, in the chat.
    const newDate = new Intl.DateTimeFormat(INTL_LOCALE[before.language], { dateStyle: 'long', timeZone: TIME_ZONE }).format(new Date(`${target}T12:00:00Z`));
    const told = customer.page.locator('[data-testid="chat-line"][data-from="plaint"]').filter({ hasText: reason });
    await told.waitFor({ timeout: PIPELINE_MS });
    expect(await told.textContent()).toContain(newDate);
    await customer.page.screenshot({ path: join(SHOTS, 'chat-extended.png'), fullPage: true });
  });

  it('shows a new complaint in the open inbox, and a new message in the open complaint, without a reload', async () => {
    const page = await queue();
    await page.locator('[data-testid="live"][data-live="true"]').waitFor();
    await page.evaluate('window.plaintNotReloaded = true');

    const stamp = Date.now();
    const customer = await desk.complainInChat(`Televizorun pultu işləmir, ${stamp}.`, 'Həsənova Leyla Arif qızı');
    await row(page, customer.reference).waitFor({ timeout: PIPELINE_MS });
    expect(await row(page, customer.reference).textContent()).toContain('Həsənova Leyla Arif qızı');

    // Taken: from now on the customer's messages are news for Leyla (an unassigned complaint's are not told one by one).
    await row(page, customer.reference).locator('a').click();
    await byTestId(page, 'complaint').waitFor();
    await byTestId(page, 'action-assign').click();
    await byTestId(page, 'action-done').waitFor();
    const more = `Batareyaları dəyişdim, yenə işləmir (${stamp}).`;
    await byTestId(customer.page, 'chat-input').fill(more);
    await byTestId(customer.page, 'chat-send').click();
    await page.locator('[data-kind="message"]').filter({ hasText: more }).waitFor({ timeout: PIPELINE_MS });
    await page.screenshot({ path: join(SHOTS, 'complaint-live.png'), fullPage: true });
    expect(await page.evaluate('window.plaintNotReloaded')).toBe(true);
  });

  // Last: it moves the installation's clock days ahead.
  it('filters the inbox by deadline: overdue, and due today, once the clock has passed one', async () => {
    const byPhone = async (fullName: string, phone: string): Promise<Summary> => {
      const registered = await staff.as('leyla').post('/api/v1/agent/intake', { channel: 'phone', language: 'en', fullName, phone, essence: `Filter test (${fullName}).` }).expect(202);
      const reference = registered.body.reference as string;
      await waitFor(async () => (await staff.as('leyla').get(`/api/v1/agent/complaints/${reference}`)).status, (status) => status === 200, { what: `complaint ${reference}` });
      return summary(reference);
    };
    const late = await byPhone('Overdue Customer', '050 111 00 01');
    // An hour before the first one's acceptance runs out, a second arrives: three business days later to accept.
    clock.setTo(new Date(Date.parse(late.deadlines.acceptBy) - HOUR_MS));
    await staff.signIn('leyla');
    const today = await byPhone('Due-today Customer', '050 111 00 02');
    expect(Date.parse(today.deadlines.acceptBy)).toBeGreaterThan(Date.parse(late.deadlines.acceptBy));
    // An hour before the second one's runs out: the first is overdue, the second due today.
    clock.setTo(new Date(Date.parse(today.deadlines.acceptBy) - HOUR_MS));
    await staff.signIn('leyla');

    const page = await queue();
    await row(page, late.reference).waitFor();
    await row(page, today.reference).waitFor();

    await byTestId(page, 'filter-due').selectOption('overdue');
    await row(page, today.reference).waitFor({ state: 'detached' });
    await row(page, late.reference).waitFor();
    const overdue = row(page, late.reference).locator('[data-testid="deadline"]');
    expect(await overdue.getAttribute('data-overdue')).toBe('true');
    expect(await overdue.textContent()).toMatch(/business time overdue: \d+ business days? \d+/);
    await page.screenshot({ path: join(SHOTS, 'inbox-overdue.png'), fullPage: true });

    await byTestId(page, 'filter-due').selectOption('today');
    await row(page, late.reference).waitFor({ state: 'detached' });
    await row(page, today.reference).waitFor();
    const dueToday = row(page, today.reference).locator('[data-testid="deadline"]');
    expect(await dueToday.getAttribute('data-overdue')).toBe('false');
    // An hour, or a minute less by now.
    expect(await dueToday.textContent()).toMatch(/business time left: (1 hr 0 min|0 hr 59 min)/);

    // The filter is kept for the tab: back from a complaint, the inbox is still filtered.
    await row(page, today.reference).locator('a').click();
    await byTestId(page, 'complaint').waitFor();
    await byTestId(page, 'back').click();
    await row(page, today.reference).waitFor();
    expect(await byTestId(page, 'filter-due').inputValue()).toBe('today');
    expect(await row(page, late.reference).count()).toBe(0);
  });
});
