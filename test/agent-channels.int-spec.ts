import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ParsedMail } from 'mailparser';
import request from 'supertest';
import type { RunningPlaint } from '../apps/plaint/src/bootstrap';
import { FakeTelegram } from './support/fake-telegram';
import { greenMail } from './support/greenmail';
import { readInbox } from './support/mailbox';
import { composeMail, deliverRaw, type MailAddress, sendMail } from './support/mail-sender';
import { createTestDatabase, queryDatabase, type TestDatabase } from './support/postgres';
import { newInstallation, serviceEnv, startServices } from './support/plaint-services';
import { describeWithRealParts } from './support/real-parts';
import { Staff } from './support/staff';
import {
  commandUpdate,
  editedGroupTopicUpdate,
  groupTopicUpdate,
  type TelegramCustomer,
  textUpdate,
  topicCreatedMessage,
} from './support/telegram-updates';
import { waitFor } from './support/wait-for';

const mail = greenMail();
const TOKEN = '700200:AAHfakeTokenForTheCareBot_0123456789';
const SECRET = 'telegram-webhook-secret-agents-0123456';
const GROUP = { id: -1009876543210, title: 'Care team' };
const BOT = { id: 700200, username: 'plaint_care_bot', firstName: 'Care' };

/**
 * Agents answer customers without opening Plaint: from their own mailbox and from the care team's
 * Telegram group, over every real part — GreenMail for the mailboxes, the local Bot API for
 * Telegram, Kafka and Postgres — with core, the notifier and both channel services running as in
 * production. What is asserted is what the customer receives on their own channel and what the
 * complaint's history shows.
 */
