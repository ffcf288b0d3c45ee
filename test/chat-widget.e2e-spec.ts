/**
 * The chat widget on other sites, in real Chromium against the booted product (embedded SQLite,
 * in-process bus). A retailer's page on its own origin, under its own strict CSP and with a
 * stylesheet that hides iframes and anything named like a chat, embeds widget.js with data
 * attributes; a customer complains through it on a desktop and on a phone, and finds the
 * transcript after a reload. A site that PLAINT_WIDGET_ALLOWED_ORIGINS does not name gets no
 * chat. Screenshots go to test-output/chat-widget/.
 */
import './support/symbol-dispose';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, type BrowserContext, type Frame, type Locator, type Page } from 'playwright-core';
import { launchChromium } from './support/chromium';
import { type RunningPlaint, startPlaint } from '../apps/plaint/src/bootstrap';
import { embeddedEnv } from './support/plaint-services';
import { waitFor } from './support/wait-for';

const REFERENCE = /[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}/;
/** The pipeline (bus → core → notifier → chat) is asynchronous: allow it a while. */
const PIPELINE_MS = 30_000;
const SHOTS = join(__dirname, '..', 'test-output', 'chat-widget');
const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 375, height: 740 };
/** The colour the retailer asks for, and how the browser reports it. */
const SHOP_COLOUR = { attribute: '#c2185b', computed: 'rgb(194, 24, 91)' };
const PLAINT_COLOUR = 'rgb(11, 92, 173)';
const GREETING = 'Salam! Sifarişinizlə bağlı problem var? Bizə yazın.';

jest.setTimeout(180_000);

/** A website of its own: an HTTP server on a port of its own, i.e. another origin than Plaint's. */
class Site {
  private constructor(
    private readonly server: Server,
    readonly origin: string,
    readonly pages: Map<string, { html: string; headers?: Record<string, string> }>,
    readonly files: Map<string, { body: string; type: string }>,
  ) {}

