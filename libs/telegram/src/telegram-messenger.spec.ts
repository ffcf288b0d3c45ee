import { SendPacer } from './send-pacer';
import { TelegramApiError, type TelegramClient } from './telegram-client';
import { TelegramMessenger } from './telegram-messenger';

function clientAnswering(answers: (number | TelegramApiError)[]): { client: TelegramClient; texts: string[] } {
  const texts: string[] = [];
  const client = {
    sendMessage: (_chat: string, text: string) => {
      const next = answers.shift() ?? 1;
      if (next instanceof TelegramApiError) return Promise.reject(next);
      texts.push(text);
      return Promise.resolve(next);
    },
  } as unknown as TelegramClient;
  return { client, texts };
}

const noWait = new SendPacer(1_000_000, 0);

describe('TelegramMessenger', () => {
  it('sends a long text in parts and gives the first part’s message id', async () => {
    const { client, texts } = clientAnswering([11, 12]);
    const outcome = await new TelegramMessenger(client, noWait).send('501', `${'a '.repeat(3000)}`);
    expect(outcome).toEqual({ ok: true, messageId: '11' });
    expect(texts).toHaveLength(2);
    expect(texts.every((text) => text.length <= 4096)).toBe(true);
  });

  it('hands a 429 on the first part back with Telegram’s retry_after, and waits one out inside a split text', async () => {
    const throttled = new TelegramApiError(429, 'Too Many Requests: retry after 3', 3);
    expect(await new TelegramMessenger(clientAnswering([throttled]).client, noWait).send('501', 'hi')).toEqual({
      ok: false,
      permanent: false,
      reason: 'Telegram asked to send more slowly',
      retryAfterMs: 3000,
    });
    const waited: number[] = [];
    const { client, texts } = clientAnswering([21, throttled, 22]);
    const outcome = await new TelegramMessenger(client, noWait, (ms) => Promise.resolve(void waited.push(ms))).send('501', 'b '.repeat(3000));
    expect(outcome).toEqual({ ok: true, messageId: '21' });
    expect(waited).toEqual([3000]);
    expect(texts).toHaveLength(2);
  });

  it('calls a chat whose user blocked the bot a permanent failure an agent can read', async () => {
    const blocked = new TelegramApiError(403, 'Forbidden: bot was blocked by the user');
    expect(await new TelegramMessenger(clientAnswering([blocked]).client, noWait).send('501', 'hi')).toEqual({
      ok: false,
      permanent: true,
      reason: 'The customer blocked the Telegram bot',
    });
  });

  it('retries later when Telegram cannot be reached', async () => {
    const client = { sendMessage: async () => Promise.reject(new Error('connect ECONNREFUSED')) } as unknown as TelegramClient;
    expect(await new TelegramMessenger(client, noWait).send('501', 'hi')).toMatchObject({ ok: false, permanent: false });
  });
});
