/**
 * The admins' staff screen of the desk, in a real headless Chromium against the booted
 * one-process product (embedded SQLite, in-process bus): the first admin, made the way
 * `npm run agent:create-admin` makes one, creates an agent (a weak password refused first),
 * the agent signs in and works, and once deactivated cannot sign in again. Needs `npm run
 * build` (the desk is served from dist/desk). Screenshots go to test-output/desk/.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import type { Locator, Page } from 'playwright-core';
import { loadConfig } from '@plaint/config';
import { type RunningPlaint, startPlaint } from '../apps/plaint/src/bootstrap';
import { createAdminAgent } from '../apps/plaint/src/operator-commands';
import { byTestId, DeskBrowser, SHOTS, signIn } from './support/desk-browser';
import { embeddedEnv } from './support/plaint-services';

jest.setTimeout(240_000);

const ADMIN = { username: 'admin', displayName: 'Care Admin', password: 'choose-a-long-password' };
const AGENT = { username: 'leyla.m', displayName: 'Leyla Məmmədova', email: 'leyla@example.az', password: 'Leylanın uzun şifrəsi 2026' };

describe('agent desk: the staff screen (browser)', () => {
  let plaint: RunningPlaint;
  let desk: DeskBrowser;
  let dataDir: string;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    dataDir = mkdtempSync(join(tmpdir(), 'plaint-e2e-desk-staff-'));
    const env = embeddedEnv(dataDir);
    // A new installation's first step (README): the first admin, from the command line.
    await createAdminAgent(loadConfig(env), ADMIN, new PassThrough());
    plaint = await startPlaint({ env });
    desk = await DeskBrowser.launch(plaint.url);
  });

  afterAll(async () => {
    await desk?.close();
    await plaint?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  afterEach(() => desk.expectNoPageFaults());

  const account = (page: Page, username: string): Locator => page.locator(`[data-testid="staff-account"][data-username="${username}"]`);
  const focusedId = (page: Page): Promise<string> => page.evaluate<string>('document.activeElement ? document.activeElement.id : ""');
  /** Waits until the element `id` has the focus: the desk moves it once it has rendered the change. */
  const expectFocusOn = async (page: Page, id: string | null): Promise<void> => {
    expect(id).toBeTruthy();
    await page.waitForFunction(`document.activeElement?.id === ${JSON.stringify(id)}`, undefined, { timeout: 5_000 }).catch(async () => {
      throw new Error(`the focus is on "${await focusedId(page)}", not on "${id}"`);
    });
  };

  /** The desk signed in as `username`, in English once the account's own language has come. */
  async function signedIn(username: string, password: string, path = '/desk/', viewport?: { width: number; height: number }): Promise<Page> {
    const page = await desk.open(path, viewport);
    const preferences = page.waitForResponse((response) => response.url().endsWith('/api/v1/agent/me/preferences') && response.request().method() === 'GET');
    await signIn(page, username, password);
    await byTestId(page, 'sign-in').waitFor({ state: 'detached' });
    await preferences;
    await byTestId(page, 'language').selectOption('en');
    return page;
  }

  it('lets the first admin create an agent, refusing a weak password in the server’s words; the agent signs in, and once deactivated cannot', async () => {
    const admin = await signedIn(ADMIN.username, ADMIN.password);
    await byTestId(admin, 'inbox').waitFor();
    // The header's link, in each of the desk's languages.
    for (const [language, word] of [
      ['az', 'Əməkdaşlar'],
      ['ru', 'Сотрудники'],
      ['en', 'Staff'],
    ] as const) {
      await byTestId(admin, 'language').selectOption(language);
      expect(await byTestId(admin, 'nav-staff').textContent()).toBe(word);
    }
    await byTestId(admin, 'nav-staff').click();
    await byTestId(admin, 'staff').waitFor();
    expect(admin.url()).toMatch(/\/desk\/staff$/);
    expect(await byTestId(admin, 'nav-staff').getAttribute('aria-current')).toBe('page');

    // The admin's own account is listed, and cannot be deactivated from here.
    const self = account(admin, ADMIN.username);
    await self.waitFor();
    expect(await self.locator('[data-testid="staff-account-role"]').getAttribute('data-role')).toBe('admin');
    expect(await self.locator('[data-testid="staff-deactivate"]').count()).toBe(0);

    // A password under the server's minimum: refused with its reason beside the field, the rest kept.
    await byTestId(admin, 'staff-new-username').fill(AGENT.username);
    await byTestId(admin, 'staff-new-displayName').fill(AGENT.displayName);
    await byTestId(admin, 'staff-new-role').selectOption('agent');
    await byTestId(admin, 'staff-new-password').fill('too short');
    await byTestId(admin, 'staff-new-email').fill(AGENT.email);
    await byTestId(admin, 'staff-new-submit').click();
    const reason = byTestId(admin, 'staff-new-password-problem');
    await reason.waitFor();
    expect(await reason.textContent()).toMatch(/password.*12/);
    expect(await byTestId(admin, 'staff-new-password').getAttribute('aria-invalid')).toBe('true');
    expect(await byTestId(admin, 'staff-new-password').getAttribute('aria-describedby')).toContain('staff-new-password-problem');
    await expectFocusOn(admin, 'staff-new-password');
    expect(await byTestId(admin, 'staff-new-username').inputValue()).toBe(AGENT.username);
    expect(await byTestId(admin, 'staff-new-displayName').inputValue()).toBe(AGENT.displayName);
    expect(await byTestId(admin, 'staff-new-email').inputValue()).toBe(AGENT.email);
    expect(await byTestId(admin, 'staff-new-password').inputValue()).toBe('too short');
    expect(await account(admin, AGENT.username).count()).toBe(0);
    await admin.screenshot({ path: join(SHOTS, 'staff-refused.png'), fullPage: true });

    // With a good password the account is made, listed, and the focus is on it.
    await byTestId(admin, 'staff-new-password').fill(AGENT.password);
    await byTestId(admin, 'staff-new-submit').click();
    const created = account(admin, AGENT.username);
    await created.waitFor();
    expect(await byTestId(admin, 'staff-status').textContent()).toBe(`Account ${AGENT.username} created.`);
    expect(await created.locator('h3').textContent()).toBe(AGENT.displayName);
    expect(await created.locator('[data-testid="staff-account-role"]').getAttribute('data-role')).toBe('agent');
    expect(await created.locator('[data-testid="staff-account-email"]').textContent()).toBe(AGENT.email);
    expect(await created.locator('[data-testid="staff-account-status"]').textContent()).toBe('active');
    expect(await created.textContent()).toContain('by e-mail');
    await expectFocusOn(admin, await created.locator('h3').getAttribute('id'));
    expect(await byTestId(admin, 'staff-new-username').inputValue()).toBe('');
    expect(await byTestId(admin, 'staff-new-password').inputValue()).toBe('');
    expect(await byTestId(admin, 'staff-new-password-problem').count()).toBe(0);

    // The new agent signs in in another browser and sees the inbox; the staff screen is not theirs.
    const agent = await signedIn(AGENT.username, AGENT.password);
    await byTestId(agent, 'inbox').waitFor();
    expect(await byTestId(agent, 'agent-name').textContent()).toBe(AGENT.displayName);
    expect(await byTestId(agent, 'nav-staff').count()).toBe(0);

    // Editing from the keyboard: the form takes the focus, Escape cancels it and gives the focus back to "Edit".
    const editButton = created.locator('[data-testid="staff-edit-open"]');
    await editButton.click();
    const name = created.locator('[data-testid="staff-edit-displayName"]');
    await expectFocusOn(admin, await name.getAttribute('id'));
    await name.fill('Someone Else');
    await name.press('Escape');
    await created.locator('[data-testid="staff-edit"]').waitFor({ state: 'detached' });
    expect(await created.locator('h3').textContent()).toBe(AGENT.displayName);
    await expectFocusOn(admin, await editButton.getAttribute('id'));

    // A changed address: a refused one stays in the field with the reason; Enter saves, and the focus returns to "Edit".
    await admin.keyboard.press('Enter');
    const email = created.locator('[data-testid="staff-edit-email"]');
    await email.fill('not an address');
    await email.press('Enter');
    await created.locator('[data-testid="staff-edit-problem"]').waitFor();
    expect(await email.getAttribute('aria-invalid')).toBe('true');
    expect(await email.inputValue()).toBe('not an address');
    await email.fill('leyla.m@example.az');
    await email.press('Enter');
    await created.locator('[data-testid="staff-edit"]').waitFor({ state: 'detached' });
    expect(await created.locator('[data-testid="staff-account-email"]').textContent()).toBe('leyla.m@example.az');
    expect(await byTestId(admin, 'staff-status').textContent()).toBe(`Changes to ${AGENT.username} saved.`);
    await expectFocusOn(admin, await editButton.getAttribute('id'));

    // Deactivated with the keyboard: the button turns into "Reactivate" and keeps the focus.
    await created.locator('[data-testid="staff-deactivate"]').focus();
    await admin.keyboard.press('Enter');
    await admin.locator(`[data-testid="staff-account"][data-username="${AGENT.username}"][data-active="false"]`).waitFor();
    expect(await created.locator('[data-testid="staff-account-status"]').textContent()).toBe('deactivated');
    expect(await byTestId(admin, 'staff-status').textContent()).toContain(`Account ${AGENT.username} deactivated`);
    const reactivate = created.locator('[data-testid="staff-reactivate"]');
    await expectFocusOn(admin, await reactivate.getAttribute('id'));
    await admin.screenshot({ path: join(SHOTS, 'staff.png'), fullPage: true });

    // The agent's session is over at their next step, and their next sign-in is refused.
    await agent.reload();
    await byTestId(agent, 'sign-in').waitFor();
    await signIn(agent, AGENT.username, AGENT.password);
    expect(await byTestId(agent, 'sign-in-problem').textContent()).toBe('The username or password is not correct');
    await byTestId(agent, 'inbox').waitFor({ state: 'detached' });

    // Reactivated, they are let back in.
    await reactivate.click();
    await admin.locator(`[data-testid="staff-account"][data-username="${AGENT.username}"][data-active="true"]`).waitFor();
    await signIn(agent, AGENT.username, AGENT.password);
    await byTestId(agent, 'inbox').waitFor();
  });

  it('fits a phone’s width, and is not offered to an agent', async () => {
    const phone = await signedIn(ADMIN.username, ADMIN.password, '/desk/staff', { width: 375, height: 812 });
    await account(phone, AGENT.username).waitFor();
    await phone.screenshot({ path: join(SHOTS, 'staff-phone.png'), fullPage: true });
    expect(await phone.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(375);

    // An agent opening the address gets the inbox.
    const agent = await signedIn(AGENT.username, AGENT.password, '/desk/staff');
    await byTestId(agent, 'inbox').waitFor();
    expect(await byTestId(agent, 'staff').count()).toBe(0);
  });
});
