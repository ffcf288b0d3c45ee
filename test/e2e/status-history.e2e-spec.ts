/**
 * The status lookup's step history on the customer page, in a real headless Chromium against
 * the booted product. The complaints and their history lines are written straight into the
 * product's database, as the agent actions that produce them would leave them.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, type Locator, type Page } from 'playwright-core';
import { launchChromium } from '../support/chromium';
import { DataSource } from 'typeorm';
import { Clock } from '@plaint/domain';
import { ComplaintEntity, ComplaintHistoryEntity, CustomerEntity } from '@plaint/persistence';
import { type RunningPlaint, startPlaint } from '../../apps/plaint/src/bootstrap';
import { embeddedEnv } from '../support/plaint-services';


/** "Now" for the product: after the review date, before the extended resolution date. */
class FixedClock extends Clock {
  now(): Date {
    return new Date('2026-11-20T08:00:00Z');
  }
}

const AGENT_ID = randomUUID();
const INTERNAL_WHY = 'Supplier Bosch keeps delaying parts; Rəşad Əliyev to chase them';
const REASON = 'Ждём запчасть от производителя <b>Bosch</b>';
const REVIEW_RESULT = 'Мастер проверил машину: неисправен насос. Заказали новый у производителя.';

jest.setTimeout(120_000);