describeWithRealParts('agents answering from their mailbox and the care team’s Telegram group', (parts) => {
  let db: TestDatabase;
  let telegram: FakeTelegram;
  let services: RunningPlaint[] = [];
  let core: RunningPlaint;
  let social: RunningPlaint;
  let staff: Staff;
  const run = randomUUID().slice(0, 8);
  const care: MailAddress = { name: 'Kontakt Care', address: `care-${run}@plaint.test` };
  const aysel: MailAddress = { name: 'Aysel Quliyeva', address: `aysel-${run}@shop.test` };
  const murad: MailAddress = { name: 'Murad Əliyev', address: `murad-${run}@shop.test` };
  const mallory: MailAddress = { name: 'Aysel Quliyeva', address: `aysel-${run}@evil.test` };
  const leyla: TelegramCustomer = { id: 610_001, firstName: 'Leyla', lastName: 'Məmmədova', username: 'leyla_m', languageCode: 'az' };
  const ayselOnTelegram: TelegramCustomer = { id: 620_001, firstName: 'Aysel', lastName: 'Quliyeva', username: 'aysel_q', languageCode: 'az' };
  const stranger: TelegramCustomer = { id: 620_002, firstName: 'Kənan', lastName: 'Babayev', username: 'kenan_b', languageCode: 'az' };
  const slow = { timeoutMs: 60_000, intervalMs: 250 };
  const quiet = (ms = 3000) => new Promise((resolve) => setTimeout(resolve, ms));

  const query = <T>(sql: string, params: unknown[] = []) => queryDatabase<T>(db.url, sql, params);
  const complaintOf = async (conversation: string) =>
    (await query<{ id: string; reference: string; state: string; assignee_id: string | null }>(
      'SELECT id, reference, state, assignee_id FROM complaints WHERE conversation = $1',
      [conversation],
    ))[0];
  const historyOf = (complaintId: string) =>
    query<{ actor_id: string | null; why: string; step: string | null; to_state: string }>(
      'SELECT actor_id, why, step, to_state FROM complaint_history WHERE complaint_id = $1 ORDER BY at, id',
      [complaintId],
    );
  const toChat = (chatId: number | string, threadId?: string) =>
    telegram.sent.filter((sent) => sent.chatId === String(chatId) && (threadId === undefined || sent.threadId === threadId));
  const post = (update: Record<string, unknown>) =>
    request(social.url)
      .post('/webhooks/telegram/care')
      .set('content-type', 'application/json')
      .set('X-Telegram-Bot-Api-Secret-Token', SECRET)
      .send(JSON.stringify(update))
      .expect(200);
  /** The agent's mail to the care mailbox, as their client sends a reply to a notification. */
  const reply = async (from: MailAddress, to: ParsedMail, text: string, headers: Record<string, string> = {}) => {
    const raw = await composeMail({
      from,
      to: care,
      subject: `Re: ${to.subject ?? ''}`,
      inReplyTo: to.messageId,
      references: to.messageId,
      text: `${text}\n\nOn Wed, 2 Dec 2026 at 10:00, ${care.name} <${care.address}> wrote:\n> ${(to.text ?? '').split('\n').join('\n> ')}`,
      headers,
    });
    await deliverRaw(mail, { from: from.address, to: care.address }, raw);
  };
  const notificationAbout = async (who: MailAddress, reference: string) => {
    const mails = await waitFor(
      () => readInbox(mail, who.address),
      (found) => found.some((one) => one.subject?.includes(reference)),
      { ...slow, what: `a notification about ${reference} in ${who.address}` },
    );
    return mails.find((one) => one.subject?.includes(reference)) as ParsedMail;
  };
  const mailsTo = async (who: MailAddress) => readInbox(mail, who.address);

  beforeAll(async () => {
    telegram = await FakeTelegram.start();
    db = await createTestDatabase(parts.postgresUrl);
    const installation = newInstallation(db.url);
    const telegramEnv = {
      PLAINT_TELEGRAM_BOT_TOKEN: `care=${TOKEN}`,
      PLAINT_TELEGRAM_WEBHOOK_SECRET: SECRET,
      PLAINT_TELEGRAM_API_ROOT: telegram.apiRoot,
      PLAINT_TELEGRAM_CHAT_SEND_INTERVAL_MS: '0',
      PLAINT_STAFF_TELEGRAM_GROUP: String(GROUP.id),
      PLAINT_BLOB_DIR: mkdtempSync(join(tmpdir(), 'plaint-agent-channels-')),
    };
    const mailEnv = {
      PLAINT_SMTP_URL: `smtp://${mail.host}:${mail.smtpPort}`,
      PLAINT_MAIL_FROM: `${care.name} <${care.address}>`,
    };
    services = await startServices([
      serviceEnv(parts, installation, 'core', telegramEnv),
      serviceEnv(parts, installation, 'notifier', { ...mailEnv, ...telegramEnv }),
      serviceEnv(parts, installation, 'ingest-email', {
        ...mailEnv,
        PLAINT_IMAP_URL: `imap://${encodeURIComponent(care.address)}:x@${mail.host}:${mail.imapPort}/INBOX`,
        PLAINT_IMAP_SWEEP_MS: '500',
      }),
      serviceEnv(parts, installation, 'ingest-social', telegramEnv),
    ]);
    core = services[0] as RunningPlaint;
    social = services[3] as RunningPlaint;
    staff = await Staff.hire(core, [
      ['aysel', 'agent'],
      ['murad', 'supervisor'],
    ]);
    await staff.as('admin').patch(`/api/v1/agent/agents/${staff.id('aysel')}`, { email: aysel.address }).expect(200);
    await staff.as('admin').patch(`/api/v1/agent/agents/${staff.id('murad')}`, { email: murad.address }).expect(200);
  }, 180_000);

  afterAll(async () => {
    for (const service of services.reverse()) await service.close();
    await telegram?.close();
    await db?.drop();
  }, 120_000);

  describe('from the agent’s mailbox', () => {
    let complaint: { id: string; reference: string };
    let notification: ParsedMail;

    beforeAll(async () => {
      await post(textUpdate(leyla, 11, 'Aldığım soyuducu iki gündür işləmir, qapısı da bağlanmır.'));
      const found = await waitFor(() => complaintOf(`care:${leyla.id}`), (row) => row !== undefined, { ...slow, what: 'Leyla’s complaint' });
      complaint = found as { id: string; reference: string };
      notification = await notificationAbout(aysel, complaint.reference);
    }, 90_000);

    it('tells an agent of a new complaint in the queue with what they may see, from the care address, ready to be answered', () => {
      expect(notification.from?.value[0]?.address).toBe(care.address);
      expect(notification.text).toContain(complaint.reference);
      expect(notification.text).toContain('Leyla');
      expect(notification.text).toContain('soyuducu');
      // The Reply-To carries the signed token as the care address's +tag.
      const replyTo = notification.replyTo?.value[0]?.address ?? '';
      expect(replyTo).toMatch(new RegExp(`^care-${run}\\+r[0-9a-z]{28}@plaint\\.test$`));
    });

    it('delivers the agent’s answer by mail to the customer on Telegram, without the quoted notification, and records it as hers', async () => {
      const before = toChat(leyla.id).length;
      await reply(aysel, notification, 'Salam, Leyla xanım! Usta sabah saat 10:00-da gələcək.');

      const [answer] = await waitFor(
        () => Promise.resolve(toChat(leyla.id).slice(before)),
        (sent) => sent.some((one) => one.text.includes('Usta sabah saat 10:00-da gələcək')),
        { ...slow, what: 'the agent’s answer in Leyla’s Telegram chat' },
      ).then((sent) => sent.filter((one) => one.text.includes('Usta sabah')));
      expect(answer?.text).not.toContain('wrote:');
      expect(answer?.text).not.toContain(complaint.reference + ']');
      const history = await historyOf(complaint.id);
      expect(history).toEqual(
        expect.arrayContaining([expect.objectContaining({ actor_id: staff.id('aysel'), step: 'complaint.reply' })]),
      );
      expect((await complaintOf(`care:${leyla.id}`))?.assignee_id).toBe(staff.id('aysel'));
    });

    it('keeps a #note internal: it is in the history, and the customer receives nothing', async () => {
      const before = toChat(leyla.id).length;
      await reply(aysel, notification, '#note Müştəri mağazaya da zəng edib, qəbz şəkli məndədir.');
      await waitFor(
        () => historyOf(complaint.id),
        (rows) => rows.some((row) => row.why.includes('qəbz şəkli məndədir')),
        { ...slow, what: 'the note in the history' },
      );
      await quiet();
      expect(toChat(leyla.id).slice(before).map((sent) => sent.text).join('\n')).not.toContain('qəbz');
    });

    it('acts on #accept as the agent API does: the complaint is accepted and the customer is told', async () => {
      const before = toChat(leyla.id).length;
      await reply(aysel, notification, '#accept');
      await waitFor(() => complaintOf(`care:${leyla.id}`), (row) => row?.state === 'accepted', { ...slow, what: 'the acceptance' });
      await waitFor(() => Promise.resolve(toChat(leyla.id).slice(before)), (sent) => sent.length > 0, { ...slow, what: 'the acceptance notice' });
    });

    it('answers a command the lifecycle refuses with the reason, and changes nothing', async () => {
      const mailsBefore = (await mailsTo(aysel)).length;
      const historyBefore = (await historyOf(complaint.id)).length;
      await reply(aysel, notification, '#close');
      const answers = await waitFor(
        () => mailsTo(aysel),
        (found) => found.slice(mailsBefore).some((one) => /nothing was done/i.test(one.text ?? '')),
        { ...slow, what: 'the refusal in Aysel’s mailbox' },
      );
      const refusal = answers.slice(mailsBefore).find((one) => /nothing was done/i.test(one.text ?? ''));
      expect(refusal?.inReplyTo).toBeDefined();
      expect((await complaintOf(`care:${leyla.id}`))?.state).toBe('accepted');
      expect(await historyOf(complaint.id)).toHaveLength(historyBefore);
    });

    it('refuses a reply from an address that is not the agent’s, answers the sender briefly, and sends the customer nothing', async () => {
      const before = toChat(leyla.id).length;
      await reply(mallory, notification, 'Your complaint is closed, pay the fee at evil.test');
      await waitFor(
        () => mailsTo(mallory),
        (found) => found.some((one) => /not the registered address/i.test(one.text ?? '')),
        { ...slow, what: 'the explanation to the forged sender' },
      );
      await quiet();
      expect(toChat(leyla.id).slice(before).map((sent) => sent.text).join('\n')).not.toContain('evil.test');
    });

    it('refuses a colleague’s use of a token made for another agent', async () => {
      const before = toChat(leyla.id).length;
      await reply(murad, notification, 'Sizə yeni soyuducu veriləcək.');
      await waitFor(
        () => mailsTo(murad),
        (found) => found.some((one) => /does not answer a notification sent to you/i.test(one.text ?? '')),
        { ...slow, what: 'the explanation to the colleague' },
      );
      await quiet();
      expect(toChat(leyla.id).slice(before).map((sent) => sent.text).join('\n')).not.toContain('yeni soyuducu');
    });

    it('never passes an agent’s out-of-office reply to the customer and does not answer it', async () => {
      const before = toChat(leyla.id).length;
      const mailsBefore = (await mailsTo(aysel)).length;
      await reply(aysel, notification, 'I am out of the office until Monday.', { 'Auto-Submitted': 'auto-replied' });
      await waitFor(
        () => query<{ outcome: string }>('SELECT outcome FROM agent_commands WHERE sender = $1', [aysel.address]),
        (rows) => rows.some((row) => row.outcome === 'ignored'),
        { ...slow, what: 'the out-of-office recorded as ignored' },
      );
      await quiet();
      expect(toChat(leyla.id).slice(before).map((sent) => sent.text).join('\n')).not.toContain('out of the office');
      expect((await mailsTo(aysel)).slice(mailsBefore).filter((one) => /nothing was done/i.test(one.text ?? ''))).toEqual([]);
    });
  });

  describe('from the care team’s Telegram group', () => {
    let complaint: { id: string; reference: string };
    let topic: { threadId: number; opening: Record<string, unknown> };
    const kamran: MailAddress = { name: 'Kamran Rzayev', address: `kamran-${run}@customer.test` };

    beforeAll(async () => {
      // A customer who wrote by e-mail: what agents write in the topic reaches their mailbox.
      await sendMail(mail, {
        from: kamran,
        to: care,
        subject: 'Paltaryuyan maşın',
        text: 'Aldığım paltaryuyan maşın su axıdır. Sifariş 55120.',
      });
      const found = await waitFor(
        () => query<{ id: string; reference: string }>('SELECT id, reference FROM complaints WHERE email = $1', [kamran.address]),
        (rows) => rows.length === 1,
        { ...slow, what: 'Kamran’s complaint' },
      );
      complaint = found[0] as { id: string; reference: string };
      const opened = await waitFor(
        () => Promise.resolve(telegram.topics.find((one) => one.name.includes(complaint.reference))),
        (found) => found !== undefined,
        { ...slow, what: 'the complaint’s topic in the group' },
      );
      topic = { threadId: Number(opened?.threadId), opening: topicCreatedMessage(GROUP, BOT, Number(opened?.threadId), opened?.name ?? '') };
    }, 90_000);

    it('opens one topic per complaint, named by reference and customer, and posts the customer’s message in it', async () => {
      const opened = telegram.topics.filter((one) => one.name.includes(complaint.reference));
      expect(opened).toHaveLength(1);
      expect(opened[0]?.chatId).toBe(String(GROUP.id));
      expect(opened[0]?.name).toContain('Kamran');
      const posts = await waitFor(
        () => Promise.resolve(toChat(GROUP.id, String(topic.threadId))),
        (sent) => sent.some((one) => one.text.includes('su axıdır')),
        { ...slow, what: 'the customer’s message in the topic' },
      );
      expect(posts.map((one) => one.text).join('\n')).not.toContain(kamran.address);
    });

    it('refuses an unlinked member with a hint in the topic and sends the customer nothing', async () => {
      const mailsBefore = (await mailsTo(kamran)).length;
      await post(groupTopicUpdate(GROUP, stranger, topic, 501, 'Sabah zəng edəcəyik.'));
      await waitFor(
        () => Promise.resolve(toChat(GROUP.id, String(topic.threadId))),
        (sent) => sent.some((one) => one.text.includes('/link')),
        { ...slow, what: 'the hint to link' },
      );
      await quiet();
      expect((await mailsTo(kamran)).slice(mailsBefore).map((one) => one.text).join('\n')).not.toContain('Sabah zəng');
    });

    it('links an agent’s Telegram account with a one-time code sent to the bot', async () => {
      const issued = await staff.as('aysel').post('/api/v1/agent/me/telegram-link').expect(201);
      const code = issued.body.code as string;
      await post(commandUpdate(ayselOnTelegram, 21, `/link ${code}`));
      await waitFor(
        () => staff.as('aysel').get('/api/v1/agent/me/notifications').then((response) => response.body as { telegramLinked: boolean }),
        (settings) => settings.telegramLinked,
        { ...slow, what: 'the link' },
      );
      // The code works once.
      await post(commandUpdate(stranger, 22, `/link ${code}`));
      await quiet(2000);
      const linked = await query<{ username: string }>('SELECT username FROM agents WHERE telegram_user_id = $1', [String(stranger.id)]);
      expect(linked).toEqual([]);
    });

    it('delivers a linked agent’s message in the topic to the customer by e-mail, and records it as theirs', async () => {
      await post(groupTopicUpdate(GROUP, ayselOnTelegram, topic, 502, 'Salam, Kamran bəy! Usta cümə günü gələcək.'));
      const mails = await waitFor(
        () => mailsTo(kamran),
        (found) => found.some((one) => (one.text ?? '').includes('Usta cümə günü gələcək')),
        { ...slow, what: 'the agent’s answer in Kamran’s mailbox' },
      );
      expect(mails.filter((one) => (one.text ?? '').includes('Usta cümə günü gələcək'))).toHaveLength(1);
      expect(await historyOf(complaint.id)).toEqual(
        expect.arrayContaining([expect.objectContaining({ actor_id: staff.id('aysel'), step: 'complaint.reply' })]),
      );
    });

    it('does not send an edited message again', async () => {
      await post(editedGroupTopicUpdate(GROUP, ayselOnTelegram, topic, 502, 'Salam, Kamran bəy! Usta şənbə günü gələcək.'));
      await quiet(4000);
      const texts = (await mailsTo(kamran)).map((one) => one.text ?? '').join('\n');
      expect(texts).not.toContain('şənbə');
    });

    it('acts on /accept and /note in the topic as on the desk’s buttons', async () => {
      await post(groupTopicUpdate(GROUP, ayselOnTelegram, topic, 503, `/accept@${BOT.username}`));
      await waitFor(
        () => query<{ state: string }>('SELECT state FROM complaints WHERE id = $1', [complaint.id]),
        (rows) => rows[0]?.state === 'accepted',
        { ...slow, what: 'the acceptance from Telegram' },
      );
      const mailsBefore = (await mailsTo(kamran)).length;
      await post(groupTopicUpdate(GROUP, ayselOnTelegram, topic, 504, '/note Anbarda yeni maşın var.'));
      await waitFor(
        () => historyOf(complaint.id),
        (rows) => rows.some((row) => row.why.includes('Anbarda yeni maşın var')),
        { ...slow, what: 'the note from Telegram' },
      );
      await quiet();
      expect((await mailsTo(kamran)).slice(mailsBefore).map((one) => one.text).join('\n')).not.toContain('Anbarda');
    });

    it('finishes the review on /reviewed: it is recorded, and the customer gets its result in writing', async () => {
      const result = 'Maşını yoxladıq: nasos sıradan çıxıb, yenisi sifariş olunub.';
      await post(groupTopicUpdate(GROUP, ayselOnTelegram, topic, 505, `/reviewed ${result}`));
      await waitFor(
        () => query<{ reviewed_at: Date | null }>('SELECT reviewed_at FROM complaints WHERE id = $1', [complaint.id]),
        (rows) => rows[0]?.reviewed_at != null,
        { ...slow, what: 'the finished review from Telegram' },
      );
      await waitFor(
        async () => (await mailsTo(kamran)).map((one) => one.text ?? '').join('\n'),
        (texts) => texts.includes('nasos sıradan çıxıb'),
        { ...slow, what: 'the review’s result in the customer’s mailbox' },
      );
    });
  });
});
