import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Consumer, Kafka, logLevel } from 'kafkajs';
import request from 'supertest';
import type { RunningPlaint } from '../apps/plaint/src/bootstrap';
import { AGENT_COMMANDS_TOPIC, type AgentCommandV1, INBOUND_TOPIC, type InboundMessageV1 } from '../libs/contracts/src';
import { agentMessageId, agentReplyAddress, agentReplyToken } from '../libs/domain/src';
import { FakeTelegram } from './support/fake-telegram';
import { greenMail } from './support/greenmail';
import { composeMail, deliverRaw, sendMail } from './support/mail-sender';
import { createTestDatabase, queryDatabase, type TestDatabase } from './support/postgres';
import { newInstallation, serviceEnv, startServices } from './support/plaint-services';
import { describeWithRealParts } from './support/real-parts';
import { Staff } from './support/staff';
import {
  botTopicMessage,
  commandUpdate,
  editedGroupTopicUpdate,
  groupTopicUpdate,
  otherBotGroupUpdate,
  type TelegramCustomer,
  textUpdate,
  topicCreatedMessage,
  topicCreatedUpdate,
} from './support/telegram-updates';
import { waitFor } from './support/wait-for';

const mail = greenMail();
const TOKEN = '700100:AAHfakeTokenForTheShopBot_0123456789';
const SECRET = 'telegram-webhook-secret-0123456789';
const GROUP = { id: -1001234567890, title: 'Care team' };
const BOT = { id: 700100, username: 'plaint_shop_bot', firstName: 'Shop' };
const REFERENCE = 'K7M4-Q9XD-2PTA';

/** Everything the installation put on one topic, read from the start by a group of the test's own. */
class TopicLog<T> {
  readonly values: T[] = [];
  private constructor(private readonly consumer: Consumer) {}

  static async open<T>(kafka: Kafka, topic: string): Promise<TopicLog<T>> {
    const admin = kafka.admin();
    await admin.connect();
    // The services declare their topics as they first use them; the reader may come first.
    await admin.createTopics({ topics: [{ topic, numPartitions: 3 }] }).finally(() => admin.disconnect());
    const log = new TopicLog<T>(kafka.consumer({ groupId: `agent-replies-reader-${randomUUID()}` }));
    await log.consumer.connect();
    await log.consumer.subscribe({ topic, fromBeginning: true });
    await log.consumer.run({
      eachMessage: ({ message }) => {
        log.values.push(JSON.parse(message.value?.toString() ?? 'null') as T);
        return Promise.resolve();
      },
    });
    return log;
  }

  close(): Promise<void> {
    return this.consumer.disconnect();
  }
}

