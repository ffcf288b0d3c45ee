import { randomUUID } from 'node:crypto';
import { type RunningPlaint, startPlaint } from '../apps/plaint/src/bootstrap';
import { MessageBus } from '../libs/bus/src';
import { AGENT_EVENTS_TOPIC, type AgentEventV1, COMPLAINT_EVENTS_TOPIC, type ComplaintEventV1, type DeskViewV1 } from '../libs/contracts/src';
import { verifyAgentReplyToken } from '../libs/domain/src';
import { FakeTelegram } from './support/fake-telegram';
import { greenMail } from './support/greenmail';
import { readInbox } from './support/mailbox';
import { ManualClock } from './support/manual-clock';
import { createTestDatabase, queryDatabase, type TestDatabase } from './support/postgres';
import { newInstallation, serviceEnv } from './support/plaint-services';
import { describeWithRealParts } from './support/real-parts';
import { waitFor } from './support/wait-for';

const TOKEN = '700200:AAHfakeTokenForTheCareBot_0123456789';
const GROUP = '-1001234567890';
const mail = greenMail();

describeWithRealParts('notifications to agents and the care team’s Telegram group, on Kafka, Postgres, SMTP and the Bot API', (parts) => {
  let db: TestDatabase;
  let telegram: FakeTelegram;
  let core: RunningPlaint;
  let notifier: RunningPlaint;
  let secret: string;
  const clock = new ManualClock(new Date());
  const query = <T>(sql: string, params: unknown[] = []) => queryDatabase<T>(db.url, sql, params);
  const settle = () => new Promise((resolve) => setTimeout(resolve, 2500));

  const hire = async (username: string, fields: { email?: string; notifyVia: string; language?: string; chatId?: string; role?: string }) => {
    const id = randomUUID();
    await query(
      `INSERT INTO agents (id, username, display_name, email, password_hash, role, active, created_at, updated_at, notify_via, language, telegram_user_id, telegram_chat_id, telegram_bot)
       VALUES ($1, $2, $2, $3, 'x', $4, true, now(), now(), $5, $6, $7, $7, $8)`,
      [id, username, fields.email ?? null, fields.role ?? 'agent', fields.notifyVia, fields.language ?? null, fields.chatId ?? null, fields.chatId ? 'care' : null],
    );
    return id;
  };
  const deskOf = (reference: string, assigneeId?: string): DeskViewV1 => ({
    complaintId: randomUUID(),
    reference,
    customerName: 'Leyla Aliyeva',
    channel: 'telegram',
    state: 'received',
    deadline: 'accept',
    dueAt: '2026-12-03T10:00:00.000Z',
    lastMessage: 'Soyuducu işləmir.',
    assigneeId,
  });
  const received = (desk: DeskViewV1): ComplaintEventV1 => ({
    eventId: randomUUID(),
    type: 'complaint.received',
    complaintId: desk.complaintId,
    reference: desk.reference,
    occurredAt: new Date().toISOString(),
    channel: 'telegram',
    language: 'az',
    customer: { name: 'Leyla Aliyeva', platformId: '9001' },
    deadlines: { acceptBy: desk.dueAt },
    desk,
  });
  const agentEvent = (type: AgentEventV1['type'], desk: DeskViewV1, audience: AgentEventV1['audience'], text?: string): AgentEventV1 => ({
    eventId: randomUUID(),
    type,
    occurredAt: new Date().toISOString(),
    audience,
    complaint: desk,
    text,
  });
  const publishComplaint = (event: ComplaintEventV1) =>
    notifier.app.get(MessageBus).publish(COMPLAINT_EVENTS_TOPIC, [{ key: event.complaintId, value: event, headers: {} }]);
  const publishAgent = (event: AgentEventV1) =>
    notifier.app.get(MessageBus).publish(AGENT_EVENTS_TOPIC, [{ key: event.complaint?.complaintId ?? 'x', value: event, headers: {} }]);

  beforeAll(async () => {
    telegram = await FakeTelegram.start();
    db = await createTestDatabase(parts.postgresUrl);
    const installation = newInstallation(db.url);
    secret = installation.referenceSecret;
    const env = {
      PLAINT_SMTP_URL: `smtp://${mail.host}:${mail.smtpPort}`,
      PLAINT_MAIL_FROM: 'Kontakt Care <care@plaint.test>',
      PLAINT_TELEGRAM_BOT_TOKEN: `care=${TOKEN}`,
      PLAINT_TELEGRAM_WEBHOOK_SECRET: 'telegram-webhook-secret-0123456789',
      PLAINT_TELEGRAM_API_ROOT: telegram.apiRoot,
      PLAINT_TELEGRAM_CHAT_SEND_INTERVAL_MS: '0',
      PLAINT_STAFF_TELEGRAM_GROUP: GROUP,
      PLAINT_STAFF_NOTIFICATIONS_PER_HOUR: '2',
      PLAINT_TIME_ZONE: 'Asia/Baku',
    };
    core = await startPlaint({ env: serviceEnv(parts, installation, 'core', env) });
    notifier = await startPlaint({ env: serviceEnv(parts, installation, 'notifier', env), overrides: { clock } });
  }, 120_000);

  afterAll(async () => {
    await notifier?.close();
    await core?.close();
    await telegram?.close();
    await db?.drop();
  }, 120_000);

  it('tells the queue of a new complaint once by e-mail and Telegram, and opens its topic in the group, also when the event comes twice', async () => {
    const aysel = `aysel-${randomUUID().slice(0, 8)}@care.test`;
    const ayselId = await hire(`aysel-${aysel.slice(6, 14)}`, { email: aysel, notifyVia: 'email', language: 'en' });
    const rashadChat = String(6_000_000 + Math.floor(Math.random() * 1_000_000));
    await hire(`rashad-${rashadChat}`, { notifyVia: 'telegram', language: 'ru', chatId: rashadChat });
    const desk = deskOf('K7M3-9QXA-2B4C');
    const event = received(desk);
    await publishComplaint(event);
    await publishComplaint(event);

    const [notification] = await waitFor(() => readInbox(mail, aysel), (mails) => mails.length >= 1, { what: 'the agent’s notification mail' });
    expect(notification?.subject).toBe('New complaint · Leyla Aliyeva [K7M3-9QXA-2B4C]');
    expect(notification?.text).toContain('Deadline (to accept): 3 Dec 2026, 14:00 (Asia/Baku)');
    expect(notification?.from?.value[0]?.address).toBe('care@plaint.test');
    const replyTo = notification?.replyTo?.value[0]?.address ?? '';
    const token = /^care\+(r[0-9a-z]+)@plaint\.test$/.exec(replyTo)?.[1] ?? '';
    expect(verifyAgentReplyToken(secret, token, ayselId)).toBe('K7M3-9QXA-2B4C');
    expect(verifyAgentReplyToken(secret, token, randomUUID())).toBeNull();
    expect(notification?.messageId).toMatch(new RegExp(`^<plaint-agent\\.${token}\\.[0-9a-z]+@`));
    expect(notification?.headers.get('x-auto-response-suppress')).toBe('OOF, AutoReply');
    expect(notification?.text).not.toContain('9001');

    const [dm] = await waitFor(() => Promise.resolve(telegram.sentTo(rashadChat)), (sent) => sent.length >= 1, { what: 'the agent’s Telegram message' });
    expect(dm?.text.split('\n')[0]).toBe('K7M3-9QXA-2B4C · Новая жалоба');

    const [post] = await waitFor(() => Promise.resolve(telegram.sentTo(GROUP)), (sent) => sent.length >= 1, { what: 'the post in the group' });
    expect(telegram.topics).toEqual([{ token: TOKEN, chatId: GROUP, name: 'K7M3-9QXA-2B4C · Leyla Aliyeva', threadId: expect.any(String) as string }]);
    expect(post?.threadId).toBe(telegram.topics[0]?.threadId);
    expect(await query('SELECT reference, chat_id, thread_id FROM staff_topics')).toEqual([
      { reference: 'K7M3-9QXA-2B4C', chat_id: GROUP, thread_id: telegram.topics[0]?.threadId },
    ]);

    // A note on the complaint goes into the same topic; no second topic is opened.
    await publishAgent(agentEvent('complaint.note', desk, {}, 'Called the store; waiting for their answer.'));
    const posts = await waitFor(() => Promise.resolve(telegram.sentTo(GROUP)), (sent) => sent.length >= 2, { what: 'the note in the topic' });
    expect(posts[1]?.text).toContain('Called the store');
    expect(posts[1]?.threadId).toBe(telegram.topics[0]?.threadId);
    await settle();
    expect(await readInbox(mail, aysel)).toHaveLength(1);
    expect(telegram.sentTo(rashadChat)).toHaveLength(1);
    expect(telegram.sentTo(GROUP)).toHaveLength(2);
    expect(telegram.topics).toHaveLength(1);
  });

  it('holds an agent’s notifications past the hourly cap and sends them as one digest when the hour allows', async () => {
    const busy = `busy-${randomUUID().slice(0, 8)}@care.test`;
    const busyId = await hire(`busy-${busy.slice(5, 13)}`, { email: busy, notifyVia: 'email', language: 'en' });
    const desk = deskOf('AAAA-BBBB-CCCC', busyId);
    for (const text of ['first', 'second', 'third', 'fourth']) {
      await publishAgent(agentEvent('customer.message', desk, { agentIds: [busyId] }, `Customer says: ${text}`));
    }
    await waitFor(() => readInbox(mail, busy), (mails) => mails.length === 2, { what: 'two notifications within the cap' });
    await settle();
    expect(await readInbox(mail, busy)).toHaveLength(2);

    clock.advance(61 * 60 * 1000);
    const mails = await waitFor(() => readInbox(mail, busy), (found) => found.length === 3, { what: 'the digest' });
    const digest = mails[2];
    expect(digest?.subject).toBe('2 notifications [AAAA-BBBB-CCCC]');
    expect(digest?.text).toContain('Customer says: third');
    expect(digest?.text).toContain('Customer says: fourth');
    // The rows share one instant on the test's clock: they are told apart by what they say.
    const rows = await query<{ status: string; message_id: string; text: string }>(
      `SELECT status, message_id, text FROM staff_notifications WHERE agent_id = $1`,
      [busyId],
    );
    const said = (word: string) => rows.find((row) => row.text.includes(`Customer says: ${word}`));
    expect(rows.map((row) => row.status)).toEqual(['sent', 'sent', 'sent', 'sent']);
    expect(said('third')?.message_id).toBe(said('fourth')?.message_id);
    expect(said('first')?.message_id).not.toBe(said('third')?.message_id);
    expect(said('second')?.message_id).not.toBe(said('third')?.message_id);
  });
});