  static async start(): Promise<Site> {
    const pages: Site['pages'] = new Map();
    const files: Site['files'] = new Map();
    const server = createServer((request, response) => {
      const path = new URL(request.url ?? '/', 'http://x').pathname;
      const page = pages.get(path);
      const file = files.get(path);
      if (page) response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', ...page.headers }).end(page.html);
      else if (file) response.writeHead(200, { 'Content-Type': file.type }).end(file.body);
      else response.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return new Site(server, `http://localhost:${(server.address() as AddressInfo).port}`, pages, files);
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

/**
 * What a careless or hostile stylesheet does to anything embedded: every iframe hidden, anything
 * named like a chat or like us hidden, every top-level element turned, blurred and made static.
 */
const HOSTILE_CSS = `
* { color: red !important; font-family: serif !important; box-sizing: content-box !important; }
iframe { display: none !important; }
plaint-chat-widget, [class*="chat"], [id*="chat"], [class*="widget"] { display: none !important; opacity: 0 !important; width: 0 !important; }
html > *, body > * { transform: rotate(4deg) !important; filter: blur(1px) !important; position: static !important; }
main p { margin: 1rem; line-height: 2; }
`;

/** The keys the widget keeps in the host site's localStorage (run in the host page). */
const HOST_STORAGE_KEYS = `Object.keys(localStorage).filter((key) => key.startsWith('plaint-chat-widget:'))`;

function shopPage(plaintUrl: string, attributes: string): string {
  const text = Array.from({ length: 12 }, (_, i) => `<p>Məhsul ${i + 1}: soyuducu, paltaryuyan maşın, televizor.</p>`).join('');
  return `<!doctype html>
<html lang="az">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Retailer</title>
  <link rel="stylesheet" href="/shop.css">
  <script src="/globals.js"></script>
</head>
<body>
  <main><h1>Retailer</h1>${text}<iframe id="probe" src="about:blank" title="probe"></iframe></main>
  <script src="${plaintUrl}/widget.js" ${attributes}></script>
</body>
</html>`;
}

/**
 * Which window properties appear after the page's own first script ran: the widget's, if any
 * (the frames' indexes, window[0] …, are the browser's).
 */
const GLOBALS_PROBE = `
const before = new Set(Object.getOwnPropertyNames(window));
window.addEventListener('load', () => {
  const added = Object.getOwnPropertyNames(window).filter((name) => !before.has(name) && !/^[0-9]+$/.test(name));
  document.documentElement.dataset.newGlobals = added.join(',');
});
`;

describe('chat widget on another site (browser)', () => {
  let plaint: RunningPlaint;
  let browser: Browser;
  let dataDir: string;
  let shop: Site;
  let stranger: Site;
  const contexts: BrowserContext[] = [];
  const pageErrors: string[] = [];
  const cspViolations: string[] = [];

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    shop = await Site.start();
    stranger = await Site.start();
    dataDir = mkdtempSync(join(tmpdir(), 'plaint-e2e-widget-'));
    // The shop may embed the widget; the socket stays for Plaint's own origin (PLAINT_CHAT_ALLOWED_ORIGINS unset).
    plaint = await startPlaint({ env: embeddedEnv(dataDir, { PLAINT_WIDGET_ALLOWED_ORIGINS: shop.origin }) });
    for (const site of [shop, stranger]) {
      site.files.set('/shop.css', { body: HOSTILE_CSS, type: 'text/css' });
      site.files.set('/globals.js', { body: GLOBALS_PROBE, type: 'application/javascript' });
      // The retailer's own strict CSP: our loader needs no inline script or style.
      const headers = {
        'Content-Security-Policy': `default-src 'self'; script-src 'self' ${plaint.url}; style-src 'self'; frame-src ${plaint.url}`,
      };
      site.pages.set('/shop.html', {
        headers,
        html: shopPage(
          plaint.url,
          `data-language="en" data-position="bottom-left" data-color="${SHOP_COLOUR.attribute}" data-greeting="${GREETING}" data-required="email"`,
        ),
      });
      site.pages.set('/odd.html', {
        headers,
        html: shopPage(
          plaint.url,
          'async data-language="de" data-position="middle" data-color="url(javascript:alert(1))" data-required="name fax" data-host-storage="maybe"',
        ),
      });
      site.pages.set('/private.html', { headers, html: shopPage(plaint.url, 'data-language="en" data-host-storage="off"') });
    }
    browser = await launchChromium();
  });

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await plaint?.close();
    await shop?.close();
    await stranger?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  afterEach(() => {
    // A script error on the host page or in the frame fails the test, and so does anything a
    // Content-Security-Policy blocked (the shop's or the frame's).
    expect(pageErrors.splice(0)).toEqual([]);
    expect(cspViolations.splice(0)).toEqual([]);
  });

  /** A fresh browser profile on a page of `site`; the console's warnings are collected. */
  async function open(site: Site, path: string, options: { viewport?: { width: number; height: number }; locale?: string; mobile?: boolean } = {}) {
    const context = await browser.newContext({
      viewport: options.viewport ?? DESKTOP,
      locale: options.locale ?? 'az-AZ',
      isMobile: options.mobile ?? false,
      hasTouch: options.mobile ?? false,
    });
    contexts.push(context);
    await context.addInitScript(`document.addEventListener('securitypolicyviolation', (event) =>
      console.error('CSP violation: ' + event.violatedDirective + ' blocked ' + (event.blockedURI || 'inline') + ' in ' + event.sourceFile));`);
    const page = await context.newPage();
    const warnings: string[] = [];
    const errors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'warning') warnings.push(message.text());
      if (message.type() === 'error') errors.push(message.text());
      if (message.type() === 'error' && /CSP violation/.test(message.text())) cspViolations.push(message.text());
    });
    await page.goto(`${site.origin}${path}`);
    return { page, warnings, errors };
  }

  /** The widget's frame on the page, once the chat is in it. */
  async function widgetFrame(page: Page): Promise<Frame> {
    const frame = await waitFor(
      () => page.frames().find((f) => f.url().startsWith(`${plaint.url}/widget-frame.html`)),
      (found) => found !== undefined,
      { what: 'the widget frame' },
    );
    await frame!.locator('[data-testid="chat-open"]').waitFor({ state: 'attached', timeout: 15_000 });
    return frame!;
  }

