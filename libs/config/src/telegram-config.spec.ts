import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from '@plaint/config';

const TOKEN = '123456789:AAHfakeTokenForTheShopBot_0123456789';
const env = (extra: Record<string, string>) => ({ PLAINT_DATA_DIR: mkdtempSync(join(tmpdir(), 'plaint-telegram-config-')), ...extra });

describe('the Telegram configuration', () => {
  it('is off without a token, and reads one token as the bot named default', () => {
    expect(loadConfig(env({})).telegram.bots).toEqual([]);
    const config = loadConfig(env({ PLAINT_TELEGRAM_BOT_TOKEN: TOKEN, PLAINT_TELEGRAM_WEBHOOK_SECRET: 's'.repeat(32) }));
    expect(config.telegram).toMatchObject({ bots: [{ name: 'default', token: TOKEN }], mode: 'webhook', apiRoot: 'https://api.telegram.org', maxFileBytes: 20 * 1024 * 1024 });
  });

  it('reads several bots as name=token pairs and refuses a name given twice or a malformed token', () => {
    const other = '987654321:BBHfakeTokenForTheOtherBot_987654';
    const config = loadConfig(env({ PLAINT_TELEGRAM_BOT_TOKEN: `shop=${TOKEN}, service=${other}`, PLAINT_TELEGRAM_MODE: 'polling' }));
    expect(config.telegram.bots.map((bot) => bot.name)).toEqual(['shop', 'service']);
    expect(() => loadConfig(env({ PLAINT_TELEGRAM_BOT_TOKEN: `shop=${TOKEN},shop=${other}`, PLAINT_TELEGRAM_MODE: 'polling' }))).toThrow(/named twice/);
    expect(() => loadConfig(env({ PLAINT_TELEGRAM_BOT_TOKEN: 'shop=not-a-token', PLAINT_TELEGRAM_MODE: 'polling' }))).toThrow(ConfigError);
    // The token is never repeated in the error.
    expect(() => loadConfig(env({ PLAINT_TELEGRAM_BOT_TOKEN: `Shop!=${TOKEN}`, PLAINT_TELEGRAM_MODE: 'polling' }))).toThrow(/^(?!.*AAH).*bot name/);
  });

  it('requires the webhook secret where updates are received by webhook, and only there', () => {
    expect(() => loadConfig(env({ PLAINT_TELEGRAM_BOT_TOKEN: TOKEN }))).toThrow(/PLAINT_TELEGRAM_WEBHOOK_SECRET/);
    expect(loadConfig(env({ PLAINT_TELEGRAM_BOT_TOKEN: TOKEN, PLAINT_APP: 'notifier' })).telegram.webhookSecret).toBeUndefined();
    expect(() => loadConfig(env({ PLAINT_TELEGRAM_BOT_TOKEN: TOKEN, PLAINT_TELEGRAM_WEBHOOK_SECRET: 'short' }))).toThrow(/16 to 256/);
  });
});
