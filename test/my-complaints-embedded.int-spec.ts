import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { Clock, tokenHash } from '@plaint/domain';
import { type RunningPlaint, startPlaint } from '../apps/plaint/src/bootstrap';
import { ChatClient } from './support/chat-client';
import { FakeSmsc } from './support/fake-smsc';
import { FakeTelegram } from './support/fake-telegram';
import { greenMail } from './support/greenmail';
import { readInbox } from './support/mailbox';
import { embeddedEnv, UNLIMITED_PUBLIC_RATES } from './support/plaint-services';
import { askForLink, customerBrowser, linksMailedTo, linkToken } from './support/sign-in-links';
import { commandUpdate, textUpdate } from './support/telegram-updates';
import { waitFor } from './support/wait-for';

const PAGE = 'http://care.test/my-complaints.html';
const TOKEN = '123456789:AAHfakeTokenForTheShopBot_0123456789';
const SECRET = 'telegram-webhook-secret-0123456789';
const SAME_ANSWER = { message: 'If we know this contact, a sign-in link is on its way to it.' };
const MINUTE = 60_000;

/** Real time, moved forward by hand to let links and sessions expire. */
class ShiftedClock extends Clock {
  private shift = 0;

  now(): Date {
    return new Date(Date.now() + this.shift);
  }

  advance(ms: number): void {
    this.shift += ms;
  }
}

/**
 * The customer's own page on the one-process install (SQLite, in-process bus): sign-in links by
 * e-mail and in Telegram, the rate limits of asking for them, and links and sessions running out.
 */
