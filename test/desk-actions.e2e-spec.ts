/**
 * The desk's supervisor actions and the staff intake page, in a real headless Chromium against
 * the booted one-process product (embedded SQLite, in-process bus): assigning to an agent (and
 * the inbox's assignee filter), rejecting, merging and unmerging, a refused merge, and phone and
 * complaint-book complaints registered from the intake page. Needs `npm run build` (the desk is
 * served from dist/desk). Screenshots go to test-output/desk/.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { launchChromium } from './support/chromium';
import { type RunningPlaint, startPlaint } from '../apps/plaint/src/bootstrap';
import { embeddedEnv } from './support/plaint-services';
import { STAFF_PASSWORD, Staff } from './support/staff';
import { waitFor } from './support/wait-for';

const SHOTS = join(__dirname, '..', 'test-output', 'desk');
/** A 1×1 PNG: the scan of a complaint-book page, as small as one can be. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

jest.setTimeout(240_000);

interface Registered {
  id: string;
  reference: string;
  customerId: string;
}

describe('agent desk: supervisor actions and staff intake (browser)', () => {
  let plaint: RunningPlaint;
  let staff: Staff;
  let browser: Browser;
  let dataDir: string;
  const contexts: BrowserContext[] = [];
  const pageErrors: string[] = [];
  const cspViolations: string[] = [];

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    dataDir = mkdtempSync(join(tmpdir(), 'plaint-e2e-desk-actions-'));
    plaint = await startPlaint({ env: embeddedEnv(dataDir) });
    staff = await Staff.hire(plaint, [
      ['leyla', 'agent'],
      ['farid', 'supervisor'],
    ]);
    // The desk takes the agent's saved language after sign-in; the assertions read English.
    for (const username of ['leyla', 'farid']) await staff.as(username).put('/api/v1/agent/me/preferences', { language: 'en' }).expect(200);
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

  const byTestId = (page: Page, id: string): Locator => page.locator(`[data-testid="${id}"]`);

  /** A fresh browser, signed in as `username` on `path`, the desk in English. */
  async function signedIn(username: string, path = '/desk/'): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    contexts.push(context);
    const page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error' && /Content Security Policy|CSP violation/i.test(message.text())) cspViolations.push(message.text());
    });
    await page.addInitScript(`document.addEventListener('securitypolicyviolation', (event) =>
      console.error('CSP violation: ' + event.violatedDirective + ' blocked ' + (event.blockedURI || 'inline')));`);
    await page.goto(`${plaint.url}${path}`);
    await byTestId(page, 'language').selectOption('en');
    await byTestId(page, 'sign-in-username').fill(username);
    await byTestId(page, 'sign-in-password').fill(STAFF_PASSWORD);
    await byTestId(page, 'sign-in-submit').click();
    await byTestId(page, 'sign-in').waitFor({ state: 'detached' });
    return page;
  }

  /** A phone complaint taken over the API, once core has stored it. */
  async function registered(fullName: string, phone: string, essence: string): Promise<Registered> {
    const answer = await staff.as('leyla').post('/api/v1/agent/intake', { channel: 'phone', fullName, phone, essence, language: 'az' }).expect(202);
    const reference = answer.body.reference as string;
    const stored = await waitFor(
      () => staff.as('farid').get(`/api/v1/agent/complaints/${reference}`),
      (response) => response.status === 200,
      { what: `complaint ${reference} stored`, intervalMs: 200 },
    );
    return { id: stored.body.id as string, reference, customerId: stored.body.customerId as string };
  }

  const state = (page: Page, value: string) => page.locator(`[data-testid="complaint-state"][data-state="${value}"]`);
  const row = (page: Page, reference: string) => page.locator(`[data-testid="complaint-row"][data-reference="${reference}"]`);

  it('lets a supervisor assign a complaint to an agent, who finds it under "My complaints"; the supervisor filters the inbox by assignee', async () => {
    const complaint = await registered('Məmmədova Səbinə Arif qızı', '+994 50 111 22 33', `Paltaryuyan maşın işləmir, sifariş ${Date.now()}.`);

    const supervisor = await signedIn('farid', `/desk/complaints/${complaint.id}`);
    await byTestId(supervisor, 'complaint').waitFor();
    await byTestId(supervisor, 'action-assign-to').click();
    // The list of whom to assign comes from the staff endpoint: Leyla is in it by name and role.
    await supervisor.locator(`[data-testid="field-assign-to-agentId"] option[value="${staff.id('leyla')}"]`).waitFor({ state: 'attached' });
    expect(await supervisor.locator(`[data-testid="field-assign-to-agentId"] option[value="${staff.id('leyla')}"]`).textContent()).toBe('leyla (agent)');
    await byTestId(supervisor, 'field-assign-to-agentId').selectOption(staff.id('leyla'));
    await supervisor.screenshot({ path: join(SHOTS, 'assign.png'), fullPage: true });
    await byTestId(supervisor, 'action-submit').click();
    await byTestId(supervisor, 'action-done').waitFor();

    const agent = await signedIn('leyla');
    await byTestId(agent, 'view-mine').click();
    await row(agent, complaint.reference).waitFor();

    // The supervisor's inbox, all complaints by assignee: Leyla's holds it, the unassigned queue does not.
    await byTestId(supervisor, 'back').click();
    await byTestId(supervisor, 'view-all').click();
    await byTestId(supervisor, 'filter-assignee').selectOption(staff.id('leyla'));
    await row(supervisor, complaint.reference).waitFor();
    await byTestId(supervisor, 'filter-assignee').selectOption('none');
    await row(supervisor, complaint.reference).waitFor({ state: 'detached' });
    await byTestId(supervisor, 'filter-assignee').selectOption('');
    await row(supervisor, complaint.reference).waitFor();
  });

  it('lets a supervisor reject a complaint with a reason, and the timeline shows the step', async () => {
    const complaint = await registered('Həsənov Tural Vaqif oğlu', '+994 55 222 33 44', `Reklam zəngləri barədə, ${Date.now()}.`);
    const reason = 'Şikayət şirkətin məhsulları ilə bağlı deyil';

    const agent = await signedIn('leyla', `/desk/complaints/${complaint.id}`);
    await byTestId(agent, 'complaint').waitFor();
    // Rejecting is a supervisor's: an agent is not offered it.
    expect(await byTestId(agent, 'action-reject').count()).toBe(0);

    const supervisor = await signedIn('farid', `/desk/complaints/${complaint.id}`);
    await byTestId(supervisor, 'action-reject').click();
    await byTestId(supervisor, 'field-reject-reason').fill(reason);
    await byTestId(supervisor, 'action-submit').click();
    await state(supervisor, 'rejected').waitFor();
    const step = supervisor.locator('[data-kind="step"]').filter({ hasText: reason });
    await step.waitFor();
    expect(await step.textContent()).toContain('farid');
    // Nothing more to do on a rejected complaint but notes.
    expect(await byTestId(supervisor, 'action-reject').count()).toBe(0);
  });

  it('shows why a merge into a complaint that does not exist is refused, and keeps the typed reference', async () => {
    const complaint = await registered('Əliyeva Nigar Rauf qızı', '+994 70 333 44 55', `Kondisioner quraşdırılmayıb, ${Date.now()}.`);
    const page = await signedIn('farid', `/desk/complaints/${complaint.id}`);
    await byTestId(page, 'action-merge').click();
    await byTestId(page, 'field-merge-into').fill('ZZZZ-ZZZZ-ZZZZ');
    await byTestId(page, 'action-submit').click();
    expect(await byTestId(page, 'action-problem').textContent()).toContain('There is no complaint ZZZZ-ZZZZ-ZZZZ');
    expect(await byTestId(page, 'field-merge-into').inputValue()).toBe('ZZZZ-ZZZZ-ZZZZ');
    await state(page, 'received').waitFor();
    await page.screenshot({ path: join(SHOTS, 'merge-refused.png'), fullPage: true });

    // A reload keeps it too.
    await page.reload();
    await byTestId(page, 'action-merge').click();
    expect(await byTestId(page, 'field-merge-into').inputValue()).toBe('ZZZZ-ZZZZ-ZZZZ');
  });

  it('lets a supervisor merge a complaint into another of the same customer and undo the merge', async () => {
    const stamp = Date.now();
    const first = await registered('Quliyev Elvin Nazim oğlu', '+994 51 444 55 66', `Televizorun ekranı sınıq gəlib, ${stamp}.`);
    const second = await registered('Quliyev Elvin Nazim oğlu', '+994 51 444 55 66', `Çatdırılma zamanı kuryer kobud davranıb, ${stamp}.`);
    // Two calls are two customer records until a supervisor links them; a complaint is merged only within one customer.
    await staff.as('farid').post(`/api/v1/agent/customers/${second.customerId}/merge`, { into: first.customerId }).expect(201);

    const page = await signedIn('farid', `/desk/complaints/${second.id}`);
    await byTestId(page, 'action-merge').click();
    await byTestId(page, 'field-merge-into').fill(first.reference);
    await byTestId(page, 'action-submit').click();
    await state(page, 'merged').waitFor();
    await page.locator('[data-kind="merge"]').filter({ hasText: first.reference }).waitFor();
    expect(await byTestId(page, 'action-merge').count()).toBe(0);
    await page.screenshot({ path: join(SHOTS, 'merged.png'), fullPage: true });

    await byTestId(page, 'action-unmerge').click();
    await state(page, 'received').waitFor();
    expect(await page.locator('[data-kind="merge"]').count()).toBe(2);
    expect(await byTestId(page, 'action-unmerge').count()).toBe(0);
    await byTestId(page, 'action-merge').waitFor();
  });

  it('lets an agent finish the review with its written result: an empty result is refused and kept out, the step shows, and the action is gone', async () => {
    const complaint = await registered('Rəhimova Günay Elçin qızı', '+994 50 555 66 77', `Paltaryuyan maşın sızır, sifariş ${Date.now()}.`);
    await staff.as('leyla').post(`/api/v1/agent/complaints/${complaint.reference}/accept`).expect(200);
    const result = 'Ustamız maşını yoxladı: şlanq zədələnib. Yeni şlanq sifariş etdik.';

    const page = await signedIn('leyla', `/desk/complaints/${complaint.id}`);
    await state(page, 'accepted').waitFor();
    await byTestId(page, 'action-finish-review').click();
    // Only spaces: the server refuses it, says why, and nothing changes.
    await byTestId(page, 'field-finish-review-result').fill('   ');
    await byTestId(page, 'action-submit').click();
    expect(await byTestId(page, 'action-problem').textContent()).toContain('The review’s result is required in writing');
    await state(page, 'accepted').waitFor();

    await byTestId(page, 'field-finish-review-result').fill(result);
    await page.screenshot({ path: join(SHOTS, 'finish-review.png'), fullPage: true });
    await byTestId(page, 'action-submit').click();
    await byTestId(page, 'action-done').waitFor();
    await state(page, 'in_review').waitFor();
    await page.locator('[data-kind="step"]').filter({ hasText: 'review finished' }).waitFor();
    expect(await byTestId(page, 'action-finish-review').count()).toBe(0);
    await byTestId(page, 'action-resolve').waitFor();
    const stored = await staff.as('leyla').get(`/api/v1/agent/complaints/${complaint.reference}/timeline`).expect(200);
    expect(stored.body.complaint.actions).not.toContain('finish-review');
  });

  it('registers a phone complaint from the intake page: the server’s reason on a refusal, the text kept, one complaint for a double click', async () => {
    const essence = `Soyuducu zəmanətdə təmir olunmur, müraciət ${Date.now()}.`;
    const page = await signedIn('leyla');
    await byTestId(page, 'nav-intake').click();
    await byTestId(page, 'intake').waitFor();
    expect(page.url()).toContain('/desk/intake');

    // By keyboard: the channels are one radio group; the complaint book's own fields come and go with it.
    await byTestId(page, 'intake-channel-phone').focus();
    await page.keyboard.press('ArrowRight');
    expect(await byTestId(page, 'intake-channel-complaint_book').isChecked()).toBe(true);
    await byTestId(page, 'intake-store').waitFor();
    await page.keyboard.press('ArrowRight');
    expect(await byTestId(page, 'intake-channel-consultation').isChecked()).toBe(true);
    await byTestId(page, 'intake-kind-video').waitFor();
    expect(await byTestId(page, 'intake-store').count()).toBe(0);
    await byTestId(page, 'intake-channel-phone').check();
    expect(await byTestId(page, 'intake-kind-video').count()).toBe(0);

    // Neither a phone number nor an e-mail address: the server says what is missing, and nothing typed is lost.
    await page.getByLabel('Full name (surname, given name, patronymic)').fill('Rzayeva Günay Elşən qızı');
    await byTestId(page, 'intake-essence').fill(essence);
    await byTestId(page, 'intake-employeeName').fill('Orxan Məmmədov');
    await byTestId(page, 'intake-language').selectOption('az');
    await byTestId(page, 'intake-submit').click();
    expect(await byTestId(page, 'intake-problem').textContent()).toMatch(/phone number or e-mail address/);
    expect(await byTestId(page, 'intake-fullName').inputValue()).toBe('Rzayeva Günay Elşən qızı');
    expect(await byTestId(page, 'intake-essence').inputValue()).toBe(essence);
    await page.screenshot({ path: join(SHOTS, 'intake-refused.png'), fullPage: true });

    // A field the server finds wrong is marked beside the field.
    await byTestId(page, 'intake-email').fill('not an address');
    await byTestId(page, 'intake-submit').click();
    await byTestId(page, 'intake-email-problem').waitFor();
    expect(await byTestId(page, 'intake-email').getAttribute('aria-invalid')).toBe('true');
    await byTestId(page, 'intake-email').fill('');

    await byTestId(page, 'intake-phone').fill('050 555 66 77');
    await byTestId(page, 'intake-submit').dblclick();
    await byTestId(page, 'complaint').waitFor();
    expect(page.url()).toMatch(/\/desk\/complaints\/[0-9a-f-]{36}$/);
    expect(await byTestId(page, 'complaint-channel').getAttribute('data-channel')).toBe('phone');
    expect(await byTestId(page, 'timeline').textContent()).toContain(essence);
    expect(await byTestId(page, 'customer-card').textContent()).toContain('Rzayeva Günay Elşən qızı');
    const reference = (await byTestId(page, 'complaint-reference').textContent()) ?? '';

    // The double click registered one complaint.
    await page.waitForTimeout(1000);
    const found = await staff.as('farid').get('/api/v1/agent/complaints?q=Rzayeva').expect(200);
    expect(found.body.items.map((item: { reference: string }) => item.reference)).toEqual([reference]);

    // The form is empty for the next call.
    await byTestId(page, 'nav-intake').click();
    expect(await byTestId(page, 'intake-essence').inputValue()).toBe('');
  });

  it('registers a complaint-book entry with its store, date and scan from the intake page', async () => {
    const essence = `Mağazada növbə çox uzun idi, kassa işləmirdi ${Date.now()}.`;
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Baku' }).format(new Date());
    const page = await signedIn('leyla', '/desk/intake');
    await byTestId(page, 'intake').waitFor();
    await byTestId(page, 'intake-channel-complaint_book').check();
    await byTestId(page, 'intake-fullName').fill('Babayev Rauf Nadir oğlu');
    await byTestId(page, 'intake-email').fill(`rauf.${Date.now()}@example.az`);
    await byTestId(page, 'intake-essence').fill(essence);
    await byTestId(page, 'intake-store').fill('Gənclik Mall');
    await byTestId(page, 'intake-entryDate').fill(today);
    await byTestId(page, 'intake-scan').setInputFiles({ name: 'kitab-səhifə.png', mimeType: 'image/png', buffer: PNG });
    expect(await byTestId(page, 'intake-scan-attached').textContent()).toContain('kitab-səhifə.png');
    await page.screenshot({ path: join(SHOTS, 'intake-book.png'), fullPage: true });
    await byTestId(page, 'intake-submit').click();

    await byTestId(page, 'complaint').waitFor();
    expect(await byTestId(page, 'complaint-channel').getAttribute('data-channel')).toBe('complaint_book');
    expect(await byTestId(page, 'complaint-channel').textContent()).toBe('complaint book');
    expect(await byTestId(page, 'timeline').textContent()).toContain(essence);
    // The arrival names who took it down.
    expect(await page.locator('[data-kind="step"]').filter({ hasText: 'registered by staff from complaint_book' }).textContent()).toContain('by leyla');
    const detail = await staff.as('farid').get(`/api/v1/agent/complaints/${(await byTestId(page, 'complaint-reference').textContent()) ?? ''}`).expect(200);
    expect(detail.body.channel).toBe('complaint_book');
    expect(detail.body.loggedBy).toBe(staff.id('leyla'));
  });
});
