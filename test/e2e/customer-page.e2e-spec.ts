/**
 * The customer page at `/`, driven in a real headless Chromium against the booted product
 * (embedded SQLite + in-process bus). Assertions are about what a customer sees.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, type BrowserContext, type Locator, type Page, type Request } from 'playwright-core';
import { launchChromium } from '../support/chromium';
import { io } from 'socket.io-client';
import { startPlaint } from '../../apps/plaint/src/bootstrap';
import { embeddedEnv } from '../support/plaint-services';

const REFERENCE = /[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}/;
const CALLBACK_API = '/api/v1/callback-requests';
/** The pipeline (bus → core → notifier → chat) is asynchronous: allow it a while. */
const PIPELINE_MS = 30_000;

jest.setTimeout(180_000);

describe('customer page (browser)', () => {
  let plaint: { url: string; close(): Promise<void> };
  let browser: Browser;
  let dataDir: string;
  const contexts: BrowserContext[] = [];
  const pageErrors: string[] = [];
  const cspViolations: string[] = [];

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'plaint-e2e-page-'));
    plaint = await startPlaint({
      env: embeddedEnv(dataDir, {
        // The lookup test polls until core has registered the complaint.
        PLAINT_STATUS_LOOKUPS_PER_MINUTE: '1000',
      }),
    });
    browser = await launchChromium();
  });

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await plaint?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  afterEach(() => {
    // A script error on the page is a failure even when the assertions happened to pass, and
    // so is anything the Content-Security-Policy blocked (an inline script, style or handler).
    const errors = pageErrors.splice(0);
    expect(errors).toEqual([]);
    const blocked = cspViolations.splice(0);
    expect(blocked).toEqual([]);
  });

  /** A fresh browser profile (empty localStorage) of an Azerbaijani-speaking customer on the page. */
  async function openPage(viewport = { width: 1280, height: 900 }): Promise<Page> {
    const context = await browser.newContext({ viewport, locale: 'az-AZ' });
    contexts.push(context);
    return openIn(context);
  }

  async function openIn(context: BrowserContext): Promise<Page> {
    const page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error' && /Content Security Policy|CSP violation/i.test(message.text())) cspViolations.push(message.text());
    });
    await page.addInitScript(`document.addEventListener('securitypolicyviolation', (event) =>
      console.error('CSP violation: ' + event.violatedDirective + ' blocked ' + (event.blockedURI || 'inline') + ' in ' + event.sourceFile + ':' + event.lineNumber));`);
    await page.goto(`${plaint.url}/`);
    await page.waitForSelector('html.js-ready');
    return page;
  }

  const byTestId = (page: Page, id: string): Locator => page.locator(`[data-testid="${id}"]`);

  async function waitForText(locator: Locator, pattern: RegExp, timeout = 10_000): Promise<string> {
    const deadline = Date.now() + timeout;
    let last = '';
    while (Date.now() < deadline) {
      last = ((await locator.count()) > 0 ? await locator.first().textContent() : '') ?? '';
      if (pattern.test(last)) return last;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`expected text ${pattern} but saw "${last}"`);
  }

  function recordCallbackPosts(page: Page): Request[] {
    const posts: Request[] = [];
    page.on('request', (request) => {
      if (request.method() === 'POST' && new URL(request.url()).pathname === CALLBACK_API) posts.push(request);
    });
    return posts;
  }

  async function fillCallbackForm(page: Page, values: { fullName?: string; phone?: string; email?: string; message?: string }) {
    if (values.fullName !== undefined) await byTestId(page, 'cb-fullName').fill(values.fullName);
    if (values.phone !== undefined) await byTestId(page, 'cb-phone').fill(values.phone);
    if (values.email !== undefined) await byTestId(page, 'cb-email').fill(values.email);
    if (values.message !== undefined) await byTestId(page, 'cb-message').fill(values.message);
  }

  /** Submits a valid call-back request and returns the reference the page shows. */
  async function submitCallback(page: Page, email: string): Promise<string> {
    await fillCallbackForm(page, {
      fullName: 'Məmmədova Aysel Rauf qızı',
      email,
      message: 'Aldığım paltaryuyan maşın iki gündən sonra işləmədi.',
    });
    await byTestId(page, 'cb-submit').click();
    await byTestId(page, 'cb-success').waitFor({ state: 'visible', timeout: 15_000 });
    return waitForText(byTestId(page, 'cb-reference'), REFERENCE);
  }

  async function openChat(page: Page): Promise<void> {
    if (!(await byTestId(page, 'chat-panel').isVisible())) await byTestId(page, 'chat-open').click();
    await byTestId(page, 'chat-panel').waitFor({ state: 'visible' });
  }

  async function startChat(page: Page, email: string): Promise<void> {
    await openChat(page);
    await byTestId(page, 'chat-fullName').fill('Quliyev Rəşad Elçin oğlu');
    await byTestId(page, 'chat-email').fill(email);
    await byTestId(page, 'chat-start-submit').click();
    await byTestId(page, 'chat-input').waitFor({ state: 'visible', timeout: 15_000 });
  }

  async function sendChat(page: Page, text: string): Promise<void> {
    await byTestId(page, 'chat-input').fill(text);
    await byTestId(page, 'chat-send').click();
  }

  const customerLines = (page: Page, text: string) =>
    page.locator('[data-testid="chat-line"][data-from="customer"]').filter({ hasText: text });
  const plaintLines = (page: Page) => page.locator('[data-testid="chat-line"][data-from="plaint"]');

  async function lineIds(page: Page): Promise<string[]> {
    const lines = await page.locator('[data-testid="chat-line"][data-state="sent"]').all();
    return Promise.all(lines.map(async (line) => (await line.getAttribute('data-line-id')) ?? ''));
  }

  /** Waits until a button is usable again (the page disables it while a request is out). */
  async function waitEnabled(locator: Locator, timeout = 15_000): Promise<void> {
    const deadline = Date.now() + timeout;
    while (!(await locator.isEnabled())) {
      if (Date.now() > deadline) throw new Error('the button stayed disabled');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /** Waits until the transcript has settled: the same line ids for `quietMs`. */
  async function settledLineIds(page: Page, quietMs = 1500): Promise<string[]> {
    let ids = await lineIds(page);
    let since = Date.now();
    while (Date.now() - since < quietMs) {
      await page.waitForTimeout(250);
      const next = await lineIds(page);
      if (next.join() !== ids.join()) {
        ids = next;
        since = Date.now();
      }
    }
    return ids;
  }

  // ------------------------------------------------------------------ language

  it('speaks Azerbaijani to an Azerbaijani browser and switches to Russian (and remembers it)', async () => {
    const page = await openPage();
    expect(await page.getAttribute('html', 'lang')).toBe('az');
    expect(await byTestId(page, 'page-title').textContent()).toBe('Bizə nəyin səhv getdiyini bildirin');
    expect(await page.locator('label[for="cb-fullName"]').textContent()).toContain('Tam adınız');
    expect(await byTestId(page, 'lang-az').getAttribute('aria-pressed')).toBe('true');

    await byTestId(page, 'lang-ru').click();
    expect(await page.getAttribute('html', 'lang')).toBe('ru');
    expect(await byTestId(page, 'lang-ru').getAttribute('aria-pressed')).toBe('true');
    expect(await byTestId(page, 'page-title').textContent()).toBe('Расскажите нам, что пошло не так');
    expect(await page.locator('label[for="cb-fullName"]').textContent()).toContain('ФИО');
    expect(await page.locator('label[for="cb-message"]').textContent()).toContain('Что случилось?');
    expect(await byTestId(page, 'cb-submit').textContent()).toContain('Отправить заявку');
    expect(await byTestId(page, 'status-submit').textContent()).toContain('Проверить статус');
    expect(await byTestId(page, 'chat-open').textContent()).toContain('Онлайн-чат');
    expect(await page.title()).toContain('Служба поддержки');

    await page.reload();
    await page.waitForSelector('html.js-ready');
    expect(await page.locator('label[for="cb-fullName"]').textContent()).toContain('ФИО');

    await byTestId(page, 'lang-en').click();
    expect(await page.locator('label[for="cb-fullName"]').textContent()).toContain('Full name');
  });

  // ------------------------------------------------------------------ call me back

  it('call-me-back form: a valid request shows the reference once, even on a double click', async () => {
    const page = await openPage();
    const posts = recordCallbackPosts(page);
    await fillCallbackForm(page, {
      fullName: 'Həsənov Orxan Tofiq oğlu',
      phone: '050 123 45 67',
      message: 'Mağazada satıcı qəbzi vermədi.',
    });
    await byTestId(page, 'cb-submit').dblclick();
    await byTestId(page, 'cb-success').waitFor({ state: 'visible', timeout: 15_000 });

    const reference = await waitForText(byTestId(page, 'cb-reference'), REFERENCE);
    expect(reference).toMatch(new RegExp(`^${REFERENCE.source}$`));
    expect(await byTestId(page, 'cb-success').textContent()).toContain('Şikayətinizin istinad nömrəsi:');
    // when the call comes at the latest, and when the complaint is accepted, in Baku's days
    const azDay = /\d{1,2} (yanvar|fevral|mart|aprel|may|iyun|iyul|avqust|sentyabr|oktyabr|noyabr|dekabr) \d{4}, \S+/;
    expect(await byTestId(page, 'cb-call-note').textContent()).toMatch(
      new RegExp(`^Sizə 050 123 45 67 nömrəsinə zəng edəcəyik\\. Ən gec zəng tarixi: ${azDay.source}`),
    );
    expect(await byTestId(page, 'cb-accept-note').textContent()).toMatch(new RegExp(`^Ən gec qəbul tarixi: ${azDay.source}`));
    expect(await byTestId(page, 'cb-copy').isVisible()).toBe(true);

    // one submission, one request, with an idempotency key
    expect(posts).toHaveLength(1);
    const headers = await posts[0]!.allHeaders();
    expect(headers['idempotency-key']).toMatch(/^[0-9a-f-]{36}$/);
    expect(JSON.parse(posts[0]!.postData() ?? '{}')).toMatchObject({
      fullName: 'Həsənov Orxan Tofiq oğlu',
      phone: '0501234567',
      language: 'az',
    });
  });

  it('call-me-back form: when answers are lost the same Idempotency-Key is reused and one complaint results', async () => {
    const page = await openPage();
    await byTestId(page, 'lang-en').click();
    const keys: string[] = [];
    const referencesFromServer: string[] = [];
    // The first three requests reach the server, but the page never sees the answer.
    await page.route(`**${CALLBACK_API}`, async (route) => {
      keys.push((await route.request().allHeaders())['idempotency-key'] ?? '');
      if (keys.length <= 3) {
        const response = await route.fetch();
        referencesFromServer.push(((await response.json()) as { reference: string }).reference);
        await route.abort('connectionreset');
      } else {
        await route.continue();
      }
    });
    await fillCallbackForm(page, {
      fullName: 'Babayev Elvin',
      email: `elvin.${Date.now()}@example.az`,
      message: 'The warranty repair took two months.',
    });
    await byTestId(page, 'cb-submit').click();

    // the page retried by itself, then gave up and says so, keeping the form
    expect(await waitForText(byTestId(page, 'cb-error'), /No connection/, 20_000)).toContain('will not be duplicated');
    expect(keys).toHaveLength(3);
    expect(await byTestId(page, 'cb-message').inputValue()).toBe('The warranty repair took two months.');

    // the customer presses the button again: same key, so the same complaint
    await byTestId(page, 'cb-submit').click();
    await byTestId(page, 'cb-success').waitFor({ state: 'visible', timeout: 15_000 });
    const shown = await waitForText(byTestId(page, 'cb-reference'), REFERENCE);
    expect(keys).toHaveLength(4);
    expect(new Set(keys).size).toBe(1);
    expect(new Set([...referencesFromServer, shown])).toEqual(new Set([shown]));
  });

  it('call-me-back form: without a phone or an e-mail it says so next to the contact fields and sends nothing', async () => {
    const page = await openPage();
    const posts = recordCallbackPosts(page);
    await fillCallbackForm(page, { fullName: 'Əliyev Kamran', message: 'Zəmanət xidməti cavab vermir.' });
    await byTestId(page, 'cb-submit').click();

    const contactError = byTestId(page, 'cb-contact-error');
    await contactError.waitFor({ state: 'visible' });
    expect(await contactError.textContent()).toContain('telefon nömrəsi və ya e-poçt ünvanı');
    expect(await byTestId(page, 'cb-email').getAttribute('aria-invalid')).toBe('true');
    expect(await byTestId(page, 'cb-success').isVisible()).toBe(false);
    expect(await byTestId(page, 'cb-message').inputValue()).toBe('Zəmanət xidməti cavab vermir.');
    await page.waitForTimeout(500);
    expect(posts).toHaveLength(0);

    // typing a contact clears the message
    await byTestId(page, 'cb-email').fill('kamran@example.az');
    expect(await contactError.isVisible()).toBe(false);
  });

  it("call-me-back form: the server's field problems are shown next to the field and the form stays filled", async () => {
    const page = await openPage();
    await byTestId(page, 'lang-en').click();
    const posts = recordCallbackPosts(page);
    // plausible to the page (8 digits), but no country has code 0: only the server can tell
    await fillCallbackForm(page, { fullName: 'Rzayeva Nigar', phone: '+0 000 0000', message: 'The courier was rude.' });
    await byTestId(page, 'cb-submit').click();

    const phoneError = byTestId(page, 'cb-phone-error');
    await phoneError.waitFor({ state: 'visible', timeout: 15_000 });
    expect((await phoneError.textContent())?.trim()).not.toBe('');
    expect(await byTestId(page, 'cb-phone').getAttribute('aria-invalid')).toBe('true');
    expect(await byTestId(page, 'cb-error').textContent()).toContain('Please correct the marked fields.');
    expect(await byTestId(page, 'cb-message').inputValue()).toBe('The courier was rude.');
    expect(await byTestId(page, 'cb-success').isVisible()).toBe(false);
    expect(await byTestId(page, 'cb-submit').isEnabled()).toBe(true);
    expect(posts).toHaveLength(1);
  });

  // ------------------------------------------------------------------ status lookup

  it('status lookup: the reference and the e-mail show the status; a wrong contact shows "not found"', async () => {
    const page = await openPage();
    const email = `aysel.${Date.now()}@example.az`;
    const reference = await submitCallback(page, email);

    await byTestId(page, 'status-reference').fill(reference.toLowerCase());
    await byTestId(page, 'status-contact').fill(email);
    // Core registers the complaint asynchronously; a customer would simply ask again.
    const result = byTestId(page, 'status-result');
    const deadline = Date.now() + PIPELINE_MS;
    while (!(await result.isVisible())) {
      if (Date.now() > deadline) throw new Error(`no status for ${reference}: ${await byTestId(page, 'status-error').textContent()}`);
      await byTestId(page, 'status-submit').click();
      await waitEnabled(byTestId(page, 'status-submit'));
      if (!(await result.isVisible())) await page.waitForTimeout(500);
    }
    expect(await byTestId(page, 'status-result-reference').textContent()).toBe(reference);
    expect((await byTestId(page, 'status-value').textContent())?.trim()).not.toBe('');
    expect(await byTestId(page, 'status-channel').textContent()).toBe('Saytdakı forma');
    // dates in Azerbaijani, in Baku time
    const azDate = /\d{1,2} (yanvar|fevral|mart|aprel|may|iyun|iyul|avqust|sentyabr|oktyabr|noyabr|dekabr) \d{4}/;
    expect(await byTestId(page, 'status-received-at').textContent()).toMatch(azDate);
    // a new complaint: the next date is its acceptance
    expect(await byTestId(page, 'status-next').getAttribute('data-kind')).toBe('accept');
    expect(await byTestId(page, 'status-next').textContent()).toMatch(azDate);
    expect(await page.locator('[data-testid="status-step"][data-step="complaint.received"]').count()).toBe(1);

    // switching the language re-renders the result
    await byTestId(page, 'lang-en').click();
    expect(await byTestId(page, 'status-channel').textContent()).toBe('Website form');
    expect(await byTestId(page, 'status-next').textContent()).toMatch(
      /(January|February|March|April|May|June|July|August|September|October|November|December)/,
    );

    const notFound = 'No complaint found for this reference and contact.';
    await byTestId(page, 'status-contact').fill('someone.else@example.az');
    await byTestId(page, 'status-submit').click();
    expect(await waitForText(byTestId(page, 'status-error'), /No complaint found/)).toBe(notFound);
    expect(await result.isVisible()).toBe(false);

    // an unknown reference gives exactly the same answer
    await byTestId(page, 'status-reference').fill('ZZZZ-ZZZZ-ZZZZ');
    await byTestId(page, 'status-contact').fill(email);
    await byTestId(page, 'status-submit').click();
    await waitEnabled(byTestId(page, 'status-submit'));
    expect(await waitForText(byTestId(page, 'status-error'), /No complaint found/)).toBe(notFound);
  });

  // ------------------------------------------------------------------ live chat

  it('chat: a complaint is acknowledged with a reference; after a reload the transcript is there, once', async () => {
    const page = await openPage();
    const text = `Kondisioner quraşdırılmadı, usta gəlmədi (${Date.now()}).`;
    await startChat(page, `resad.${Date.now()}@example.az`);
    await sendChat(page, text);

    const own = customerLines(page, text);
    await own.first().waitFor({ state: 'visible' });
    await page.locator('[data-testid="chat-line"][data-from="customer"][data-state="sent"]').filter({ hasText: text }).waitFor({ timeout: PIPELINE_MS });
    const ack = await waitForText(plaintLines(page), REFERENCE, PIPELINE_MS);
    expect(ack).toMatch(REFERENCE);
    const before = await settledLineIds(page);
    expect(new Set(before).size).toBe(before.length);
    expect(await own.count()).toBe(1);

    await page.reload();
    await page.waitForSelector('html.js-ready');
    await openChat(page);
    await waitForText(plaintLines(page), REFERENCE, 15_000);
    const after = await settledLineIds(page);
    expect(new Set(after).size).toBe(after.length);
    expect([...after].sort()).toEqual([...before].sort());
    expect(await customerLines(page, text).count()).toBe(1);
    expect(await byTestId(page, 'chat-start-form').isVisible()).toBe(false);
    // server text is shown as text
    expect(await page.locator('[data-testid="chat-log"] script, [data-testid="chat-log"] img').count()).toBe(0);
  });

  it('chat: messages typed while offline are delivered exactly once after reconnecting or reopening the page', async () => {
    const page = await openPage();
    const context = page.context();
    const stamp = Date.now();
    await startChat(page, `offline.${stamp}@example.az`);
    const first = `Sifarişim gecikir (${stamp}).`;
    await sendChat(page, first);
    await waitForText(plaintLines(page), REFERENCE, PIPELINE_MS);

    // 1. The connection drops; the customer keeps typing; the network comes back.
    await context.setOffline(true);
    await page.locator('[data-testid="chat-status"][data-state="offline"]').waitFor();
    const second = `Kuryer zəng etmədi (${stamp}).`;
    await sendChat(page, second);
    const pending = customerLines(page, second);
    await pending.waitFor();
    expect(await pending.getAttribute('data-state')).toBe('pending');
    expect(await pending.locator('[data-testid="chat-line-state"]').textContent()).toContain('Bağlantı gözlənilir');
    await page.waitForTimeout(1500);
    expect(await customerLines(page, second).getAttribute('data-state')).toBe('pending');

    await context.setOffline(false);
    await page
      .locator('[data-testid="chat-line"][data-from="customer"][data-state="sent"]')
      .filter({ hasText: second })
      .waitFor({ timeout: PIPELINE_MS });
    await settledLineIds(page);
    expect(await customerLines(page, second).count()).toBe(1);

    // 2. Offline again, a message is typed and the page is closed before it could go out.
    await context.setOffline(true);
    await page.locator('[data-testid="chat-status"][data-state="offline"]').waitFor();
    const third = `Pulu qaytarın, zəhmət olmasa (${stamp}).`;
    await sendChat(page, third);
    await customerLines(page, third).waitFor();
    expect(await customerLines(page, third).getAttribute('data-state')).toBe('pending');
    await page.close();
    await context.setOffline(false);

    const reopened = await openIn(context);
    await openChat(reopened);
    await reopened
      .locator('[data-testid="chat-line"][data-from="customer"][data-state="sent"]')
      .filter({ hasText: third })
      .waitFor({ timeout: PIPELINE_MS });
    const ids = await settledLineIds(reopened);
    expect(new Set(ids).size).toBe(ids.length);
    for (const text of [first, second, third]) expect(await customerLines(reopened, text).count()).toBe(1);
    expect(await reopened.locator('[data-testid="chat-line"][data-state="pending"]').count()).toBe(0);

    // and the server agrees: a fresh load replays each message once
    await reopened.reload();
    await reopened.waitForSelector('html.js-ready');
    await openChat(reopened);
    await customerLines(reopened, third).waitFor({ timeout: 15_000 });
    await settledLineIds(reopened);
    for (const text of [first, second, third]) expect(await customerLines(reopened, text).count()).toBe(1);
  });

  it('chat: a message the server took but whose acknowledgement was lost is resent with the same id and shown once', async () => {
    const page = await openPage();
    const context = page.context();
    const stamp = Date.now();
    await startChat(page, `lost.ack.${stamp}@example.az`);
    await sendChat(page, `Televizorun pultu yoxdur (${stamp}).`);
    await waitForText(plaintLines(page), REFERENCE, PIPELINE_MS);

    await context.setOffline(true);
    await page.locator('[data-testid="chat-status"][data-state="offline"]').waitFor();
    const text = `Qutu açılmışdı (${stamp}).`;
    await sendChat(page, text);
    await customerLines(page, text).waitFor();
    const stored = JSON.parse(String(await page.evaluate("localStorage.getItem('plaint.chat.v1')"))) as {
      conversationId: string;
      outbox: { clientMessageId: string; text: string }[];
    };
    expect(stored.outbox.map((m) => m.text)).toEqual([text]);

    // The first delivery reaches the server, but its ack never reaches this page.
    const socket = io(`${plaint.url}/chat`, { transports: ['websocket'], forceNew: true, reconnection: false });
    try {
      await new Promise<void>((resolve, reject) => {
        socket.once('connect', () => resolve());
        socket.once('connect_error', reject);
      });
      expect(await socket.timeout(10_000).emitWithAck('chat:resume', { conversationId: stored.conversationId })).toEqual({ ok: true });
      const first = await socket
        .timeout(10_000)
        .emitWithAck('chat:message', { clientMessageId: stored.outbox[0]!.clientMessageId, text });
      expect(first).toMatchObject({ ok: true });
    } finally {
      socket.close();
    }

    await context.setOffline(false);
    await page
      .locator('[data-testid="chat-line"][data-from="customer"][data-state="sent"]')
      .filter({ hasText: text })
      .waitFor({ timeout: PIPELINE_MS });
    await settledLineIds(page);
    expect(await customerLines(page, text).count()).toBe(1);
    expect(await page.locator('[data-testid="chat-line"][data-state="pending"]').count()).toBe(0);
    expect(await page.evaluate("JSON.parse(localStorage.getItem('plaint.chat.v1')).outbox.length")).toBe(0);

    await page.reload();
    await page.waitForSelector('html.js-ready');
    await openChat(page);
    await customerLines(page, text).waitFor({ timeout: 15_000 });
    const ids = await settledLineIds(page);
    expect(new Set(ids).size).toBe(ids.length);
    expect(await customerLines(page, text).count()).toBe(1);
  });

  it('works on a phone-sized screen: no horizontal scrolling, the chat fills the screen', async () => {
    const page = await openPage({ width: 375, height: 740 });
    const overflow = Number(await page.evaluate('document.documentElement.scrollWidth - window.innerWidth'));
    expect(overflow).toBeLessThanOrEqual(0);
    await openChat(page);
    const box = await byTestId(page, 'chat-panel').boundingBox();
    expect(box?.width).toBeGreaterThanOrEqual(370);
    expect(await byTestId(page, 'chat-fullName').isVisible()).toBe(true);
    await byTestId(page, 'chat-close').click();
    expect(await byTestId(page, 'chat-panel').isVisible()).toBe(false);
    expect(await byTestId(page, 'chat-open').isVisible()).toBe(true);
  });

  it('runs under a strict Content-Security-Policy: its scripts and styles load, nothing is blocked', async () => {
    const context = await browser.newContext();
    contexts.push(context);
    const page = await context.newPage();
    page.on('console', (message) => {
      if (message.type() === 'error') cspViolations.push(message.text());
    });
    const response = await page.goto(`${plaint.url}/`);
    const csp = (await response?.headerValue('content-security-policy')) ?? '';
    expect(csp).toMatch(/script-src 'self'(;|$)/);
    expect(csp).toMatch(/style-src 'self'(;|$)/);
    await page.waitForSelector('html.js-ready');
    // styles.css applied: the chat launcher is a fixed button, not in the page's flow.
    expect(await page.evaluate(`getComputedStyle(document.querySelector('[data-testid="chat-open"]')).position`)).toBe('fixed');
    // An inline script would be refused: the policy is really enforced.
    await page.evaluate(`(() => {
      const script = document.createElement('script');
      script.textContent = 'window.inlineRan = true';
      document.body.append(script);
    })()`);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const inlineRan = await page.evaluate('window.inlineRan === true');
    expect(inlineRan).toBe(false);
    expect(cspViolations.splice(0).some((text) => /Content Security Policy/.test(text))).toBe(true);
  });
});
