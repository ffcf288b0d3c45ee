import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import type { RunningPlaint } from '../apps/plaint/src/bootstrap';
import { ChildService } from './support/child-service';
import { FakeTelegram } from './support/fake-telegram';
import { createTestDatabase, queryDatabase, type TestDatabase } from './support/postgres';
import { newInstallation, serviceEnv, startServices } from './support/plaint-services';
import { describeWithRealParts } from './support/real-parts';
import {
  channelPostUpdate,
  commandUpdate,
  contactUpdate,
  documentUpdate,
  editedTextUpdate,
  groupTextUpdate,
  photoUpdate,
  pollAnswerUpdate,
  stickerUpdate,
  type TelegramCustomer,
  textUpdate,
  voiceUpdate,
} from './support/telegram-updates';
import { waitFor } from './support/wait-for';

const TOKEN = '700100:AAHfakeTokenForTheShopBot_0123456789';
const SECRET = 'telegram-webhook-secret-0123456789';
const REFERENCE = /[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}/;

let nextCustomerId = 900_000;
const customer = (languageCode: string, firstName = 'Leyla'): TelegramCustomer => ({
  id: (nextCustomerId += 1),
  firstName,
  lastName: 'Aliyeva',
  username: `user${nextCustomerId}`,
  languageCode,
});