describeWithRealParts('agents’ replies by mail and from the staff group become their commands (real GreenMail, Kafka, Postgres)', (parts) => {
  let db: TestDatabase;
  let telegram: FakeTelegram;
  let services: RunningPlaint[] = [];
  let social: RunningPlaint;
  let commands: TopicLog<AgentCommandV1>;
  let inbound: TopicLog<InboundMessageV1>;
  let installation: ReturnType<typeof newInstallation>;
  let raufId: string;
  const care = `care-${randomUUID().slice(0, 8)}@plaint.test`;
  const rauf: TelegramCustomer = { id: 30_001, firstName: 'Rauf', lastName: 'Həsənov', username: 'rauf_h', languageCode: 'az' };
  const slow = { timeoutMs: 45_000, intervalMs: 200 };
  const quiet = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
  const post = (update: Record<string, unknown>) =>
    request(social.url)
      .post('/webhooks/telegram/shop')
      .set('content-type', 'application/json')
      .set('X-Telegram-Bot-Api-Secret-Token', SECRET)
      .send(JSON.stringify(update))
      .expect(200);
  const commandsWhere = (match: (command: AgentCommandV1) => boolean) => commands.values.filter(match);

  beforeAll(async () => {
    telegram = await FakeTelegram.start();
    db = await createTestDatabase(parts.postgresUrl);
    installation = newInstallation(db.url);
    const telegramEnv = {
      PLAINT_TELEGRAM_BOT_TOKEN: `shop=${TOKEN}`,
      PLAINT_TELEGRAM_WEBHOOK_SECRET: SECRET,
      PLAINT_TELEGRAM_API_ROOT: telegram.apiRoot,
      PLAINT_STAFF_TELEGRAM_GROUP: String(GROUP.id),
      PLAINT_BLOB_DIR: mkdtempSync(join(tmpdir(), 'plaint-agent-replies-')),
    };
    services = await startServices([
      serviceEnv(parts, installation, 'core'),
      serviceEnv(parts, installation, 'ingest-email', {
        PLAINT_IMAP_URL: `imap://${encodeURIComponent(care)}:x@${mail.host}:${mail.imapPort}/INBOX`,
        PLAINT_IMAP_SWEEP_MS: '500',
        PLAINT_MAIL_FROM: `Care <${care}>`,
      }),
      serviceEnv(parts, installation, 'ingest-social', telegramEnv),
    ]);
    social = services[2] as RunningPlaint;
    const staff = await Staff.hire(services[0] as RunningPlaint, [['rauf', 'agent']]);
    raufId = staff.id('rauf');
    const kafka = new Kafka({ clientId: 'agent-replies-reader', brokers: parts.kafkaBrokers.split(','), logLevel: logLevel.NOTHING });
    commands = await TopicLog.open(kafka, `${installation.topicPrefix}${AGENT_COMMANDS_TOPIC}`);
    inbound = await TopicLog.open(kafka, `${installation.topicPrefix}${INBOUND_TOPIC}`);
  }, 120_000);

  afterAll(async () => {
    await commands?.close();
    await inbound?.close();
    for (const service of services.reverse()) await service.close();
    await telegram?.close();
    await db?.drop();
  }, 120_000);

  describe('by mail', () => {
    const agentAddress = { name: 'Rauf Həsənov', address: 'Rauf@Shop.Test' };
    const token = () => agentReplyToken(installation.referenceSecret, REFERENCE, raufId);
    const notification = () => agentMessageId(token(), `n-${randomUUID()}`, 'plaint.test');
    const quotedReply = (first: string) =>
      [first, '', 'On Tue, 24 Nov 2026 at 10:00, Care <care@plaint.test> wrote:', `> [${REFERENCE}] Leyla wrote again`, '', '-- ', 'Rauf Həsənov'].join('\n');

    it('takes a reply sent to the +token Reply-To, which the server delivered to the care mailbox, as the agent’s command', async () => {
      // The agent's client addresses the notification's Reply-To; the care mailbox's server files
      // plus-addresses in the care INBOX and keeps the header. GreenMail files `care+tag` in a
      // mailbox of its own, so the test hands the mail to the care mailbox as that server would.
      const replyTo = agentReplyAddress(care, token());
      const raw = await composeMail({
        from: agentAddress,
        to: replyTo,
        subject: `Re: [${REFERENCE}] New message from Leyla`,
        text: quotedReply('#note She called the shop as well.'),
      });
      await deliverRaw(mail, { from: agentAddress.address, to: care }, raw);

      const [command] = await waitFor(() => commandsWhere((c) => c.email?.subject?.includes('New message from Leyla') === true), (found) => found.length === 1, {
        ...slow,
        what: 'the agent’s command on the bus',
      });
      expect(command).toMatchObject({
        source: 'email',
        text: '#note She called the shop as well.',
        email: { from: 'rauf@shop.test', token: token(), subject: `Re: [${REFERENCE}] New message from Leyla` },
      });
      expect(command?.commandId).toBe(command?.email?.messageId);
      expect(command?.email).not.toHaveProperty('automated');
    });

    it('takes a reply to the notification’s Message-ID sent to the plain care address, and flags the agent’s out-of-office', async () => {
      const answered = notification();
      await sendMail(mail, {
        from: agentAddress,
        to: { address: care },
        subject: `Re: [${REFERENCE}] Assigned to you`,
        text: quotedReply('#accept'),
        inReplyTo: `<${answered}>`,
        references: [`<${answered}>`],
      });
      await sendMail(mail, {
        from: agentAddress,
        to: { address: care },
        subject: `Automatic reply: [${REFERENCE}] Assigned to you`,
        text: 'I am out of the office until Monday.',
        inReplyTo: `<${answered}>`,
        headers: { 'Auto-Submitted': 'auto-replied' },
      });
      const found = await waitFor(() => commandsWhere((c) => c.email?.subject?.includes('Assigned to you') === true), (list) => list.length === 2, {
        ...slow,
        what: 'both mails as commands',
      });
      const bySubject = (prefix: string) => found.find((c) => c.email?.subject?.startsWith(prefix));
      expect(bySubject('Re:')).toMatchObject({ text: '#accept', email: { token: token() } });
      expect(bySubject('Re:')?.email).not.toHaveProperty('automated');
      expect(bySubject('Automatic reply:')).toMatchObject({ email: { token: token(), automated: 'auto-submitted' } });
    });

    it('puts no agent’s mail on customer intake, and still takes a customer’s mail there', async () => {
      const customer = { name: 'Leyla Məmmədova', address: `leyla-${randomUUID().slice(0, 8)}@customer.test` };
      await sendMail(mail, { from: customer, to: { address: care }, subject: 'Paltaryuyan maşın', text: 'Dünən aldığım paltaryuyan maşın işləmir.' });
      await waitFor(() => inbound.values.filter((m) => m.sender.email === customer.address), (list) => list.length === 1, {
        ...slow,
        what: 'the customer’s mail on intake',
      });
      await quiet(1000);
      expect(inbound.values.filter((m) => m.sender.email === 'rauf@shop.test')).toEqual([]);
      const complaints = await queryDatabase<{ n: string }>(db.url, "SELECT count(*) AS n FROM complaints WHERE channel = 'email'");
      expect(complaints).toEqual([{ n: '1' }]);
    });
  });

  describe('from Telegram', () => {
    const opening = topicCreatedMessage(GROUP, BOT, 42, `${REFERENCE} · Leyla Aliyeva`);
    const topic = { threadId: 42, opening };
    const fromRauf = (messageId: number) => commandsWhere((c) => c.telegram?.messageId === String(messageId) && c.telegram.userId === String(rauf.id));

    it('takes a member’s message in a complaint’s topic, a reply to the bot there, and an edit as commands, and leaves service and bots’ messages', async () => {
      await post(topicCreatedUpdate(GROUP, BOT, 42, `${REFERENCE} · Leyla Aliyeva`));
      await post(otherBotGroupUpdate(GROUP, { id: 800200, username: 'other_bot', firstName: 'Other' }, 70, `${REFERENCE} looks late`));
      await post(groupTopicUpdate(GROUP, rauf, topic, 71, '#note Leyla called the shop too.'));
      const posted = botTopicMessage(GROUP, BOT, 42, 72, `${REFERENCE}: Leyla wrote again: "Any news?"`);
      await post(groupTopicUpdate(GROUP, rauf, topic, 73, 'We deliver the new one tomorrow.', posted));
      await post(editedGroupTopicUpdate(GROUP, rauf, topic, 73, 'We deliver the new one on Friday.'));

      const all = await waitFor(() => commandsWhere((c) => c.telegram?.group === true), (list) => list.length === 3, { ...slow, what: 'three group commands' });
      await quiet(1000);
      expect(commandsWhere((c) => c.telegram?.group === true)).toHaveLength(3);
      expect(all.find((c) => c.telegram?.messageId === '71')).toMatchObject({
        commandId: `shop:${GROUP.id}:71`,
        source: 'telegram',
        text: '#note Leyla called the shop too.',
        reference: REFERENCE,
        telegram: { bot: 'shop', userId: String(rauf.id), username: 'rauf_h', name: 'Rauf Həsənov', chatId: String(GROUP.id), group: true, threadId: '42' },
      });
      const [reply, edit] = fromRauf(73);
      expect(reply).toMatchObject({ commandId: `shop:${GROUP.id}:73`, telegram: { replyToText: `${REFERENCE}: Leyla wrote again: "Any news?"` } });
      expect(reply?.telegram).not.toHaveProperty('edited');
      expect(edit).toMatchObject({
        commandId: expect.stringMatching(new RegExp(`^shop:${GROUP.id}:73:edit:\\d+$`)),
        text: 'We deliver the new one on Friday.',
        telegram: { edited: true },
      });
      expect(inbound.values.filter((m) => m.channel === 'telegram' && m.conversation.includes(String(GROUP.id)))).toEqual([]);
    });

    it('takes a linked agent’s direct message and anyone’s /link as commands, and an unlinked customer’s message as intake', async () => {
      const nigar: TelegramCustomer = { id: 30_002, firstName: 'Nigar', languageCode: 'az' };
      const leyla: TelegramCustomer = { id: 30_003, firstName: 'Leyla', lastName: 'Aliyeva', languageCode: 'az' };
      await queryDatabase(db.url, 'UPDATE agents SET telegram_user_id = $1, telegram_chat_id = $1, telegram_bot = $2 WHERE id = $3', [String(rauf.id), 'shop', raufId]);
      await post(textUpdate(rauf, 81, 'What is waiting for me today?'));
      await post(commandUpdate(nigar, 82, '/link 7KQ2-M9XD'));
      await post(textUpdate(leyla, 83, 'Soyuducu iki gündür işləmir.'));

      await waitFor(() => inbound.values.filter((m) => m.conversation === `shop:${leyla.id}`), (list) => list.length === 1, { ...slow, what: 'the customer’s message on intake' });
      await waitFor(() => [...fromRauf(81), ...commandsWhere((c) => c.telegram?.userId === String(nigar.id))], (list) => list.length === 2, {
        ...slow,
        what: 'both direct commands',
      });
      expect(fromRauf(81)[0]).toMatchObject({ commandId: `shop:${rauf.id}:81`, telegram: { group: false, chatId: String(rauf.id) } });
      expect(commandsWhere((c) => c.telegram?.userId === String(nigar.id))[0]).toMatchObject({ text: '/link 7KQ2-M9XD', telegram: { group: false } });
      expect(commandsWhere((c) => c.telegram?.userId === String(leyla.id))).toEqual([]);
      expect(inbound.values.filter((m) => m.conversation === `shop:${rauf.id}` || m.conversation === `shop:${nigar.id}`)).toEqual([]);
    });
  });
});
