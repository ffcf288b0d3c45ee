import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { type RunningPlaint, startPlaint } from '../apps/plaint/src/bootstrap';
import { RunRetention } from '../apps/core/src/privacy/run-retention.use-case';
import { ComplaintEntity, MessageEntity, NoticeEntity, QuarantinedEmailEntity } from '../libs/persistence/src';
import { ChatClient } from './support/chat-client';
import { LogSink } from './support/log-sink';
import { greenMail } from './support/greenmail';
import { deliverRaw, sendMail } from './support/mail-sender';
import { readInbox } from './support/mailbox';
import { ManualClock } from './support/manual-clock';
import { Staff } from './support/staff';
import { waitFor } from './support/wait-for';
import { embeddedEnv } from './support/plaint-services';

const server = greenMail();
const DAY = 86_400_000;
const unique = randomUUID().slice(0, 8);

/** Every personal value the customers below give, in the forms they typed and as stored. */
const CHAT = { fullName: 'Şəhla Babayeva', email: `shahla-${unique}@customer.test`, words: ['mikrodalğalı', 'qığılcım'] };
const FORM = { fullName: 'Orxan Nağıyev', phone: '051 987 65 43', e164: '+994519876543', words: ['tozsoran', 'şnuru'] };
const MAIL = { fullName: 'Zərifə Mustafayeva', address: `zarifa-${unique}@customer.test`, subject: 'Qabyuyan maşının qapısı', words: ['qabyuyan', 'menteşəsi'] };
const REPLY_WORDS = ['ustamız', 'cümə'];
/** A customer's surname in the file name of an attachment that cannot be read. */
const BROKEN_ATTACHMENT = `Mustafayeva-${unique}-qebz.pdf`;

/** All files under a directory, recursively. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(join(dir, entry.name)) : statSync(join(dir, entry.name)).isFile() ? [join(dir, entry.name)] : [],
  );
}

/**
 * The one-process install (SQLite, in-process bus) logging at debug level, with e-mail through
 * the real mail server: a chat, a form, an e-mail with an attachment and an agent's work leave
 * no customer name, contact or complaint text in the log. Retention then erases the e-mail
 * complaint with its raw mail and attachment on SQLite too.
 */