  const byTestId = (frame: Frame, id: string): Locator => frame.locator(`[data-testid="${id}"]`);
  /** A computed style of the element, as the browser applies it (the spec is compiled without the DOM's types). */
  type Styles = { getComputedStyle(element: unknown): Record<string, string> };
  const computed = (locator: Locator, property: string): Promise<string> =>
    locator.evaluate((element, name) => (globalThis as unknown as Styles).getComputedStyle(element)[name] ?? '', property);

  /** Where the widget is on the host page and how much of it it takes. */
  async function widgetBox(page: Page) {
    const box = await page.locator('plaint-chat-widget').boundingBox();
    if (!box) throw new Error('the widget is not on the page');
    return box;
  }

  async function waitForBox(page: Page, done: (box: { x: number; y: number; width: number; height: number }) => boolean, what: string) {
    return waitFor(() => widgetBox(page), done, { what });
  }

  /** Starts a chat in the open panel and sends a complaint; returns the reference the chat answers with. */
  async function complain(frame: Frame, email: string, complaint: string): Promise<string> {
    await byTestId(frame, 'chat-fullName').fill('Əliyeva Nərmin');
    await byTestId(frame, 'chat-email').fill(email);
    await byTestId(frame, 'chat-start-submit').click();
    await byTestId(frame, 'chat-input').waitFor({ state: 'visible', timeout: 15_000 });
    await byTestId(frame, 'chat-input').fill(complaint);
    await byTestId(frame, 'chat-send').click();
    const reference = byTestId(frame, 'chat-line-reference').first();
    await reference.waitFor({ timeout: PIPELINE_MS });
    return (await reference.textContent()) ?? '';
  }

  it("opens the chat on the retailer's page as its attributes say, takes a complaint and shows the transcript after a reload", async () => {
    const { page } = await open(shop, '/shop.html');
    let frame = await widgetFrame(page);

    // The shop's stylesheet is in force (it hides its own iframe), and it does not reach the widget.
    expect(await computed(page.locator('#probe'), 'display')).toBe('none');
    const closed = await waitForBox(page, (box) => box.width > 40, 'the launcher');
    expect(closed.width).toBeLessThan(240);
    expect(closed.height).toBeLessThan(90);
    // Bottom-left, in the corner.
    expect(closed.x).toBeLessThanOrEqual(16);
    expect(closed.y + closed.height).toBeGreaterThanOrEqual(DESKTOP.height - 16);
    const launcher = byTestId(frame, 'chat-open');
    expect((await launcher.textContent())?.trim()).toBe('Live chat');
    expect(await computed(launcher, 'backgroundColor')).toBe(SHOP_COLOUR.computed);
    // The loader added one global, its namespace.
    const added = await waitFor(() => page.evaluate('document.documentElement.dataset.newGlobals'), (names) => names !== undefined, { what: 'the globals probe' });
    expect(added).toBe('PlaintChat');
    await page.screenshot({ path: join(SHOTS, 'desktop-closed.png') });

    await launcher.click();
    const opened = await waitForBox(page, (box) => box.width > 300, 'the open panel');
    expect(opened.width).toBe(384);
    expect(opened.height).toBe(640);
    expect(opened.x).toBe(16);
    expect((await byTestId(frame, 'widget-greeting').textContent())?.trim()).toBe(GREETING);
    // The customer page's chat as it is, its privacy note included.
    expect(await byTestId(frame, 'chat-privacy').textContent()).toMatch(/^We use your data only to handle your complaint/);
    expect(await computed(byTestId(frame, 'chat-start-submit'), 'backgroundColor')).toBe(SHOP_COLOUR.computed);

    // The retailer wants an e-mail address: the field says so, and a phone number alone does not start the chat.
    expect(await frame.locator('label[for="chat-email"]').textContent()).toMatch(/^E-mail \*$/);
    expect(await frame.locator('label[for="chat-phone"]').textContent()).toBe('Phone');
    await byTestId(frame, 'chat-fullName').fill('Əliyeva Nərmin');
    await byTestId(frame, 'chat-phone').fill('+994 50 555 12 34');
    await byTestId(frame, 'chat-start-submit').click();
    expect((await byTestId(frame, 'chat-email-error').textContent())?.trim()).toBe('Please enter your e-mail address.');
    expect(await byTestId(frame, 'chat-email').getAttribute('aria-invalid')).toBe('true');
    await page.waitForTimeout(500);
    expect(await byTestId(frame, 'chat-conversation').isVisible()).toBe(false);
    await page.screenshot({ path: join(SHOTS, 'desktop-start.png') });

    const complaint = 'Sifariş etdiyim soyuducu iki həftədir çatdırılmayıb.';
    const reference = await complain(frame, `widget.${Date.now()}@example.az`, complaint);
    expect(reference).toMatch(REFERENCE);
    await page.screenshot({ path: join(SHOTS, 'desktop-open.png') });
    // This browser refuses a frame of another site any storage: the loader keeps the chat for it.
    expect(await page.evaluate(HOST_STORAGE_KEYS)).not.toEqual([]);

    // The customer goes on to another page of the shop (here: the same one again).
    await page.reload();
    frame = await widgetFrame(page);
    await byTestId(frame, 'chat-line-reference').first().waitFor({ timeout: 15_000 });
    expect(await byTestId(frame, 'chat-line-reference').first().textContent()).toBe(reference);
    const customerLines = await frame.locator('[data-testid="chat-line"][data-from="customer"] [data-testid="chat-line-text"]').allTextContents();
    expect(customerLines).toEqual([complaint]);
    expect((await waitForBox(page, (box) => box.width > 300, 'the panel, open again')).width).toBe(384);

    // Closing gives the page back all but the launcher.
    await byTestId(frame, 'chat-close').click();
    expect((await waitForBox(page, (box) => box.width < 240, 'the launcher again')).height).toBeLessThan(90);
  });