describeWithRealParts('the Telegram channel through its webhook, on Kafka and Postgres', (parts) => {
  let db: TestDatabase;
  let telegram: FakeTelegram;
  let services: RunningPlaint[] = [];
  let social: RunningPlaint;
  const blobDir = mkdtempSync(join(tmpdir(), 'plaint-telegram-blobs-'));

  const query = <T>(sql: string, params: unknown[] = []) => queryDatabase<T>(db.url, sql, params);
  const complaintsOf = (who: TelegramCustomer) =>
    query<{ id: string; reference: string; phone: string | null; full_name: string | null; essence: string; state: string }>(
      'SELECT id, reference, phone, full_name, essence, state FROM complaints WHERE channel = $1 AND conversation = $2',
      ['telegram', `shop:${who.id}`],
    );
  const messagesOf = (who: TelegramCustomer) =>
    query<{ external_id: string; text: string; status: string; raw: string; complaint_id: string | null }>(
      'SELECT external_id, text, status, raw, complaint_id FROM messages WHERE conversation = $1 ORDER BY external_id',
      [`shop:${who.id}`],
    );
  const noticesOf = (who: TelegramCustomer) =>
    query<{ status: string; status_reason: string | null; route: string; attempts: number }>(
      'SELECT n.status, n.status_reason, n.route, n.attempts FROM notices n JOIN complaints c ON c.id = n.complaint_id WHERE c.conversation = $1 ORDER BY n.created_at',
      [`shop:${who.id}`],
    );
  const post = (update: Record<string, unknown>, secret: string | null = SECRET) => {
    const call = request(social.url).post('/webhooks/telegram/shop').set('content-type', 'application/json');
    return (secret === null ? call : call.set('X-Telegram-Bot-Api-Secret-Token', secret)).send(JSON.stringify(update));
  };
  const settle = () => new Promise((resolve) => setTimeout(resolve, 1500));

  beforeAll(async () => {
    telegram = await FakeTelegram.start();
    db = await createTestDatabase(parts.postgresUrl);
    const installation = newInstallation(db.url);
    const telegramEnv = {
      PLAINT_TELEGRAM_BOT_TOKEN: `shop=${TOKEN}`,
      PLAINT_TELEGRAM_WEBHOOK_SECRET: SECRET,
      PLAINT_TELEGRAM_API_ROOT: telegram.apiRoot,
      PLAINT_TELEGRAM_MAX_FILE_BYTES: '4096',
      PLAINT_TELEGRAM_CHAT_SEND_INTERVAL_MS: '0',
      PLAINT_BLOB_DIR: blobDir,
    };
    services = await startServices([
      serviceEnv(parts, installation, 'core'),
      serviceEnv(parts, installation, 'notifier', telegramEnv),
      serviceEnv(parts, installation, 'ingest-social', telegramEnv),
    ]);
    social = services[2] as RunningPlaint;
  }, 120_000);

  afterAll(async () => {
    for (const service of services.reverse()) await service.close();
    await telegram?.close();
    await db?.drop();
  }, 120_000);

  it('turns a customer’s text into one complaint of their verified Telegram identity, also when Telegram delivers it twice', async () => {
    const leyla = customer('az');
    const update = textUpdate(leyla, 11, 'Aldığım soyuducu iki gündür işləmir.');
    await post(update).expect(200, {});
    await post(update).expect(200, {});

    const [complaint, ...others] = await waitFor(() => complaintsOf(leyla), (rows) => rows.length > 0, { what: 'the complaint' });
    expect(others).toEqual([]);
    expect(complaint).toMatchObject({ full_name: 'Leyla Aliyeva', essence: 'Aldığım soyuducu iki gündür işləmir.', state: 'received' });
    await settle();
    expect(await messagesOf(leyla)).toHaveLength(1);
    expect(await query('SELECT kind, value, verified FROM customer_identities WHERE value = $1', [`telegram:${leyla.id}`])).toEqual([
      { kind: 'platform', value: `telegram:${leyla.id}`, verified: true },
    ]);
  });

  it('refuses a post without the right secret token with 401 and takes nothing from it', async () => {
    const stranger = customer('en');
    const wrong = await post(textUpdate(stranger, 1, 'Forged complaint'), 'not-the-secret-token');
    expect(wrong.status).toBe(401);
    expect(JSON.stringify(wrong.body)).not.toContain(SECRET);
    await post(textUpdate(stranger, 2, 'Forged complaint'), null).expect(401);
    await request(social.url).post('/webhooks/telegram/shop').set('X-Telegram-Bot-Api-Secret-Token', 'x').send('{not json').expect(401);
    await request(social.url).post('/webhooks/telegram/other-bot').set('X-Telegram-Bot-Api-Secret-Token', SECRET).send({ update_id: 1 }).expect(404);
    await settle();
    expect(await messagesOf(stranger)).toEqual([]);
  });

  it('keeps a photo, a document and a voice message with their captions in the blob store and names them on the message', async () => {
    const rashad = customer('ru', 'Rashad');
    const photo = Buffer.from('photo of the torn box');
    const receipt = Buffer.from('%PDF-1.4 the receipt');
    const voice = Buffer.from('OggS voice message');
    await post(photoUpdate(rashad, 21, telegram.addFile(photo), 'Коробка порвана')).expect(200);
    await post(documentUpdate(rashad, 22, telegram.addFile(receipt), 'receipt.pdf', 'Вот чек')).expect(200);
    await post(voiceUpdate(rashad, 23, telegram.addFile(voice), 'Послушайте')).expect(200);

    const messages = await waitFor(() => messagesOf(rashad), (rows) => rows.length === 3, { what: 'three messages' });
    expect(messages.map((m) => m.text)).toEqual(['Коробка порвана', 'Вот чек', 'Послушайте']);
    const attachments = messages.map((m) => (JSON.parse(m.raw) as { attachments: { uri: string; sha256: string; filename: string; contentType: string }[] }).attachments);
    const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
    expect(attachments.map((list) => list.map((a) => [a.sha256, a.contentType]))).toEqual([
      [[sha(photo), 'image/jpeg']],
      [[sha(receipt), 'application/pdf']],
      [[sha(voice), 'audio/ogg']],
    ]);
    const [first] = attachments[0] ?? [];
    const hash = first?.sha256 ?? '';
    expect(readFileSync(join(blobDir, hash.slice(0, 2), hash.slice(2, 4), `${hash}.bin`))).toEqual(photo);
    expect(await complaintsOf(rashad)).toHaveLength(1);
  });

  it('keeps the words when a file cannot be downloaded or is too large, and notes why for the agent', async () => {
    const nigar = customer('en', 'Nigar');
    await post(photoUpdate(nigar, 31, telegram.addFile(Buffer.from('lost'), { failDownload: true }), 'The screen arrived cracked')).expect(200);
    await post(documentUpdate(nigar, 32, telegram.addFile(Buffer.alloc(5000, 1)), 'video.mov', 'And a video')).expect(200);

    const messages = await waitFor(() => messagesOf(nigar), (rows) => rows.length === 2, { what: 'both messages' });
    expect(messages.map((m) => m.text)).toEqual(['The screen arrived cracked', 'And a video']);
    const raw = messages.map((m) => JSON.parse(m.raw) as { attachments: unknown[]; attachmentProblems?: string[] });
    expect(raw.map((m) => m.attachments)).toEqual([[], []]);
    expect(raw[0]?.attachmentProblems).toEqual([expect.stringMatching(/^photo-31\.jpg could not be kept: .*500/)]);
    expect(raw[1]?.attachmentProblems).toEqual([expect.stringMatching(/^video\.mov could not be kept: .*more than the 4096 bytes kept/)]);
    expect(await complaintsOf(nigar)).toHaveLength(1);
  });

  it('takes the phone number from the customer’s own shared contact', async () => {
    const elvin = customer('az', 'Elvin');
    await post(textUpdate(elvin, 41, 'Çatdırılma gecikir.')).expect(200);
    await waitFor(() => complaintsOf(elvin), (rows) => rows.length === 1, { what: 'the complaint' });
    await post(contactUpdate(elvin, 42, '994501234567')).expect(200);
    await waitFor(() => messagesOf(elvin), (rows) => rows.length === 2, { what: 'the contact message' });
    const [complaint, ...others] = await waitFor(() => complaintsOf(elvin), (rows) => rows[0]?.phone !== null, { what: 'the phone on the complaint' });
    expect(complaint?.phone).toBe('+994501234567');
    expect(others).toEqual([]);
  });

  it('changes the stored message when the customer edits it and notes it in the complaint’s history, without a new complaint', async () => {
    const aysel = customer('az', 'Aysel');
    await post(textUpdate(aysel, 51, 'Paltaryuyan maşın su axıdır.')).expect(200);
    const [complaint] = await waitFor(() => complaintsOf(aysel), (rows) => rows.length === 1, { what: 'the complaint' });
    const edit = editedTextUpdate(aysel, 51, 'Paltaryuyan maşın su axıdır və səs salır.');
    await post(edit).expect(200);
    await post(edit).expect(200);

    await waitFor(() => messagesOf(aysel), (rows) => rows.find((m) => m.external_id === `shop:${aysel.id}:51`)?.text === 'Paltaryuyan maşın su axıdır və səs salır.', {
      what: 'the edited text',
    });
    await settle();
    const history = await query<{ why: string }>("SELECT why FROM complaint_history WHERE complaint_id = $1 AND why LIKE '%edited%'", [complaint?.id]);
    expect(history).toEqual([{ why: expect.stringContaining('it now reads: Paltaryuyan maşın su axıdır və səs salır.') }]);
    expect(await complaintsOf(aysel)).toHaveLength(1);
  });

  it('greets on /start in the customer’s language, asks for words for a sticker, and opens no complaint for either', async () => {
    const olga = customer('ru', 'Olga');
    await post(commandUpdate(olga, 61, '/start')).expect(200);
    await post(stickerUpdate(olga, 62)).expect(200);
    const sent = await waitFor(() => telegram.sentTo(olga.id), (texts) => texts.length === 2, { what: 'two answers' });
    expect(sent.map((m) => m.text)).toEqual([expect.stringContaining('Здравствуйте'), expect.stringContaining('напишите словами')]);
    expect(sent.every((m) => m.parseMode === undefined)).toBe(true);
    const english = customer('en');
    await post(commandUpdate(english, 63, '/start')).expect(200);
    await waitFor(() => telegram.sentTo(english.id), (texts) => texts[0]?.text.startsWith('Hello!') === true, { what: 'the English greeting' });
    await settle();
    expect(await complaintsOf(olga)).toEqual([]);
  });

  it('waits out Telegram’s 429 (retry_after) before answering', async () => {
    const kamran = customer('az', 'Kamran');
    telegram.throttleSends(kamran.id, 1, 1);
    const throttledBefore = telegram.throttledAnswers;
    await post(commandUpdate(kamran, 71, '/start')).expect(200);
    const [greeting] = await waitFor(() => telegram.sentTo(kamran.id), (texts) => texts.length === 1, { what: 'the greeting after the 429' });
    expect(greeting?.text).toContain('Salam');
    expect(telegram.throttledAnswers).toBe(throttledBefore + 1);

    // A notice, too, goes out after Telegram's retry_after.
    telegram.throttleSends(kamran.id, 1, 1);
    await post(textUpdate(kamran, 72, 'Kuryer sifarişi gətirmədi.')).expect(200);
    const [, acknowledgement] = await waitFor(() => telegram.sentTo(kamran.id), (texts) => texts.length === 2, { what: 'the acknowledgement after the 429' });
    expect(acknowledgement?.text).toMatch(REFERENCE);
    expect(telegram.throttledAnswers).toBe(throttledBefore + 2);
    expect(await noticesOf(kamran)).toEqual([{ status: 'sent', status_reason: null, route: 'telegram', attempts: 2 }]);
  });

  it('marks a notice to a customer who blocked the bot failed with the reason, and does not try again', async () => {
    const farid = customer('en', 'Farid');
    telegram.blockChat(farid.id);
    await post(textUpdate(farid, 75, 'The vacuum cleaner stopped after a week.')).expect(200);
    await waitFor(() => noticesOf(farid), (rows) => rows[0]?.status === 'failed', { what: 'the failed notice' });
    await settle();
    expect(await noticesOf(farid)).toEqual([{ status: 'failed', status_reason: 'telegram: The customer blocked the Telegram bot', route: 'telegram', attempts: 1 }]);
    expect(telegram.sentTo(farid.id)).toEqual([]);
  });

  it('answers in the chat as plain text with the complaint’s reference', async () => {
    const sabina = customer('ru', 'Sabina');
    await post(textUpdate(sabina, 77, 'Курьер опоздал на три дня.')).expect(200);
    const [complaint] = await waitFor(() => complaintsOf(sabina), (rows) => rows.length === 1, { what: 'the complaint' });
    const [acknowledgement] = await waitFor(() => telegram.sentTo(sabina.id), (texts) => texts.length === 1, { what: 'the acknowledgement' });
    expect(acknowledgement?.text).toContain(complaint?.reference);
    expect(acknowledgement?.parseMode).toBeUndefined();
    expect(acknowledgement?.token).toBe(TOKEN);
  });

  it('answers /status and the status words as a status request, and a /start deep link only for the customer’s own complaint', async () => {
    const leyla = customer('en');
    await post(textUpdate(leyla, 81, 'My order 5521 never arrived.')).expect(200);
    const [complaint] = await waitFor(() => complaintsOf(leyla), (rows) => rows.length === 1, { what: 'the complaint' });
    await post(commandUpdate(leyla, 82, '/status')).expect(200);
    await post(textUpdate(leyla, 83, 'статус')).expect(200);
    await post(commandUpdate(leyla, 84, `/start ${complaint?.reference}`)).expect(200);
    const stranger = customer('en');
    await post(commandUpdate(stranger, 85, `/start ${complaint?.reference}`)).expect(200);

    const statusRows = () => query<{ conversation: string; complaint_id: string | null }>("SELECT conversation, complaint_id FROM messages WHERE status = 'status_query' AND conversation IN ($1, $2)", [`shop:${leyla.id}`, `shop:${stranger.id}`]);
    const rows = await waitFor(statusRows, (found) => found.length === 4, { what: 'four status requests' });
    expect(rows.filter((row) => row.conversation === `shop:${leyla.id}`).map((row) => row.complaint_id)).toEqual([complaint?.id, complaint?.id, complaint?.id]);
    // The stranger learns nothing of someone else's complaint.
    expect(rows.find((row) => row.conversation === `shop:${stranger.id}`)?.complaint_id).toBeNull();
    expect(await complaintsOf(leyla)).toHaveLength(1);
    expect(await complaintsOf(stranger)).toEqual([]);
    // The acknowledgement and three status answers in the customer's chat; "not found" for the stranger.
    const answers = await waitFor(() => telegram.sentTo(leyla.id), (texts) => texts.length === 4, { what: 'four answers' });
    expect(answers.every((answer) => answer.text.includes(complaint?.reference ?? '?'))).toBe(true);
    const [notFound] = await waitFor(() => telegram.sentTo(stranger.id), (texts) => texts.length === 1, { what: 'the stranger’s answer' });
    expect(notFound?.text).not.toContain(complaint?.reference);
  });

  it('ignores group chats, channel posts and update kinds it does not read, answering Telegram 200', async () => {
    const member = customer('az');
    await post(groupTextUpdate(member, -100777, 91, 'Salam hamıya')).expect(200);
    await post(channelPostUpdate(-100888, 92, 'Endirim!')).expect(200);
    await post(pollAnswerUpdate(member)).expect(200);
    await post({ update_id: 424242, business_connection: { id: 'b1' } }).expect(200);
    await settle();
    expect(await query('SELECT id FROM messages WHERE conversation IN ($1, $2, $3)', ['shop:-100777', 'shop:-100888', `shop:${member.id}`])).toEqual([]);
    expect(telegram.sentTo(member.id)).toEqual([]);
  });
});