describe('personal data on the one-process install', () => {
  // Monday 7 December 2026, 12:00 in Baku.
  const clock = new ManualClock(new Date('2026-12-07T08:00:00Z'));
  const dataDir = mkdtempSync(join(tmpdir(), 'plaint-privacy-'));
  const care = `care-${unique}@plaint.test`;
  const destination = new LogSink();
  let plaint: RunningPlaint;
  let staff: Staff;
  const clients: ChatClient[] = [];
  const slow = { timeoutMs: 45_000, intervalMs: 200 };

  beforeAll(async () => {
    plaint = await startPlaint({
      env: embeddedEnv(dataDir, {
        PLAINT_LOG_LEVEL: 'debug',
        PLAINT_IMAP_URL: `imap://${encodeURIComponent(care)}:x@${server.host}:${server.imapPort}/INBOX`,
        PLAINT_IMAP_SWEEP_MS: '500',
        PLAINT_SMTP_URL: `smtp://${server.host}:${server.smtpPort}`,
        PLAINT_MAIL_FROM: `Care <${care}>`,
        PLAINT_RETENTION_DAYS: '30',
        PLAINT_RETENTION_TICK_MS: '3600000',
        PLAINT_SLA_TICK_MS: '3600000',
      }),
      overrides: { clock },
      logDestination: destination,
    });
    staff = await Staff.hire(plaint, [['sevda', 'supervisor']]);
  }, 60_000);

  afterAll(async () => {
    for (const client of clients) client.close();
    await plaint?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const complaints = () => plaint.app.get(DataSource).getRepository(ComplaintEntity).find();

  it('writes none of the customers’ names, contacts or texts to a debug log, and erases the e-mail with its files after the period', async () => {
    // Chat.
    const client = await ChatClient.connect(plaint.url);
    clients.push(client);
    const started = await client.start({ fullName: CHAT.fullName, email: CHAT.email, language: 'az' });
    if (!started.ok) throw new Error(`chat:start refused: ${started.error.message}`);
    await client.send(randomUUID(), `Salam. ${CHAT.words.join(' ')} atır.`);
    await client.send(randomUUID(), 'status');

    // Form.
    await request(plaint.url)
      .post('/api/v1/callback-requests')
      .send({ fullName: FORM.fullName, phone: FORM.phone, message: `Yeni ${FORM.words.join(' ')} qırılıb.`, language: 'az' })
      .expect(202);
    // A form that is refused.
    await request(plaint.url).post('/api/v1/callback-requests').send({ fullName: FORM.fullName, phone: 'not a phone', message: FORM.words[0] }).expect(400);

    // E-mail, with an attachment.
    await sendMail(server, {
      from: { name: MAIL.fullName, address: MAIL.address },
      to: { address: care },
      subject: MAIL.subject,
      text: `Salam, ${MAIL.words.join(' ')} sınıb. ${MAIL.fullName}, tel. ${FORM.phone}`,
      attachments: [{ filename: 'qebz.txt', content: `Qəbz: ${randomUUID()}` }],
    });
    const [ack] = await waitFor(() => readInbox(server, MAIL.address), (mails) => mails.length === 1, { ...slow, what: 'the acknowledgement mail' });

    // A mail that cannot be read: its broken attachment is named after the customer.
    const broken = Buffer.from(
      [
        `From: ${MAIL.address}`,
        `To: ${care}`,
        'Subject: qebz',
        `Message-ID: <broken-${unique}@customer.test>`,
        'MIME-Version: 1.0',
        'Content-Type: multipart/mixed; boundary="b1"',
        '',
        '--b1',
        'Content-Type: text/plain',
        '',
        'qebz',
        '--b1',
        `Content-Type: application/pdf; name="${BROKEN_ATTACHMENT}"`,
        'Content-Transfer-Encoding: base64',
        '',
        'JVBERi0x*LjQK',
        '--b1--',
        '',
      ].join('\r\n'),
    );
    await deliverRaw(server, { from: MAIL.address, to: care }, broken);
    await waitFor(() => plaint.app.get(DataSource).getRepository(QuarantinedEmailEntity).count(), (n) => n === 1, { ...slow, what: 'the quarantined mail' });
    const reference = /\[([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4})\]/.exec(ack?.subject ?? '')?.[1] ?? '';
    expect(reference).not.toBe('');
    await waitFor(complaints, (all) => all.length === 3, { ...slow, what: 'the three complaints' });
    const blobs = join(dataDir, 'blobs');
    expect(filesUnder(blobs)).toHaveLength(3); // the raw mail, its attachment and the quarantined mail

    // An agent works the e-mail complaint and answers in writing.
    await staff.as('sevda').get(`/api/v1/agent/complaints/${reference}`).expect(200);
    await staff.as('sevda').post(`/api/v1/agent/complaints/${reference}/accept`).expect(200);
    await staff.as('sevda').post(`/api/v1/agent/complaints/${reference}/replies`, { text: `Hörmətli ${MAIL.fullName}, ${REPLY_WORDS.join(' ')} gələcək.` }).expect(200);
    await staff.as('sevda').post(`/api/v1/agent/complaints/${reference}/reject`, { reason: 'zəmanət bitib' }).expect(200);
    await waitFor(() => readInbox(server, MAIL.address), (mails) => mails.length === 4, { ...slow, what: 'the accepted, reply and rejected mails' });

    // Thirty-one days later retention erases it, its raw mail and its attachment, and the quarantined mail.
    clock.advance(31 * DAY);
    expect(await plaint.app.get(RunRetention).execute()).toMatchObject({ complaints: 1, quarantinedMails: 1, files: 3 });
    expect(filesUnder(blobs)).toEqual([]);
    const dataSource = plaint.app.get(DataSource);
    const erased = await dataSource.getRepository(ComplaintEntity).findOneByOrFail({ reference });
    expect(erased).toMatchObject({ state: 'rejected', fullName: null, email: null, essence: '', replyTo: null });
    const stored = JSON.stringify([
      await dataSource.getRepository(MessageEntity).findBy({ complaintId: erased.id }),
      await dataSource.getRepository(NoticeEntity).findBy({ complaintId: erased.id }),
    ]);
    for (const value of [MAIL.fullName, MAIL.address, MAIL.subject, ...MAIL.words, ...REPLY_WORDS]) expect(stored).not.toContain(value);

    // The log: plenty of it, and nothing personal.
    expect(destination.text).toMatch(/"level":20/); // debug lines are there
    expect(destination.text).toMatch(/retention: erased personal data of 1 complaint/);
    const personal = [
      CHAT.fullName,
      CHAT.email,
      ...CHAT.words,
      FORM.fullName,
      FORM.phone,
      FORM.e164,
      ...FORM.words,
      MAIL.fullName,
      MAIL.address,
      MAIL.subject,
      ...MAIL.words,
      ...REPLY_WORDS,
      'zəmanət',
      BROKEN_ATTACHMENT,
    ];
    for (const value of personal) expect(destination.text).not.toContain(value);
  }, 120_000);
});
