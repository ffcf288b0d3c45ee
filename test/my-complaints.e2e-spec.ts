/**
 * "My complaints", the customer's own page, in a real headless Chromium against the booted
 * one-process product (embedded SQLite, in-process bus) reading its care mailbox on GreenMail: a
 * customer who complained by e-mail and in the call-me form asks for a link, opens it from the
 * mail, sees both complaints, and answers the agent's request for details, which the agent then
 * reads on the complaint. Screenshots go to test-output/my-complaints/.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { launchChromium } from './support/chromium';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { type RunningPlaint, startPlaint } from '../apps/plaint/src/bootstrap';
import { freePort } from './support/free-port';
import { greenMail } from './support/greenmail';
import { readInbox } from './support/mailbox';
import { sendMail } from './support/mail-sender';
import { embeddedEnv } from './support/plaint-services';
import { Staff } from './support/staff';
import { waitFor } from './support/wait-for';

const SHOTS = join(__dirname, '..', 'test-output', 'my-complaints');
/** Mail in and out and the pipeline are asynchronous: allow them a while. */
const PIPELINE_MS = 45_000;

jest.setTimeout(240_000);

describe('my complaints (browser)', () => {
  const mail = greenMail();
  const care = `care-${randomUUID().slice(0, 8)}@plaint.test`;
  const aysel = { name: 'Aysel Məmmədova', address: `aysel-${randomUUID().slice(0, 8)}@example.az` };
  let plaint: RunningPlaint;
  let staff: Staff;
  let browser: Browser;
  let dataDir: string;
  const contexts: BrowserContext[] = [];
  const pageErrors: string[] = [];
  const cspViolations: string[] = [];

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    dataDir = mkdtempSync(join(tmpdir(), 'plaint-e2e-my-complaints-'));
    const port = await freePort();
    plaint = await startPlaint({
      env: embeddedEnv(dataDir, {
        PORT: String(port),
        PLAINT_METRICS_PORT: '0',
        PLAINT_IMAP_URL: `imap://${encodeURIComponent(care)}:x@${mail.host}:${mail.imapPort}/INBOX`,
        PLAINT_IMAP_SWEEP_MS: '500',
        PLAINT_SMTP_URL: `smtp://${mail.host}:${mail.smtpPort}`,
        PLAINT_MAIL_FROM: `Care <${care}>`,
        // The link in the mail opens this very server's page.
        PLAINT_CUSTOMER_PAGE_URL: `http://127.0.0.1:${port}/my-complaints.html`,
      }),
    });
    staff = await Staff.hire(plaint, [['leyla', 'agent']]);
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

  async function open(url: string, viewport = { width: 1280, height: 900 }): Promise<Page> {
    const context = await browser.newContext({ viewport, locale: 'az-AZ' }); // the page follows the browser's language
    contexts.push(context);
    return openIn(context, url);
  }

  /** A new tab of the same browser profile (the same cookies), as a mail client opens a link. */
  async function openIn(context: BrowserContext, url: string): Promise<Page> {
    const page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error' && /Content Security Policy|CSP violation/i.test(message.text())) cspViolations.push(message.text());
    });
    await page.addInitScript(`document.addEventListener('securitypolicyviolation', (event) =>
      console.error('CSP violation: ' + event.violatedDirective + ' blocked ' + (event.blockedURI || 'inline')));`);
    await page.goto(url);
    await page.waitForSelector('html.mc-ready');
    return page;
  }

  const byTestId = (scope: Page | Locator, id: string): Locator => scope.locator(`[data-testid="${id}"]`);
  const complaintCard = (page: Page, reference: string) => page.locator(`[data-testid="complaint"][data-reference="${reference}"]`);
  const referenceOf = async (where: string, parameters: unknown[]) =>
    (
      await waitFor(() => plaint.app.get(DataSource).query<{ reference: string }[]>(`SELECT reference FROM complaints WHERE ${where}`, parameters), (rows) => rows.length === 1, {
        what: 'the complaint',
        timeoutMs: PIPELINE_MS,
      })
    )[0]?.reference ?? '';

  it('lets a customer sign in with a mailed link, see their complaints from e-mail and the form, and answer a request for details', async () => {
    // Aysel complains by e-mail, then leaves the same address in the call-me form.
    await sendMail(mail, {
      from: aysel,
      to: { name: 'Care', address: care },
      subject: 'Paltaryuyan maşın işləmir',
      text: 'Salam. Keçən həftə aldığım paltaryuyan maşın iki gündən sonra işləmədi. Zəhmət olmasa, dəyişdirin.',
    });
    const byMail = await referenceOf("channel = 'email' AND email = ?", [aysel.address]);
    await request(plaint.url)
      .post('/api/v1/callback-requests')
      .send({ fullName: aysel.name, email: aysel.address, message: 'Zəng gözləyirəm: kuryer maşını qırıq gətirdi.', language: 'az' })
      .expect(202);
    const byForm = await referenceOf("channel = 'web_form' AND email = ?", [aysel.address]);

    // The agent asks her for the receipt on the e-mail complaint.
    await staff.as('leyla').post(`/api/v1/agent/complaints/${byMail}/accept`).expect(200);
    await staff.as('leyla').post(`/api/v1/agent/complaints/${byMail}/request-details`, { what: ['qəbzin şəkli'] }).expect(200);

    // On the page, signed out: she asks for a link by her address.
    const asking = await open(`${plaint.url}/my-complaints.html`);
    await byTestId(asking, 'sign-in').waitFor({ state: 'visible' });
    await byTestId(asking, 'sign-in-contact').fill(aysel.address);
    await byTestId(asking, 'sign-in-submit').click();
    await byTestId(asking, 'sign-in-sent').waitFor({ state: 'visible' });
    expect(await byTestId(asking, 'sign-in-sent').textContent()).toContain('Bu əlaqə məlumatı bizdə varsa, keçid artıq yoldadır.');

    // The link arrives in her mailbox and opens the page.
    const [linkMail] = await waitFor(
      async () => (await readInbox(mail, aysel.address)).filter((m) => m.text?.includes('#token=')),
      (found) => found.length === 1,
      { what: 'the sign-in mail', timeoutMs: PIPELINE_MS, intervalMs: 250 },
    );
    expect(linkMail?.subject).toBe('Şikayətlərinizə baxmaq üçün daxil olun');
    const link = /http:\/\/\S+#token=[A-Za-z0-9_-]+/.exec(linkMail?.text ?? '')?.[0] ?? '';
    const page = await openIn(asking.context(), link);
    // The token leaves the address bar (and the history) at once.
    expect(page.url()).toBe(`${plaint.url}/my-complaints.html`);

    const list = byTestId(page, 'complaint-list');
    await list.waitFor({ state: 'visible' });
    // What waits for her answer comes first, then the newest.
    const order = async () => Promise.all((await byTestId(page, 'complaint').all()).map((card) => card.getAttribute('data-reference')));
    expect(await order()).toEqual([byMail, byForm]);
    const mailed = complaintCard(page, byMail);
    expect(await byTestId(mailed, 'complaint-status').textContent()).toBe('Sizin cavabınızı gözləyir');
    expect(await byTestId(mailed, 'complaint-channel').textContent()).toBe('E-poçt');
    expect(await byTestId(mailed, 'complaint-waiting-for').textContent()).toContain('qəbzin şəkli');
    expect(await byTestId(complaintCard(page, byForm), 'complaint-channel').textContent()).toBe('Saytdakı "Mənə zəng edin" forması');
    expect(await byTestId(complaintCard(page, byForm), 'complaint-next').getAttribute('data-kind')).toBe('accept');
    expect(await byTestId(mailed, 'history-step-name').allTextContents()).toEqual(['Şikayət daxil olub', 'Şikayət qəbul edilib', 'Sizdən əlavə məlumat istədik']);
    expect(await byTestId(page, 'session-who').textContent()).toMatch(/^a•••@example\.az ilə daxil olmusunuz, .+ qədər$/);
    await page.screenshot({ path: join(SHOTS, 'my-complaints.png'), fullPage: true });

    // She answers the request on the page.
    await byTestId(mailed, 'write-text').fill('Qəbzin şəklini e-poçtla göndərmişəm; nömrəsi 4471-2209.');
    await byTestId(mailed, 'write-submit').click();
    await byTestId(page, 'notice').waitFor({ state: 'visible' });
    expect(await byTestId(page, 'notice').textContent()).toBe(`${byMail} şikayətinə mesajınızı aldıq.`);
    expect(await byTestId(complaintCard(page, byMail), 'history-message-text').textContent()).toBe('Qəbzin şəklini e-poçtla göndərmişəm; nömrəsi 4471-2209.');

    // The agent sees her answer on the complaint, whose review goes on.
    const detail = await waitFor(
      async () => (await staff.as('leyla').get(`/api/v1/agent/complaints/${byMail}`).expect(200)).body as { state: string; messages: { channel: string; text: string }[] },
      (complaint) => complaint.state === 'in_review',
      { what: 'her answer on the complaint', timeoutMs: PIPELINE_MS },
    );
    expect(detail.messages.filter((m) => m.channel === 'customer_page').map((m) => m.text)).toEqual(['Qəbzin şəklini e-poçtla göndərmişəm; nömrəsi 4471-2209.']);
    // The page catches up by itself: the complaint is under review again, and asks for nothing.
    await waitFor(
      () => byTestId(complaintCard(page, byMail), 'complaint-status').textContent(),
      (text) => text === 'Baxılır',
      { what: 'the page to show the review again', timeoutMs: 15_000, intervalMs: 250 },
    );
    expect(await byTestId(complaintCard(page, byMail), 'complaint-waiting-for').count()).toBe(0);
    expect(await order()).toEqual([byForm, byMail]);

    // In English and at a phone's width.
    await byTestId(page, 'lang-en').click();
    expect(await byTestId(page, 'page-title').textContent()).toBe('My complaints');
    expect(await byTestId(complaintCard(page, byMail), 'complaint-status').textContent()).toBe('Under review');
    await page.setViewportSize({ width: 375, height: 812 });
    expect(Number(await page.evaluate('document.documentElement.scrollWidth - window.innerWidth'))).toBeLessThanOrEqual(0);
    await page.screenshot({ path: join(SHOTS, 'my-complaints-phone.png'), fullPage: true });

    // Signing out ends the session: a reload shows the sign-in form again.
    await byTestId(page, 'sign-out').click();
    await byTestId(page, 'sign-in').waitFor({ state: 'visible' });
    expect(await byTestId(page, 'notice').textContent()).toBe('You have signed out. Ask for a new link to open the page again.');
    await page.reload();
    await page.waitForSelector('html.mc-ready');
    expect(await byTestId(page, 'sign-in').isVisible()).toBe(true);
    expect(await byTestId(page, 'complaint').count()).toBe(0);

    // The same link a second time opens nothing, and says so (pasted into the tab that shows the page).
    await page.goto(link);
    const refused = 'This link does not work any more: it opens the page once, for a short while. Ask for a new one.';
    expect(await waitFor(() => byTestId(page, 'notice').textContent(), (text) => text === refused, { what: 'the refusal of the used link' })).toBe(refused);
    expect(await byTestId(page, 'sign-in').isVisible()).toBe(true);
    expect(await byTestId(page, 'complaint').count()).toBe(0);
    await page.screenshot({ path: join(SHOTS, 'my-complaints-link-used-phone.png'), fullPage: true });
  });
});