describe("the customer's page on the embedded defaults", () => {
  const mail = greenMail();
  const dataDir = mkdtempSync(join(tmpdir(), 'plaint-my-complaints-'));
  const clock = new ShiftedClock();
  let telegram: FakeTelegram;
  let smsc: FakeSmsc;
  let plaint: RunningPlaint;

  beforeAll(async () => {
    telegram = await FakeTelegram.start();
    smsc = await FakeSmsc.start();
    plaint = await startPlaint({
      env: embeddedEnv(dataDir, {
        ...UNLIMITED_PUBLIC_RATES,
        PLAINT_SMTP_URL: `smtp://${mail.host}:${mail.smtpPort}`,
        PLAINT_MAIL_FROM: 'Care <care@plaint.test>',
        PLAINT_CUSTOMER_PAGE_URL: PAGE,
        PLAINT_RATE_LIMIT_SIGN_IN_PER_CONTACT: '3',
        PLAINT_CUSTOMER_LINKS_PER_CONTACT_PER_HOUR: '2',
        PLAINT_TELEGRAM_BOT_TOKEN: `shop=${TOKEN}`,
        PLAINT_TELEGRAM_WEBHOOK_SECRET: SECRET,
        PLAINT_TELEGRAM_API_ROOT: telegram.apiRoot,
        PLAINT_TELEGRAM_CHAT_SEND_INTERVAL_MS: '0',
        PLAINT_SMPP_URL: smsc.url,
      }),
      overrides: { clock },
    });
  }, 60_000);

  afterAll(async () => {
    await plaint?.close();
    await telegram?.close();
    await smsc?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const query = <T>(sql: string, parameters: unknown[] = []) => plaint.app.get(DataSource).query<T[]>(sql, parameters);
  const address = (who: string) => `${who}-${randomUUID().slice(0, 8)}@example.az`;

  /** A "call me back" form with this address; resolves with the reference once core has it. */
  async function formComplaint(email: string, message = 'Aldığım soyuducu iki gündür işləmir.'): Promise<string> {
    const sent = await request(plaint.url).post('/api/v1/callback-requests').send({ fullName: 'Aysel Məmmədova', email, message }).expect(202);
    const reference = sent.body.reference as string;
    await waitFor(() => query<{ n: number }>('SELECT count(*) AS n FROM complaints WHERE reference = ?', [reference]), (rows) => Number(rows[0]?.n) === 1, {
      what: `complaint ${reference}`,
    });
    return reference;
  }

  it("mails a link to an address a form gave; the session it opens lists that customer's complaints and keeps the token nowhere", async () => {
    const aysel = address('aysel');
    const other = address('other');
    const mine = await formComplaint(aysel);
    const theirs = await formComplaint(other);

    await askForLink(plaint.url, aysel.toUpperCase()).expect(202, SAME_ANSWER);
    const [token = ''] = await linksMailedTo(mail, aysel);
    const [sent] = (await readInbox(mail, aysel)).filter((m) => m.text?.includes('#token='));
    expect(sent?.subject).toBe('Sign in to see your complaints');
    expect(sent?.text).toContain(`${PAGE}#token=${token}`);

    const browser = customerBrowser(plaint.url);
    const opened = await browser.post('/api/v1/customer/session').send({ token }).expect(200);
    expect(opened.body).toMatchObject({ contact: `a•••@example.az`, contactKind: 'email' });
    const cookie = String(opened.headers['set-cookie']);
    expect(cookie).toMatch(/^plaint_customer=[A-Za-z0-9_-]{43}; Path=\/api\/v1\/customer; Expires=.+; HttpOnly; SameSite=Strict$/);
    const page = await browser.get('/api/v1/customer/complaints').expect(200);
    expect(page.body.complaints.map((c: { reference: string }) => c.reference)).toEqual([mine]);
    expect(page.body.complaints[0]).toMatchObject({ status: 'received', channel: 'web_form', canWrite: true, next: { kind: 'accept' } });
    await browser.get(`/api/v1/customer/complaints/${theirs}`).expect(404);

    // Only hashes are kept: neither the link's token nor the session's is in any row.
    const sessionToken = /plaint_customer=([^;]+)/.exec(cookie)?.[1] ?? '';
    expect(await query('SELECT id FROM customer_sign_in_links WHERE token_hash = ?', [tokenHash(token)])).toHaveLength(1);
    expect(await query('SELECT id FROM customer_sessions WHERE token_hash = ?', [tokenHash(sessionToken)])).toHaveLength(1);
    for (const [table, column] of [
      ['customer_sign_in_links', 'token_hash'],
      ['customer_sessions', 'token_hash'],
      ['notices', 'text'],
      ['outbox', 'payload'],
    ] as const) {
      const leaks = await query(`SELECT 1 FROM ${table} WHERE ${column} LIKE ? OR ${column} LIKE ?`, [`%${token}%`, `%${sessionToken}%`]);
      expect({ table, leaks }).toEqual({ table, leaks: [] });
    }
  });

  it('never shows a customer a complaint that someone else made in the chat with their address typed in', async () => {
    const gunel = address('gunel');
    const hers = await formComplaint(gunel);
    const visitor = await ChatClient.connect(plaint.url);
    try {
      const started = await visitor.start({ fullName: 'Günel Əliyeva', email: gunel });
      expect(started.ok).toBe(true);
      await visitor.send(randomUUID(), 'Sifarişim gəlmədi, pulu geri qaytarın.');
      await waitFor(() => visitor.plaintLines(), (lines) => lines.some((line) => line.reference), { what: "the chat's acknowledgement" });
    } finally {
      visitor.close();
    }
    await askForLink(plaint.url, gunel).expect(202);
    const [token = ''] = await linksMailedTo(mail, gunel);
    const browser = customerBrowser(plaint.url);
    await browser.post('/api/v1/customer/session').send({ token }).expect(200);
    const page = await browser.get('/api/v1/customer/complaints').expect(200);
    expect(page.body.complaints.map((c: { reference: string; channel: string }) => [c.reference, c.channel])).toEqual([[hers, 'web_form']]);
  });

  it('answers every request alike, limits them per contact however it is spelled and whether we know it or not, and sends at most the hourly cap', async () => {
    const known = address('known');
    await formComplaint(known);
    const unknown = address('unknown');
    const spellings = (email: string) => [email, email.toUpperCase(), `  ${email}  `];
    for (const contact of [known, unknown]) {
      for (const spelled of spellings(contact)) await askForLink(plaint.url, spelled).expect(202, SAME_ANSWER);
      const limited = await askForLink(plaint.url, contact).expect(429);
      expect(limited.body).toMatchObject({ code: 'rate_limited' });
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    }
    // Three asked for the known address, two sent (the hourly cap); none to the unknown one.
    expect(await linksMailedTo(mail, known, 2)).toHaveLength(2);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect((await readInbox(mail, known)).filter((m) => m.text?.includes('#token='))).toHaveLength(2);
    expect(await readInbox(mail, unknown)).toEqual([]);
    await askForLink(plaint.url, 'not a contact').expect(400);
  });

  it('opens the page once per link; a used, altered, expired or made-up token opens nothing, alike', async () => {
    const leyla = address('leyla');
    await formComplaint(leyla);
    await askForLink(plaint.url, leyla).expect(202);
    const [first = ''] = await linksMailedTo(mail, leyla, 1);
    const altered = `${first.slice(0, 20)}${first[20] === 'A' ? 'B' : 'A'}${first.slice(21)}`;
    const refusal = { statusCode: 401, code: 'link-not-valid', message: 'This sign-in link does not open the page any more; ask for a new one' };
    await request(plaint.url).post('/api/v1/customer/session').send({ token: altered }).expect(401, refusal);
    await request(plaint.url).post('/api/v1/customer/session').send({ token: 'x'.repeat(43) }).expect(401, refusal);
    await request(plaint.url).post('/api/v1/customer/session').send({ token: 'short' }).expect(401, refusal);
    await request(plaint.url).post('/api/v1/customer/session').send({ token: first }).expect(200);
    await request(plaint.url).post('/api/v1/customer/session').send({ token: first }).expect(401, refusal);

    await askForLink(plaint.url, leyla).expect(202);
    const [, second = ''] = await linksMailedTo(mail, leyla, 2);
    clock.advance(16 * MINUTE);
    await request(plaint.url).post('/api/v1/customer/session').send({ token: second }).expect(401, refusal);
  });

  it('ends a session after its time, and when its customer signs out, on the server', async () => {
    const nigar = address('nigar');
    await formComplaint(nigar);
    await askForLink(plaint.url, nigar).expect(202);
    const [token = ''] = await linksMailedTo(mail, nigar);
    const browser = customerBrowser(plaint.url);
    const opened = await browser.post('/api/v1/customer/session').send({ token }).expect(200);
    const stolen = /plaint_customer=([^;]+)/.exec(String(opened.headers['set-cookie']))?.[1] ?? '';
    await browser.get('/api/v1/customer/session').expect(200);
    clock.advance(29 * MINUTE);
    await browser.get('/api/v1/customer/complaints').expect(200);
    clock.advance(2 * MINUTE);
    await browser.get('/api/v1/customer/complaints').expect(401, { statusCode: 401, code: 'sign-in-required', message: 'Your session has ended; ask for a new sign-in link' });

    await askForLink(plaint.url, nigar).expect(202);
    const [, again = ''] = await linksMailedTo(mail, nigar, 2);
    const next = customerBrowser(plaint.url);
    const reopened = await next.post('/api/v1/customer/session').send({ token: again }).expect(200);
    const copied = /plaint_customer=([^;]+)/.exec(String(reopened.headers['set-cookie']))?.[1] ?? '';
    expect(copied).not.toBe(stolen);
    const signedOut = await next.delete('/api/v1/customer/session').expect(204);
    expect(String(signedOut.headers['set-cookie'])).toMatch(/^plaint_customer=; Path=\/api\/v1\/customer; Expires=Thu, 01 Jan 1970/);
    // The cookie copied before signing out opens nothing either: the session ended on the server.
    await request(plaint.url).get('/api/v1/customer/complaints').set('Cookie', `plaint_customer=${copied}`).expect(401);
    await request(plaint.url).post('/api/v1/customer/session').send({ token: again }).expect(401);
  });

  it('texts a link to a phone number the form gave, however it is typed, and it opens that complaint', async () => {
    const digits = String(1_000_000 + Math.floor(Math.random() * 8_999_999));
    const phone = `+99450${digits}`;
    const sent = await request(plaint.url)
      .post('/api/v1/callback-requests')
      .send({ fullName: 'Tural Həsənov', phone: `050 ${digits.slice(0, 3)} ${digits.slice(3, 5)} ${digits.slice(5)}`, message: 'Zəng edin, kondisioner işləmir.' })
      .expect(202);
    await waitFor(() => query('SELECT id FROM complaints WHERE reference = ?', [sent.body.reference]), (rows) => rows.length === 1, { what: 'the complaint' });

    await askForLink(plaint.url, `(050) ${digits.slice(0, 3)}-${digits.slice(3, 5)}-${digits.slice(5)}`, 'az').expect(202, SAME_ANSWER);
    const [text = ''] = await waitFor(
      () => smsc.messages(phone).filter((message) => message.includes('#token=')),
      (found) => found.length === 1,
      { what: 'the link by SMS' },
    );
    expect(text).toMatch(/^Şikayətlərinizə baxmaq üçün keçid: http:\/\/care\.test\/my-complaints\.html#token=/);
    const browser = customerBrowser(plaint.url);
    expect((await browser.post('/api/v1/customer/session').send({ token: linkToken(text) }).expect(200)).body).toMatchObject({ contactKind: 'phone', contact: '+994 •••• ' + digits.slice(-2) });
    const page = await browser.get('/api/v1/customer/complaints').expect(200);
    expect(page.body.complaints.map((c: { reference: string }) => c.reference)).toEqual([sent.body.reference]);
  });

  it('sends a Telegram customer who writes /signin a link into that chat, which opens their complaints from Telegram', async () => {
    const userId = 700_000 + Math.floor(Math.random() * 100_000);
    const customer = { id: userId, firstName: 'Rəşad', lastName: 'Quliyev', languageCode: 'ru' };
    const post = (update: Record<string, unknown>) =>
      request(plaint.url).post('/webhooks/telegram/shop').set('content-type', 'application/json').set('X-Telegram-Bot-Api-Secret-Token', SECRET).send(JSON.stringify(update));
    await post(textUpdate(customer, 1, 'Заказ задерживается уже неделю, никто не звонит.')).expect(200);
    const [complaint] = await waitFor(
      () => query<{ reference: string }>('SELECT reference FROM complaints WHERE channel = ? AND conversation = ?', ['telegram', `shop:${userId}`]),
      (rows) => rows.length === 1,
      { what: 'the Telegram complaint' },
    );
    await post(commandUpdate(customer, 2, '/signin')).expect(200);
    const sent = await waitFor(
      () => telegram.sent.filter((message) => message.chatId === String(userId) && message.text.includes('#token=')),
      (found) => found.length === 1,
      { what: 'the sign-in link in the chat' },
    );
    expect(sent[0]?.text).toMatch(/^Ссылка на ваши жалобы: http:\/\/care\.test\/my-complaints\.html#token=/);

    const browser = customerBrowser(plaint.url);
    const opened = await browser.post('/api/v1/customer/session').send({ token: linkToken(sent[0]?.text ?? '') }).expect(200);
    expect(opened.body).toMatchObject({ contact: 'telegram', contactKind: 'platform' });
    const page = await browser.get('/api/v1/customer/complaints').expect(200);
    expect(page.body.complaints.map((c: { reference: string; channel: string }) => [c.reference, c.channel])).toEqual([[complaint?.reference, 'telegram']]);
    // Asking for it filed nothing.
    expect(await query('SELECT status FROM messages WHERE external_id = ?', [`shop:${userId}:2`])).toEqual([{ status: 'sign_in_request' }]);
  });
});