describeWithRealParts('the Telegram channel by long polling, across a crash of ingest-social', (parts) => {
  const POLL_TOKEN = '700200:AAHfakeTokenForTheLaptopBot_987654321';
  let db: TestDatabase;
  let telegram: FakeTelegram;
  let services: RunningPlaint[] = [];
  let env: Record<string, string>;
  let social: ChildService | undefined;

  beforeAll(async () => {
    telegram = await FakeTelegram.start();
    db = await createTestDatabase(parts.postgresUrl);
    const installation = newInstallation(db.url);
    services = await startServices([serviceEnv(parts, installation, 'core')]);
    env = serviceEnv(parts, installation, 'ingest-social', {
      PLAINT_TELEGRAM_BOT_TOKEN: `laptop=${POLL_TOKEN}`,
      PLAINT_TELEGRAM_MODE: 'polling',
      PLAINT_TELEGRAM_POLL_TIMEOUT_SECONDS: '1',
      PLAINT_TELEGRAM_API_ROOT: telegram.apiRoot,
      PLAINT_DATA_DIR: mkdtempSync(join(tmpdir(), 'plaint-telegram-polling-')),
      PLAINT_METRICS_PORT: 'off',
    });
  }, 120_000);

  afterAll(async () => {
    await social?.kill();
    for (const service of services.reverse()) await service.close();
    await telegram?.close();
    await db?.drop();
  }, 120_000);

  it('takes every message of a burst exactly once although ingest-social is killed in the middle of it', async () => {
    const customers = Array.from({ length: 60 }, () => customer('az'));
    const count = async () =>
      Number((await queryDatabase<{ n: string }>(db.url, "SELECT count(*) AS n FROM complaints WHERE conversation LIKE 'laptop:%'"))[0]?.n ?? 0);
    social = ChildService.start(env);
    await waitFor(() => telegram.polls.length, (n) => n > 0, { what: 'ingest-social polling', timeoutMs: 90_000 });
    for (const [i, who] of customers.entries()) {
      telegram.queueUpdates(POLL_TOKEN, [textUpdate(who, 1, `Şikayət nömrə ${i}: sifariş gəlmədi.`)]);
      if (i === 20) await waitFor(count, (n) => n > 0, { what: 'the first complaints', timeoutMs: 90_000 });
      if (i === 30) {
        await social.kill();
        social = ChildService.start(env);
      }
    }
    await waitFor(count, (n) => n >= 60, { what: 'all 60 complaints', timeoutMs: 90_000 });
    await new Promise((resolve) => setTimeout(resolve, 2000));
    expect(await count()).toBe(60);
    const perChat = await queryDatabase<{ conversation: string; n: string }>(
      db.url,
      "SELECT conversation, count(*) AS n FROM messages WHERE conversation LIKE 'laptop:%' GROUP BY conversation HAVING count(*) > 1",
    );
    expect(perChat).toEqual([]);
    // The poller confirmed everything it put on the bus.
    await waitFor(() => telegram.pending(POLL_TOKEN), (n) => n === 0, { what: 'Telegram’s queue confirmed' });
  }, 300_000);
});