  it('warns about attributes it cannot use and goes on with the defaults: the browser language, bottom-right, our colour', async () => {
    const { page, warnings } = await open(shop, '/odd.html', { locale: 'ru-RU' });
    const frame = await widgetFrame(page);
    const box = await waitForBox(page, (b) => b.width > 40, 'the launcher');
    expect(box.x + box.width).toBeGreaterThanOrEqual(DESKTOP.width - 16);
    const launcher = byTestId(frame, 'chat-open');
    expect((await launcher.textContent())?.trim()).toBe('Онлайн-чат');
    expect(await computed(launcher, 'backgroundColor')).toBe(PLAINT_COLOUR);
    for (const attribute of [/data-language="de"/, /data-position="middle"/, /data-color="url\(javascript:alert\(1\)\)"/, /data-required: "fax"/, /data-host-storage="maybe"/]) {
      expect(warnings.filter((text) => /^Plaint chat widget: /.test(text) && attribute.test(text))).toHaveLength(1);
    }
    // The host page can open the chat itself; without required contact fields, a phone number is enough.
    await page.evaluate('window.PlaintChat.open()');
    await byTestId(frame, 'chat-fullName').waitFor({ state: 'visible' });
    expect(await frame.locator('label[for="chat-email"] .req').count()).toBe(0);
    await byTestId(frame, 'chat-fullName').fill('Квливидзе Нино');
    await byTestId(frame, 'chat-phone').fill('+994 55 321 65 87');
    await byTestId(frame, 'chat-start-submit').click();
    await byTestId(frame, 'chat-input').waitFor({ state: 'visible', timeout: 15_000 });
  });

  it('with data-host-storage="off" keeps nothing in the site\'s storage: the conversation lasts as long as the page', async () => {
    const { page } = await open(shop, '/private.html');
    let frame = await widgetFrame(page);
    await byTestId(frame, 'chat-open').click();
    expect(await complain(frame, `private.${Date.now()}@example.az`, 'Zəmanət talonu verilmədi.')).toMatch(REFERENCE);
    expect(await page.evaluate(HOST_STORAGE_KEYS)).toEqual([]);

    await page.reload();
    frame = await widgetFrame(page);
    await byTestId(frame, 'chat-open').click();
    await byTestId(frame, 'chat-fullName').waitFor({ state: 'visible' });
    expect(await byTestId(frame, 'chat-line-reference').count()).toBe(0);
  });

