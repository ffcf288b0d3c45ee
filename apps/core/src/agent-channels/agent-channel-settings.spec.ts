import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { loadConfig, type PlaintConfig } from '@plaint/config';
import { Clock } from '@plaint/domain';
import { AgentEntity, AgentLinkCodeEntity, dataSourceOptions } from '@plaint/persistence';
import { AgentApiRefused } from '../agent-api/agent-api.errors';
import { CoreStore } from '../store/core-store';
import { AgentChannelSettings } from './agent-channel-settings.use-case';
import { linkCodeHash } from './link-code';

class FixedClock extends Clock {
  now(): Date {
    return new Date('2026-11-02T09:00:00Z');
  }
}

const LEYLA = '0191c3a4-0000-7000-8000-000000000001';
const dataDir = () => mkdtempSync(join(tmpdir(), 'agent-channel-settings-'));
const withoutTelegram = loadConfig({ PLAINT_DATA_DIR: dataDir() });
const withStaffBot = loadConfig({
  PLAINT_DATA_DIR: dataDir(),
  PLAINT_TELEGRAM_BOT_TOKEN: 'care=700200:AAHfakeTokenForTheCareBot_0123456789',
  PLAINT_TELEGRAM_MODE: 'polling',
});

/** The settings over a fresh in-memory SQLite store with one agent, wired as the module wires them. */
async function settingsOnSqlite(config: PlaintConfig) {
  const dataSource = new DataSource(dataSourceOptions({ kind: 'sqlite', file: ':memory:' }));
  await dataSource.initialize();
  const at = new Date('2026-10-01T00:00:00Z');
  await dataSource.getRepository(AgentEntity).insert(
    Object.assign(new AgentEntity(), {
      id: LEYLA,
      username: 'leyla',
      displayName: 'Leyla',
      email: 'leyla@care.test',
      passwordHash: 'x',
      role: 'agent',
      active: true,
      createdAt: at,
      updatedAt: at,
      notifyVia: 'email',
      language: null,
      telegramUserId: null,
      telegramChatId: null,
      telegramBot: null,
    }),
  );
  const codes = () => dataSource.getRepository(AgentLinkCodeEntity).find();
  return { dataSource, codes, settings: new AgentChannelSettings(new CoreStore(dataSource), new FixedClock(), config) };
}

describe('AgentChannelSettings: Telegram link codes (SQLite)', () => {
  let parts: Awaited<ReturnType<typeof settingsOnSqlite>> | undefined;
  afterEach(async () => {
    await parts?.dataSource.destroy();
    parts = undefined;
  });

  it('refuses a link code where staff Telegram is not configured, and stores nothing', async () => {
    parts = await settingsOnSqlite(withoutTelegram);
    const refusal = await parts.settings.issueLinkCode(LEYLA).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(refusal).toBeInstanceOf(AgentApiRefused);
    expect(refusal).toMatchObject({ kind: 'conflict', message: expect.stringMatching(/Telegram is not configured/) });
    expect(await parts.codes()).toEqual([]);
  });

  it('issues a code for the staff bot, keeps only its hash, and a new code replaces the unused one', async () => {
    parts = await settingsOnSqlite(withStaffBot);
    const first = await parts.settings.issueLinkCode(LEYLA);
    expect(first).toMatchObject({ bot: 'care', expiresAt: '2026-11-02T09:15:00.000Z' });
    expect(first.instructions).toContain(`/link ${first.code}`);
    const second = await parts.settings.issueLinkCode(LEYLA);
    expect((await parts.codes()).map((row) => row.codeHash)).toEqual([linkCodeHash(second.code)]);
  });
});
