import { join } from 'node:path';
import { type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { launchChromium } from './chromium';
import { Clock } from '../../libs/domain/src/clock';
import { STAFF_PASSWORD } from './staff';

/** A complaint reference as customers are given it. */
export const REFERENCE = /[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}/;
/** The pipeline (bus → core → notifier → chat) is asynchronous: allow it a while. */
export const PIPELINE_MS = 30_000;
/** Where the desk's browser tests save their screenshots. */
export const SHOTS = join(__dirname, '..', '..', 'test-output', 'desk');

/**
 * The installation's clock: real time (the chat and the pipeline run as they do), moved forward
 * by hand to pass a deadline without waiting business days.
 */
export class ShiftedClock extends Clock {
  private shift = 0;

  now(): Date {
    return new Date(Date.now() + this.shift);
  }

  /** From now on the clock reads `at`, and runs on from there. */
  setTo(at: Date): void {
    this.shift = at.getTime() - Date.now();
  }
}

/**
 * Headless Chromium against a running Plaint: each page in a context of its own (a customer
 * and an agent do not share a browser), any script error or blocked Content-Security-Policy
 * directive collected for the test to fail on.
 */
export class DeskBrowser {
  readonly pageErrors: string[] = [];
  readonly cspViolations: string[] = [];
  private readonly contexts: BrowserContext[] = [];

  private constructor(
    private readonly browser: Browser,
    private readonly url: string,
  ) {}

  static async launch(url: string): Promise<DeskBrowser> {
    return new DeskBrowser(await launchChromium(), url);
  }

  /**
   * Fails the test on a script error of the page, or anything its Content-Security-Policy blocked,
   * since the last call: every desk test file calls it after each test.
   */
  expectNoPageFaults(): void {
    expect(this.pageErrors.splice(0)).toEqual([]);
    expect(this.cspViolations.splice(0)).toEqual([]);
  }

  async close(): Promise<void> {
    for (const context of this.contexts) await context.close().catch(() => undefined);
    await this.browser.close();
  }

  async open(path: string, viewport = { width: 1280, height: 900 }): Promise<Page> {
    const context = await this.browser.newContext({ viewport });
    this.contexts.push(context);
    const page = await context.newPage();
    page.on('pageerror', (error) => this.pageErrors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error' && /Content Security Policy|CSP violation/i.test(message.text())) this.cspViolations.push(message.text());
    });
    await page.addInitScript(`document.addEventListener('securitypolicyviolation', (event) =>
      console.error('CSP violation: ' + event.violatedDirective + ' blocked ' + (event.blockedURI || 'inline')));`);
    await page.goto(`${this.url}${path}`);
    return page;
  }

  /** The customer's side: a chat started on the public page, one complaint sent. */
  async complainInChat(text: string, fullName = 'Quliyev Rəşad Elçin oğlu'): Promise<{ page: Page; reference: string }> {
    const page = await this.open('/');
    await page.waitForSelector('html.js-ready');
    if (!(await byTestId(page, 'chat-panel').isVisible())) await byTestId(page, 'chat-open').click();
    await byTestId(page, 'chat-fullName').fill(fullName);
    await byTestId(page, 'chat-email').fill(`customer.${Date.now()}@example.az`);
    await byTestId(page, 'chat-start-submit').click();
    await byTestId(page, 'chat-input').fill(text);
    await byTestId(page, 'chat-send').click();
    const ack = page.locator('[data-testid="chat-line"][data-from="plaint"]').filter({ hasText: REFERENCE }).first();
    await ack.waitFor({ timeout: PIPELINE_MS });
    const reference = REFERENCE.exec((await ack.textContent()) ?? '')?.[0];
    if (!reference) throw new Error('no reference in the chat');
    return { page, reference };
  }
}

export const byTestId = (page: Page, id: string): Locator => page.locator(`[data-testid="${id}"]`);

export async function signIn(page: Page, username: string, password = STAFF_PASSWORD): Promise<void> {
  await byTestId(page, 'sign-in-username').fill(username);
  await byTestId(page, 'sign-in-password').fill(password);
  await byTestId(page, 'sign-in-submit').click();
}