  it('fits a phone: a round launcher in the corner, the whole screen once open', async () => {
    const { page } = await open(shop, '/shop.html', { viewport: PHONE, mobile: true });
    const frame = await widgetFrame(page);
    const closed = await waitForBox(page, (box) => box.width > 40 && box.width < 80, 'the round launcher');
    // A button's size (52px and its shadow), in the bottom-left corner.
    expect(closed.height).toBeLessThan(80);
    expect(closed.x).toBeLessThanOrEqual(16);
    expect(closed.y + closed.height).toBeGreaterThanOrEqual(PHONE.height - 16);
    // The label is still there for screen readers.
    expect((await byTestId(frame, 'chat-open').textContent())?.trim()).toBe('Live chat');
    await page.screenshot({ path: join(SHOTS, 'phone-closed.png') });

    await byTestId(frame, 'chat-open').tap();
    const opened = await waitForBox(page, (box) => box.width === PHONE.width, 'the panel on the whole screen');
    expect(opened).toEqual({ x: 0, y: 0, width: PHONE.width, height: PHONE.height });
    const reference = await complain(frame, `widget.phone.${Date.now()}@example.az`, 'Kuryer sifarişi gətirmədi.');
    expect(reference).toMatch(REFERENCE);
    // Everything the customer needs is on the screen.
    for (const id of ['chat-input', 'chat-send', 'chat-close']) {
      const box = await byTestId(frame, id).boundingBox();
      expect(box && box.x >= 0 && box.x + box.width <= PHONE.width && box.y >= 0 && box.y + box.height <= PHONE.height).toBe(true);
    }
    await page.screenshot({ path: join(SHOTS, 'phone-open.png') });
  });

  it('is refused on a site that is not allowed to embed it; neither site may open the chat socket itself', async () => {
    const { page, warnings, errors } = await open(stranger, '/shop.html');
    await waitFor(() => warnings.find((text) => /did not load.*PLAINT_WIDGET_ALLOWED_ORIGINS/.test(text)), Boolean, { what: 'the loader giving up' });
    expect(errors.some((text) => /frame-ancestors/.test(text))).toBe(true);
    expect(await page.locator('plaint-chat-widget').count()).toBe(0);
    const chats = await Promise.all(page.frames().map((frame) => frame.locator('[data-testid="chat-open"]').count().catch(() => 0)));
    expect(chats.reduce((a, b) => a + b, 0)).toBe(0);

    const frameAnswer = await fetch(`${plaint.url}/widget-frame.html`);
    expect(frameAnswer.headers.get('content-security-policy')).toContain(`frame-ancestors 'self' ${shop.origin};`.replace(/;$/, ''));
    expect(frameAnswer.headers.get('x-frame-options')).toBeNull();

    // The socket is for Plaint's own pages (the frame): a page of either site is refused.
    const socketUrl = `${plaint.url.replace(/^http/, 'ws')}/socket.io/?EIO=4&transport=websocket`;
    const connect = (p: Page): Promise<string> =>
      p.evaluate(`new Promise((resolve) => {
        const socket = new WebSocket(${JSON.stringify(socketUrl)});
        socket.onopen = () => { socket.close(); resolve('open'); };
        socket.onerror = () => resolve('refused');
      })`);
    // The pages' own CSP would block the attempt before the server could refuse it: ask from a blank page of each origin.
    for (const site of [stranger, shop]) {
      site.pages.set('/blank.html', { html: '<!doctype html><title>blank</title>' });
      const blank = await page.context().newPage();
      await blank.goto(`${site.origin}/blank.html`);
      expect([site.origin, await connect(blank)]).toEqual([site.origin, 'refused']);
      await blank.close();
    }
  });
});
