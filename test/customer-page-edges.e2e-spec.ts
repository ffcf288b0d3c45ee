/**
 * What a first customer meets on the page at `/`, in a real headless Chromium against the booted
 * product: the browser's language, the call-me confirmation's date of the call, sentences that
 * end with a date, the chat launcher on a phone, an agent's reply in the chat and the privacy
 * note. One installation runs on a fixed clock, so the dates it promises are known; another
 * runs on the real clock (staff tokens) with a privacy notice configured.
 */
import { mkdtempSync, rmSync } from 'node:fs';
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
const PRIVACY_URL = 'https://kontakt.az/mexfilik-siyaseti';

/**
 * Friday 20 November 2026, 17:30 in Baku. Three business days later (Monday 23, Tuesday 24,
 * Wednesday 25) is the acceptance deadline, and so the latest day of a call.
 */
class FridayEvening extends Clock {
  now(): Date {
    return new Date('2026-11-20T13:30:00Z');
  }
}

jest.setTimeout(240_000);

describe('the customer page’s rough edges (browser)', () => {
  const dataDirs: string[] = [];
  /** On the fixed clock, no privacy notice configured. */
  let fixed: RunningPlaint;
  /** On the real clock, with a privacy notice and a 90-day retention. */
  let live: RunningPlaint;
  let staff: Staff;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const pageErrors: string[] = [];

  const dataDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'plaint-e2e-edges-'));
    dataDirs.push(dir);
    return dir;
  };

  beforeAll(async () => {
    fixed = await startPlaint({
      env: embeddedEnv(dataDir(), { PLAINT_STATUS_LOOKUPS_PER_MINUTE: '1000' }),
      overrides: { clock: new FridayEvening() },
    });
    live = await startPlaint({
      env: embeddedEnv(dataDir(), { PLAINT_STATUS_LOOKUPS_PER_MINUTE: '1000', PLAINT_PRIVACY_URL: PRIVACY_URL, PLAINT_RETENTION_DAYS: '90' }),
    });
    staff = await Staff.hire(live, []);
    await staff.as('admin').post('/api/v1/agent/agents', { username: 'leyla', displayName: 'Leyla Məmmədova', password: STAFF_PASSWORD, role: 'agent' }).expect(201);
    await staff.signIn('leyla');
    browser = await launchChromium();
  });

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await fixed?.close();
    await live?.close();
    for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
  });

  afterEach(() => {
    const errors = pageErrors.splice(0);
    expect(errors).toEqual([]);
  });

  /** A fresh browser profile whose language is `locale`, on the page of `plaint`. */
  async function openPage(
    plaint: RunningPlaint,
    options: { locale: string; viewport?: { width: number; height: number } },
  ): Promise<Page> {
    const context = await browser.newContext({ locale: options.locale, viewport: options.viewport ?? { width: 1280, height: 900 } });
    contexts.push(context);
    const page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(`${plaint.url}/`);
    await page.waitForSelector('html.js-ready');
    return page;
  }

  const byTestId = (page: Page, id: string): Locator => page.locator(`[data-testid="${id}"]`);
  const text = async (locator: Locator): Promise<string> => ((await locator.textContent()) ?? '').trim();

  async function submitCallback(page: Page, values: { phone?: string; email?: string }): Promise<string> {
    await byTestId(page, 'cb-fullName').fill('Məmmədova Aysel Rauf qızı');
    if (values.phone) await byTestId(page, 'cb-phone').fill(values.phone);
    if (values.email) await byTestId(page, 'cb-email').fill(values.email);
    await byTestId(page, 'cb-message').fill('Aldığım paltaryuyan maşın iki gündən sonra işləmədi.');
    await byTestId(page, 'cb-submit').click();
    await byTestId(page, 'cb-success').waitFor({ state: 'visible', timeout: 15_000 });
    return text(byTestId(page, 'cb-reference'));
  }

  /** Asks for the status until core has registered the complaint, as a customer would ask again. */
  async function lookUp(page: Page, reference: string, contact: string): Promise<void> {
    await byTestId(page, 'status-reference').fill(reference);
    await byTestId(page, 'status-contact').fill(contact);
    const result = byTestId(page, 'status-result');
    const deadline = Date.now() + PIPELINE_MS;
    while (!(await result.isVisible())) {
      if (Date.now() > deadline) throw new Error(`no status for ${reference}`);
      await byTestId(page, 'status-submit').click();
      await page.locator('[data-testid="status-submit"]:not([disabled])').waitFor();
      if (!(await result.isVisible())) await page.waitForTimeout(300);
    }
  }

  async function startChat(page: Page, email: string, complaint: string): Promise<string> {
    await byTestId(page, 'chat-open').click();
    await byTestId(page, 'chat-fullName').fill('Quliyev Rəşad Elçin oğlu');
    await byTestId(page, 'chat-email').fill(email);
    await byTestId(page, 'chat-start-submit').click();
    await byTestId(page, 'chat-input').fill(complaint);
    await byTestId(page, 'chat-send').click();
    const ack = page.locator('[data-testid="chat-line"][data-from="plaint"]').filter({ hasText: REFERENCE }).first();
    await ack.waitFor({ timeout: PIPELINE_MS });
    return REFERENCE.exec(await text(ack))?.[0] ?? '';
  }

  // ------------------------------------------------------------------ the browser's language

  describe('language', () => {
    it.each([
      ['ru-RU', 'ru', 'Расскажите нам, что пошло не так'],
      ['en-US', 'en', 'Tell us what went wrong'],
      ['az-AZ', 'az', 'Bizə nəyin səhv getdiyini bildirin'],
      // A language the page does not speak: the company's own.
      ['de-DE', 'az', 'Bizə nəyin səhv getdiyini bildirin'],
    ])('opens in the browser’s language (%s → %s)', async (locale, lang, title) => {
      const page = await openPage(live, { locale });
      expect(await page.getAttribute('html', 'lang')).toBe(lang);
      expect(await text(byTestId(page, 'page-title'))).toBe(title);
      expect(await byTestId(page, `lang-${lang}`).getAttribute('aria-pressed')).toBe('true');
    });

    it('takes the first language it speaks from the browser’s list', async () => {
      const context = await browser.newContext();
      contexts.push(context);
      await context.addInitScript(`Object.defineProperty(navigator, 'languages', { get: () => ['de-DE', 'tr', 'ru', 'en'] });`);
      const page = await context.newPage();
      page.on('pageerror', (error) => pageErrors.push(error.message));
      await page.goto(`${live.url}/`);
      await page.waitForSelector('html.js-ready');
      expect(await page.getAttribute('html', 'lang')).toBe('ru');
    });

    it('keeps the customer’s own choice over the browser’s, after a reload', async () => {
      const page = await openPage(live, { locale: 'ru-RU' });
      expect(await page.getAttribute('html', 'lang')).toBe('ru');
      await byTestId(page, 'lang-en').click();
      expect(await text(byTestId(page, 'page-title'))).toBe('Tell us what went wrong');

      await page.reload();
      await page.waitForSelector('html.js-ready');
      expect(await page.getAttribute('html', 'lang')).toBe('en');
      expect(await text(byTestId(page, 'page-title'))).toBe('Tell us what went wrong');
      expect(await byTestId(page, 'lang-en').getAttribute('aria-pressed')).toBe('true');
    });
  });

  // ------------------------------------------------------------------ when the call comes, and full stops

  describe('call-me confirmation and dates at the end of a sentence', () => {
    it('in Russian names the latest day of the call, and no sentence ends "г.."', async () => {
      const page = await openPage(fixed, { locale: 'ru-RU' });
      const email = `aysel.ru.${Date.now()}@example.az`;
      const reference = await submitCallback(page, { phone: '050 123 45 67', email });

      expect(await text(byTestId(page, 'cb-call-note'))).toBe(
        'Мы позвоним вам по номеру 050 123 45 67. Последний срок звонка: среда, 25 ноября 2026 г.',
      );
      expect(await text(byTestId(page, 'cb-accept-note'))).toBe(
        'Жалоба будет принята не позднее: среда, 25 ноября 2026 г. О каждом шаге мы сообщим вам письменно.',
      );

      await lookUp(page, reference, email);
      const received = page.locator('[data-testid="status-step"][data-step="complaint.received"] .status-history__note');
      expect(await text(received)).toBe('Будет принята не позднее: среда, 25 ноября 2026 г.');
      const everything = `${await text(byTestId(page, 'cb-success'))} ${await text(byTestId(page, 'status-result'))}`;
      expect(everything).toContain('2026 г.');
      expect(everything).not.toMatch(/г\.\./);

      // The same sentences in English after a switch, each with its own date and one full stop.
      await byTestId(page, 'lang-en').click();
      expect(await text(byTestId(page, 'cb-call-note'))).toMatch(/^We will call you on 050 123 45 67 by Wednesday,? 25 November 2026 at the latest\.$/);
      expect(await text(received)).toMatch(/^To be accepted by Wednesday,? 25 November 2026\.$/);
    });

    it('without a phone number says that the answer comes in writing, and when the complaint is accepted', async () => {
      const page = await openPage(fixed, { locale: 'en-GB' });
      const email = `no.phone.${Date.now()}@example.az`;
      await submitCallback(page, { email });
      expect(await text(byTestId(page, 'cb-call-note'))).toBe(
        `You gave no phone number, so we cannot call you: we will answer you in writing at ${email}.`,
      );
      expect(await text(byTestId(page, 'cb-accept-note'))).toMatch(
        /^It will be accepted by Wednesday,? 25 November 2026, and we will inform you in writing of every step\.$/,
      );
    });
  });

  // ------------------------------------------------------------------ the launcher on a phone

  describe('chat launcher', () => {
    type Box = { x: number; y: number; width: number; height: number };
    const overlaps = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

    /** The boxes of what the customer reads or uses, in `scope`, that the launcher sits on. */
    async function coveredIn(page: Page, scope: Locator): Promise<string[]> {
      const launcher = await byTestId(page, 'chat-open').boundingBox();
      if (!launcher) throw new Error('no launcher on the page');
      const covered: string[] = [];
      const parts = scope.locator('input, textarea, button, label, legend, p, li, dt, dd, h3, h4, time');
      for (const part of await parts.all()) {
        if (!(await part.isVisible())) continue;
        const box = await part.boundingBox();
        if (box && overlaps(box, launcher)) covered.push(`${(await part.getAttribute('id')) ?? ''} "${((await part.textContent()) ?? '').trim().slice(0, 60)}"`);
      }
      return covered;
    }

    it.each([
      [375, 740],
      [1280, 800],
    ])('at %ix%i covers no field a customer tabs to, nor the status history at the bottom', async (width, height) => {
      const page = await openPage(live, { locale: 'az-AZ', viewport: { width, height } });
      const email = `layout.${width}.${Date.now()}@example.az`;
      const reference = await submitCallback(page, { phone: '+994 55 201 30 40', email });
      await byTestId(page, 'cb-another').click();
      await lookUp(page, reference, email);
      await byTestId(page, 'status-history').waitFor();

      // Every field and button, reached with the keyboard as a customer would, is in the clear.
      await page.evaluate('window.scrollTo(0, 0)');
      await byTestId(page, 'lang-az').focus();
      const seen: string[] = [];
      for (let i = 0; i < 40; i += 1) {
        await page.keyboard.press('Tab');
        const focused = await page.evaluate<{ id: string; box: Box }>(`(() => {
          const el = document.activeElement;
          const r = el.getBoundingClientRect();
          return { id: el.id || el.dataset.testid || el.tagName, box: { x: r.x, y: r.y, width: r.width, height: r.height } };
        })()`);
        if (focused.id === 'chat-launcher' || focused.id === 'BODY') break;
        seen.push(focused.id);
        const launcher = await byTestId(page, 'chat-open').boundingBox();
        expect({ id: focused.id, covered: Boolean(launcher && overlaps(focused.box, launcher)) }).toEqual({ id: focused.id, covered: false });
      }
      expect(seen).toEqual(expect.arrayContaining(['cb-message', 'cb-submit', 'st-reference', 'st-contact', 'st-submit']));

      // At the bottom of the page, the status history and the forms are all above it.
      await page.evaluate('window.scrollTo(0, document.documentElement.scrollHeight)');
      await page.waitForTimeout(100);
      const history = await byTestId(page, 'status-history').boundingBox();
      const launcher = await byTestId(page, 'chat-open').boundingBox();
      expect(history && launcher && overlaps(history, launcher)).toBe(false);
      expect(await coveredIn(page, page.locator('main'))).toEqual([]);
      expect(await coveredIn(page, page.locator('footer'))).toEqual([]);
    });
  });

  // ------------------------------------------------------------------ an agent's reply in the chat

  describe('agent’s reply in the chat', () => {
    it('shows the agent’s words under the first name, without the form letter; notices stay formal', async () => {
      const page = await openPage(live, { locale: 'az-AZ' });
      const reference = await startChat(page, `resad.${Date.now()}@example.az`, 'Kondisioner quraşdırılmadı, usta gəlmədi.');
      const words = 'Salam! Ustamız sabah saat 10-da gələcək, qəbzi hazır saxlayın.';
      await staff.as('leyla').post(`/api/v1/agent/complaints/${reference}/replies`, { text: words }).expect(200);

      const reply = page.locator('[data-testid="chat-line"][data-from="agent"]');
      await reply.waitFor({ timeout: PIPELINE_MS });
      expect(await text(reply.locator('[data-testid="chat-line-text"]'))).toBe(words);
      expect(await text(reply.locator('[data-testid="chat-line-author"]'))).toBe('Leyla');
      const shown = await text(reply);
      for (const formal of ['Hörmətli', 'Məmmədova', reference, 'Quliyev']) expect(shown).not.toContain(formal);
      expect(await reply.locator('[data-testid="chat-line-reference"]').count()).toBe(0);

      // A policy notice in the same chat keeps its formal wording; the reference box is not repeated.
      await staff.as('leyla').post(`/api/v1/agent/complaints/${reference}/accept`).expect(200);
      const notices = page.locator('[data-testid="chat-line"][data-from="plaint"]');
      await notices.nth(1).waitFor({ timeout: PIPELINE_MS });
      const accepted = notices.nth(1);
      expect(await text(accepted.locator('[data-testid="chat-line-text"]'))).toMatch(/^Hörmətli Quliyev Rəşad/);
      expect(await text(accepted.locator('[data-testid="chat-line-text"]'))).toContain(reference);
      expect(await text(accepted.locator('[data-testid="chat-line-author"]'))).toBe('Müştəri xidməti');
      expect(await page.locator('[data-testid="chat-line-reference"]').allTextContents()).toEqual([reference]);

      // The transcript replayed after a reload shows the reply the same way.
      await page.reload();
      await page.waitForSelector('html.js-ready');
      if (!(await byTestId(page, 'chat-panel').isVisible())) await byTestId(page, 'chat-open').click();
      const again = page.locator('[data-testid="chat-line"][data-from="agent"]');
      await again.waitFor({ timeout: 15_000 });
      expect(await text(again.locator('[data-testid="chat-line-author"]'))).toBe('Leyla');
      expect(await text(again.locator('[data-testid="chat-line-text"]'))).toBe(words);
    });
  });

  // ------------------------------------------------------------------ privacy

  describe('privacy note', () => {
    it('links the configured notice from the call-me form and the chat, saying what is done with the data', async () => {
      const page = await openPage(live, { locale: 'en-GB' });
      await byTestId(page, 'chat-open').click();
      for (const where of ['cb-privacy', 'chat-privacy']) {
        const note = byTestId(page, where);
        expect(await note.isVisible()).toBe(true);
        expect(await text(note)).toBe(
          'We use your data only to handle your complaint, do not give it to third parties, and erase it 90 days after the complaint is closed. Privacy notice',
        );
        const link = note.getByRole('link', { name: 'Privacy notice' });
        expect(await link.getAttribute('href')).toBe(PRIVACY_URL);
        expect(await link.getAttribute('target')).toBe('_blank');
        expect(await link.getAttribute('rel')).toContain('noopener');
      }

      await byTestId(page, 'lang-ru').click();
      expect(await text(byTestId(page, 'chat-privacy'))).toBe(
        'Мы используем ваши данные только для рассмотрения жалобы, не передаём их третьим лицам и удаляем через 90 дней после закрытия жалобы. Политика конфиденциальности',
      );
      await byTestId(page, 'lang-az').click();
      expect(await text(byTestId(page, 'cb-privacy'))).toContain('üçüncü şəxslərə vermirik');
      expect(await text(byTestId(page, 'cb-privacy'))).toContain('90 gün sonra silirik');
      expect(await text(byTestId(page, 'cb-privacy').getByRole('link'))).toBe('Məxfilik siyasəti');
    });

    it('without a configured notice shows the short text and no link', async () => {
      const page = await openPage(fixed, { locale: 'ru-RU' });
      await byTestId(page, 'chat-open').click();
      for (const where of ['cb-privacy', 'chat-privacy']) {
        const note = byTestId(page, where);
        expect(await text(note)).toBe(
          'Мы используем ваши данные только для рассмотрения жалобы, не передаём их третьим лицам и удаляем через 365 дней после закрытия жалобы.',
        );
        expect(await note.locator('a').count()).toBe(0);
      }
    });
  });
});
