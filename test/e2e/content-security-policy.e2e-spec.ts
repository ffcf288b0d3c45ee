/**
 * Pages under their Content-Security-Policy in real Chromium. The chat widget on a page of one
 * origin talking to the chat on another (PLAINT_PUBLIC_CHAT_URL): the CSP lets it load socket.io
 * from there and connect, and the chat lets the page's origin in only when
 * PLAINT_CHAT_ALLOWED_ORIGINS names it. The staff's OpenAPI page renders with nothing blocked.
 * (The customer page on one origin is covered by customer-page.e2e-spec.ts.)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, type Page } from 'playwright-core';
import { launchChromium } from '../support/chromium';
import { type RunningPlaint, startPlaint } from '../../apps/plaint/src/bootstrap';

const REFERENCE = /[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}/;

jest.setTimeout(120_000);

/** A port free now, so the process can be told its own public URL before it starts. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.once('error', reject);
  });
}

describe('chat served from another origin than the page (browser)', () => {
  let browser: Browser;
  const running: { plaint: RunningPlaint; dataDir: string }[] = [];

  /**
   * One process; the page is opened as http://localhost:<port> and the chat is configured as
   * http://127.0.0.1:<port>, which a browser treats as another origin.
   */
  async function start(allowPageOrigin: boolean): Promise<{ pageUrl: string }> {
    const port = await freePort();
    const dataDir = mkdtempSync(join(tmpdir(), 'plaint-e2e-origin-'));
    const env: Record<string, string> = {
      PORT: String(port),
      HOST: '127.0.0.1',
      PLAINT_DATA_DIR: dataDir,
      PLAINT_LOG_LEVEL: 'warn',
      PLAINT_METRICS_PORT: '0',
      PLAINT_PUBLIC_CHAT_URL: `http://127.0.0.1:${port}`,
    };
    if (allowPageOrigin) env.PLAINT_CHAT_ALLOWED_ORIGINS = `http://localhost:${port}`;
    running.push({ plaint: await startPlaint({ env }), dataDir });
    return { pageUrl: `http://localhost:${port}/` };
  }

  async function openChat(pageUrl: string): Promise<{ page: Page; console: string[] }> {
    const context = await browser.newContext();
    const page = await context.newPage();
    const console: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') console.push(message.text());
    });
    page.on('pageerror', (error) => console.push(error.message));
    await page.goto(pageUrl);
    await page.waitForSelector('html.js-ready');
    await page.locator('[data-testid="chat-open"]').click();
    return { page, console };
  }

  beforeAll(async () => {
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    for (const { plaint, dataDir } of running) {
      await plaint.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('chats across origins under the CSP when the page origin is allowed', async () => {
    const { pageUrl } = await start(true);
    const { page, console } = await openChat(pageUrl);
    await page.locator('[data-testid="chat-fullName"]').fill('Quliyev Rəşad');
    await page.locator('[data-testid="chat-email"]').fill(`cross.${Date.now()}@example.az`);
    await page.locator('[data-testid="chat-start-submit"]').click();
    await page.locator('[data-testid="chat-input"]').waitFor({ state: 'visible', timeout: 15_000 });
    await page.locator('[data-testid="chat-input"]').fill('Soyuducu işləmir, usta gəlmədi.');
    await page.locator('[data-testid="chat-send"]').click();
    await page.locator('[data-testid="chat-line"][data-from="plaint"]').filter({ hasText: REFERENCE }).waitFor({ timeout: 30_000 });
    expect(console).toEqual([]);
  });

  it('keeps the chat closed to a page origin that is not allowed', async () => {
    const { pageUrl } = await start(false);
    const { page, console } = await openChat(pageUrl);
    // The widget cannot connect: the server refuses its handshakes, so it never comes online.
    await page.waitForTimeout(4000);
    expect(await page.locator('[data-testid="chat-status"]').getAttribute('data-state')).toBe('connecting');
    expect(console.some((text) => /socket\.io/.test(text))).toBe(true);
    expect(console.some((text) => /Content Security Policy/.test(text))).toBe(false);
  });

  it('renders the OpenAPI page for staff with nothing blocked', async () => {
    const { pageUrl } = await start(false);
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    const response = await page.goto(`${pageUrl}api/v1/openapi`);
    expect(await response?.headerValue('content-security-policy')).toContain("script-src 'self'");
    await page.locator('.opblock').first().waitFor({ timeout: 15_000 });
    await page.locator('.opblock').first().click();
    await page.waitForTimeout(300);
    expect(errors).toEqual([]);
    await page.close();
  });
});