describe('status lookup: state, next date and step history (browser)', () => {
  let plaint: RunningPlaint;
  let browser: Browser;
  let dataDir: string;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'plaint-e2e-history-'));
    plaint = await startPlaint({
      env: embeddedEnv(dataDir),
      overrides: { clock: new FixedClock() },
    });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await plaint?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  afterEach(() => {
    const errors = pageErrors.splice(0);
    expect(errors).toEqual([]);
  });

  /** The page in Russian, in a browser that lives in New York: dates must still be Baku's. */
  async function openPageInRussian(): Promise<Page> {
    const context = await browser.newContext({ timezoneId: 'America/New_York', locale: 'en-US' });
    const page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(`${plaint.url}/?lang=ru`);
    await page.waitForSelector('html.js-ready');
    expect(await page.getAttribute('html', 'lang')).toBe('ru');
    return page;
  }

  const byTestId = (page: Page, id: string): Locator => page.locator(`[data-testid="${id}"]`);
  const stepNames = (page: Page): Promise<string[]> => page.locator('[data-testid="status-step-name"]').allTextContents();
  const step = (page: Page, name: string): Locator => page.locator(`[data-testid="status-step"][data-step="${name}"]`);

  async function lookUp(page: Page, reference: string, contact: string): Promise<void> {
    await byTestId(page, 'status-reference').fill(reference);
    await byTestId(page, 'status-contact').fill(contact);
    await byTestId(page, 'status-submit').click();
    await byTestId(page, 'status-result').waitFor({ state: 'visible', timeout: 15_000 });
  }

  async function insertComplaint(values: Partial<ComplaintEntity> & { reference: string; email: string }): Promise<ComplaintEntity> {
    const db = plaint.app.get(DataSource);
    const customerId = randomUUID();
    const receivedAt = new Date('2026-11-02T05:00:00Z');
    await db.getRepository(CustomerEntity).insert({ id: customerId, fullName: 'Məmmədova Aysel', createdAt: receivedAt });
    const complaint = Object.assign(new ComplaintEntity(), {
      id: randomUUID(),
      customerId,
      state: 'received',
      channel: 'web_form',
      conversation: `web:${values.reference}`,
      replyTo: null,
      language: 'ru',
      fullName: 'Məmmədova Aysel',
      phone: null,
      employeeName: null,
      essence: 'Стиральная машина сломалась через два дня.',
      callbackRequested: true,
      missingDetails: [],
      receivedAt,
      acceptBy: new Date('2026-11-05T19:59:59Z'),
      relatedReference: null,
      emailThread: null,
      reviewBy: new Date('2026-11-06T19:59:59Z'),
      resolveBy: new Date('2026-11-16T19:59:59Z'),
      acceptedAt: new Date('2026-11-03T07:00:00Z'),
      resolvedAt: null,
      rootCause: null,
      lifecycle: null,
      assigneeId: AGENT_ID,
      mergedInto: null,
      loggedBy: null,
      staffIntake: null,
      revision: 0,
      createdAt: receivedAt,
      updatedAt: receivedAt,
      ...values,
    });
    await db.getRepository(ComplaintEntity).insert(complaint);
    return complaint;
  }

  async function insertHistory(
    complaintId: string,
    lines: { at: string; from: string; to: string; why: string; step: string | null; details?: Record<string, string> }[],
  ): Promise<void> {
    await plaint.app.get(DataSource).getRepository(ComplaintHistoryEntity).insert(
      lines.map((line) => ({
        id: randomUUID(),
        complaintId,
        at: new Date(line.at),
        actorKind: 'agent',
        actorId: AGENT_ID,
        fromState: line.from,
        toState: line.to,
        why: line.why,
        step: line.step,
        details: line.details ?? null,
      })),
    );
  }

  it('shows the state, the next date and every step with the extension and its reason, in Russian and in Baku time', async () => {
    const email = `aysel.${Date.now()}@example.az`;
    const complaint = await insertComplaint({
      reference: 'HS12-HS34-HS56',
      email,
      state: 'in_review',
      resolveBy: new Date('2026-11-27T19:59:59Z'),
    });
    await insertHistory(complaint.id, [
      {
        at: '2026-11-02T05:00:00Z',
        from: 'received',
        to: 'received',
        why: 'received',
        step: 'complaint.received',
        details: { acceptBy: '2026-11-05T19:59:59.000Z' },
      },
      {
        at: '2026-11-03T07:00:00Z',
        from: 'received',
        to: 'accepted',
        why: 'accepted',
        step: 'complaint.accepted',
        details: { reviewBy: '2026-11-06T19:59:59.000Z', resolveBy: '2026-11-16T19:59:59.000Z' },
      },
      { at: '2026-11-03T07:05:00Z', from: 'accepted', to: 'accepted', why: INTERNAL_WHY, step: null },
      {
        at: '2026-11-04T09:00:00Z',
        from: 'accepted',
        to: 'in_review',
        why: 'review started',
        step: 'complaint.review-started',
        details: { reviewBy: '2026-11-06T19:59:59.000Z' },
      },
      {
        at: '2026-11-05T10:00:00Z',
        from: 'in_review',
        to: 'in_review',
        why: 'review finished',
        step: 'complaint.reviewed',
        details: { resolveBy: '2026-11-16T19:59:59.000Z', result: REVIEW_RESULT },
      },
      {
        at: '2026-11-12T10:00:00Z',
        from: 'in_review',
        to: 'in_review',
        why: `resolution deadline extended: ${INTERNAL_WHY}`,
        step: 'complaint.extended',
        details: {
          resolveBy: '2026-11-27T19:59:59.000Z',
          previousResolveBy: '2026-11-16T19:59:59.000Z',
          reason: REASON,
          rootCause: 'supplier-delay',
        },
      },
    ]);
    // The page learns the company's time zone from the product's config.
    expect(await (await fetch(`${plaint.url}/config.js`)).text()).toContain('window.PLAINT_TIME_ZONE = "Asia/Baku"');

    const page = await openPageInRussian();
    await lookUp(page, 'hs12hs34hs56', email.toUpperCase());

    expect(await byTestId(page, 'status-result-reference').textContent()).toBe('HS12-HS34-HS56');
    expect(await byTestId(page, 'status-value').textContent()).toBe('На рассмотрении');
    // the review date (6 Nov) has passed, so the date to hold us to is the extended resolution date
    const next = byTestId(page, 'status-next');
    expect(await next.getAttribute('data-kind')).toBe('resolve');
    expect(await next.textContent()).toMatch(/пятница, 27 ноября 2026/);
    expect(await page.locator('dt[data-i18n="st.next.resolve"]').textContent()).toBe('Будет решена не позднее');
    expect(await byTestId(page, 'status-waiting-for').count()).toBe(0);

    // the steps, as an ordered list under a heading, oldest first, without the internal line
    const history = page.getByRole('list', { name: 'История' });
    expect(await page.getByRole('heading', { name: 'История' }).count()).toBe(1);
    expect(await history.getByRole('listitem').count()).toBe(5);
    expect(await history.locator('[data-testid="status-step-name"]').allTextContents()).toEqual([
      'Жалоба поступила',
      'Жалоба принята',
      'Начато рассмотрение',
      'Рассмотрение завершено',
      'Срок решения продлён',
    ]);
    // the review's result as written, and the resolution date it gave
    const reviewed = step(page, 'complaint.reviewed');
    expect(await reviewed.locator('[data-testid="status-step-result"]').textContent()).toBe(`Результат рассмотрения: ${REVIEW_RESULT}`);
    expect(await reviewed.locator('[data-testid="status-step-date"]').textContent()).toMatch(/^Срок решения: понедельник, 16 ноября 2026 г\.$/);
    // 05:00 UTC is 09:00 in Baku (and midnight in the browser's New York)
    expect(await step(page, 'complaint.received').locator('time').textContent()).toMatch(/2 ноября 2026.*09:00/);
    expect(await step(page, 'complaint.received').locator('time').getAttribute('datetime')).toBe('2026-11-02T05:00:00.000Z');
    const extension = step(page, 'complaint.extended');
    expect(await extension.locator('[data-testid="status-step-date"]').textContent()).toMatch(
      /^Новый срок решения: пятница, 27 ноября 2026 г\. \(прежний: понедельник, 16 ноября 2026 г\.\)\.$/,
    );
    // the reason is shown exactly as written, as text
    expect(await extension.locator('[data-testid="status-step-reason"]').textContent()).toBe(`Причина: ${REASON}`);
    expect(await byTestId(page, 'status-result').locator('b, script, img').count()).toBe(0);

    const shown = (await byTestId(page, 'status-result').textContent()) ?? '';
    for (const hidden of [INTERNAL_WHY, 'Rəşad', AGENT_ID, 'supplier-delay', 'review started', 'extended:']) {
      expect(shown).not.toContain(hidden);
    }

    // the same result in English after a switch
    await byTestId(page, 'lang-en').click();
    expect(await byTestId(page, 'status-value').textContent()).toBe('Under review');
    expect(await step(page, 'complaint.extended').locator('[data-testid="status-step-name"]').textContent()).toBe('Resolution date extended');
    expect(await next.textContent()).toMatch(/Friday,? 27 November 2026/);
  });

  it('while waiting for the customer shows what we asked for and no date', async () => {
    const email = `wait.${Date.now()}@example.az`;
    const complaint = await insertComplaint({ reference: 'WT12-WT34-WT56', email, state: 'waiting_for_customer' });
    await insertHistory(complaint.id, [
      {
        at: '2026-11-03T07:00:00Z',
        from: 'received',
        to: 'accepted',
        why: 'accepted',
        step: 'complaint.accepted',
        details: { reviewBy: '2026-11-06T19:59:59.000Z', resolveBy: '2026-11-16T19:59:59.000Z' },
      },
      {
        at: '2026-11-04T07:00:00Z',
        from: 'accepted',
        to: 'waiting_for_customer',
        why: 'details requested from customer: fullName, receipt photo',
        step: 'complaint.details-requested',
        details: { requested: 'fullName,фото чека' },
      },
    ]);

    const page = await openPageInRussian();
    await lookUp(page, 'WT12-WT34-WT56', email);

    expect(await byTestId(page, 'status-value').textContent()).toBe('Ожидаем вашего ответа');
    expect(await byTestId(page, 'status-next').count()).toBe(0);
    expect(await byTestId(page, 'status-waiting-for').getByRole('listitem').allTextContents()).toEqual(['ФИО', 'фото чека']);
    expect(await stepNames(page)).toEqual(['Жалоба поступила', 'Жалоба принята', 'Мы запросили у вас сведения']);
    expect(await step(page, 'complaint.details-requested').locator('[data-testid="status-step-requested"]').textContent()).toBe(
      'Запрошено: ФИО, фото чека',
    );
  });
});
