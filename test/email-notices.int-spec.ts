import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { MessageBus } from '../libs/bus/src';
import { INBOUND_TOPIC } from '../libs/contracts/src';
import { type RunningPlaint, startPlaint } from '../apps/plaint/src/bootstrap';
import { referenceFromMessageId } from '../libs/domain/src';
import { NoticeEntity } from '../libs/persistence/src';
import { greenMail } from './support/greenmail';
import { readInbox } from './support/mailbox';
import { waitFor } from './support/wait-for';
import { legacySmtpServer } from './support/legacy-smtp-server';
import { embeddedEnv } from './support/plaint-services';

const server = greenMail();

describe('written notices by e-mail (real SMTP and IMAP server)', () => {
  const running: RunningPlaint[] = [];
  const mailEnv = () => ({
    PLAINT_SMTP_URL: `smtp://${server.host}:${server.smtpPort}`,
    PLAINT_MAIL_FROM: 'Kontakt Care <care@plaint.test>',
  });
  const start = async (dataDir: string, extra: Record<string, string> = {}) => {
    const plaint = await startPlaint({
      env: embeddedEnv(dataDir, extra),
    });
    running.push(plaint);
    return plaint;
  };
  const submit = (plaint: RunningPlaint, email: string) =>
    request(plaint.url)
      .post('/api/v1/callback-requests')
      .send({ fullName: 'Səbinə Abbasova', email, message: 'Paltaryuyan maşın işləmir', language: 'az' })
      .expect(202)
      .then((response) => response.body.reference as string);

  afterEach(async () => {
    for (const plaint of running.splice(0)) await plaint.close();
  });

  it('sends a form customer one acknowledgement, threaded to the complaint and marked automatic', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'plaint-mail-'));
    let plaint = await start(dataDir, mailEnv());
    const customer = `form-${randomUUID().slice(0, 8)}@customer.test`;
    const reference = await submit(plaint, customer);

    const [mail] = await waitFor(() => readInbox(server, customer), (mails) => mails.length === 1, {
      what: 'the acknowledgement in the customer mailbox',
    });
    expect(mail?.subject).toBe(`Şikayətiniz qeydə alındı [${reference}]`);
    expect(mail?.text).toContain(reference);
    expect(mail?.from?.value[0]).toEqual({ name: 'Kontakt Care', address: 'care@plaint.test' });
    expect(mail?.headers.get('auto-submitted')).toBe('auto-replied');
    expect(referenceFromMessageId(plaint.config.referenceSecret, mail?.messageId ?? '')).toBe(reference);

    // A restart sends nothing twice.
    await plaint.close();
    running.splice(0);
    plaint = await start(dataDir, mailEnv());
    await new Promise((resolve) => setTimeout(resolve, 3000));
    expect(await readInbox(server, customer)).toHaveLength(1);
  });

  it('sends the notices recorded while no mail server was configured once one is', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'plaint-mail-'));
    const customer = `later-${randomUUID().slice(0, 8)}@customer.test`;
    let plaint = await start(dataDir);
    const reference = await submit(plaint, customer);
    const notices = () => plaint.app.get(DataSource).getRepository(NoticeEntity).findBy({ reference });
    await waitFor(notices, (rows) => rows[0]?.statusReason === 'e-mail delivery is not configured', { what: 'the pending notice' });
    await plaint.close();
    running.splice(0);

    plaint = await start(dataDir, mailEnv());
    const mails = await waitFor(() => readInbox(server, customer), (found) => found.length === 1, { what: 'the late notice' });
    expect(mails[0]?.subject).toContain(reference);
    await waitFor(notices, (rows) => rows[0]?.status === 'sent', { what: 'the notice to be marked sent' });
  });

  it('keeps a notice pending, with the reason, while the mail server cannot be reached', async () => {
    const plaint = await start(mkdtempSync(join(tmpdir(), 'plaint-mail-')), {
      ...mailEnv(),
      PLAINT_SMTP_URL: 'smtp://127.0.0.1:1', // nothing listens there
    });
    const reference = await submit(plaint, `down-${randomUUID().slice(0, 8)}@customer.test`);
    const [notice] = await waitFor(
      () => plaint.app.get(DataSource).getRepository(NoticeEntity).findBy({ reference }),
      (rows) => (rows[0]?.attempts ?? 0) >= 1 && rows[0]?.statusReason !== null,
      { what: 'a failed first attempt' },
    );
    expect(notice?.status).toBe('pending');
    expect(notice?.statusReason).toMatch(/ECONNREFUSED|connect/i);
    expect(notice?.nextAttemptAt?.getTime()).toBeGreaterThan(Date.now());
  });

  it('sends to an address with non-ASCII characters before the @ with SMTPUTF8, which the server offers', async () => {
    const plaint = await start(mkdtempSync(join(tmpdir(), 'plaint-mail-')), mailEnv());
    const customer = `müşteri-${randomUUID().slice(0, 8)}@customer.test`;
    const reference = await submit(plaint, customer);
    const [notice] = await waitFor(
      () => plaint.app.get(DataSource).getRepository(NoticeEntity).findBy({ reference }),
      (rows) => rows[0]?.status === 'sent' || rows[0]?.status === 'failed',
      { what: 'the notice to be sent' },
    );
    // GreenMail took it (it announces SMTPUTF8); its IMAP side cannot log in as such a user, so
    // the mailbox itself is not read here.
    expect(notice?.status).toBe('sent');
    expect(notice?.statusReason).toBeNull();
  });

  it('records a notice to a non-ASCII address as failed, with the reason, when the server has no SMTPUTF8', async () => {
    const legacy = await legacySmtpServer();
    try {
      const plaint = await start(mkdtempSync(join(tmpdir(), 'plaint-mail-')), { ...mailEnv(), PLAINT_SMTP_URL: `smtp://127.0.0.1:${legacy.port}` });
      const reference = await submit(plaint, `клиент-${randomUUID().slice(0, 8)}@customer.test`);
      const [notice] = await waitFor(
        () => plaint.app.get(DataSource).getRepository(NoticeEntity).findBy({ reference }),
        (rows) => rows[0]?.status === 'failed',
        { what: 'the notice to be marked failed' },
      );
      expect(notice?.statusReason).toMatch(/SMTPUTF8/);
      // The address never went out in a form the server could not carry.
      expect(legacy.commands.some((line) => /^RCPT TO/i.test(line))).toBe(false);

      // An ASCII address still goes through the same server.
      const plain = await submit(plaint, `ascii-${randomUUID().slice(0, 8)}@customer.test`);
      await waitFor(
        () => plaint.app.get(DataSource).getRepository(NoticeEntity).findBy({ reference: plain }),
        (rows) => rows[0]?.status === 'sent',
        { what: 'the ASCII notice to be sent' },
      );
    } finally {
      await legacy.close();
    }
  });

  it('holds back automatic mail to one address beyond the hourly allowance', async () => {
    const plaint = await start(mkdtempSync(join(tmpdir(), 'plaint-mail-')), {
      ...mailEnv(),
      PLAINT_MAIL_MAX_PER_RECIPIENT_PER_HOUR: '2',
    });
    const customer = `busy-${randomUUID().slice(0, 8)}@customer.test`;
    const references = [await submit(plaint, customer), await submit(plaint, customer), await submit(plaint, customer)];
    await waitFor(() => readInbox(server, customer), (mails) => mails.length === 2, { what: 'two acknowledgements' });
    const held = await waitFor(
      () => plaint.app.get(DataSource).getRepository(NoticeEntity).findBy({ status: 'pending', recipient: customer }),
      (rows) => rows.length === 1 && /held back/.test(rows[0]?.statusReason ?? ''),
      { what: 'the third notice to be held back' },
    );
    expect(references).toContain(held[0]?.reference);
    await new Promise((resolve) => setTimeout(resolve, 2500));
    expect(await readInbox(server, customer)).toHaveLength(2);
  });

  it('marks a notice failed when a delivery report says it could not be delivered', async () => {
    const plaint = await start(mkdtempSync(join(tmpdir(), 'plaint-mail-')), mailEnv());
    const customer = `bounce-${randomUUID().slice(0, 8)}@customer.test`;
    const reference = await submit(plaint, customer);
    const notices = plaint.app.get(DataSource).getRepository(NoticeEntity);
    const [sent] = await waitFor(() => notices.findBy({ reference }), (rows) => rows[0]?.status === 'sent', { what: 'the notice to go out' });

    // The mailbox adapter turns a bounce into this message; it is published as it would be.
    await plaint.app.get(MessageBus).publish(INBOUND_TOPIC, [
      {
        key: 'email:mailer-daemon@customer.test',
        value: {
          id: randomUUID(),
          channel: 'email',
          externalId: `bounce-${randomUUID()}@customer.test`,
          conversation: `bounce-${randomUUID()}@customer.test`,
          sender: { name: 'Mail Delivery System', email: 'mailer-daemon@customer.test' },
          text: 'Delivery to the following recipient failed permanently',
          attachments: [],
          receivedAt: new Date().toISOString(),
          automated: true,
          email: {
            mailbox: 'care@plaint.test@127.0.0.1/INBOX',
            references: [],
            subject: 'Undelivered Mail Returned to Sender',
            rawUri: 'file:0000',
            threadReference: reference,
            mentionedReferences: [],
            automatedReason: 'delivery-report',
            deliveryReport: {
              originalMessageId: sent!.messageId!,
              failedRecipients: [customer],
              permanent: true,
              diagnostic: '550 5.1.1 mailbox unavailable',
            },
          },
        },
      },
    ]);
    const [failed] = await waitFor(() => notices.findBy({ reference }), (rows) => rows[0]?.status === 'failed', { what: 'the notice to be marked failed' });
    expect(failed?.statusReason).toBe('not delivered: 550 5.1.1 mailbox unavailable');
    // The bounce neither opened a complaint nor was answered.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(await notices.count()).toBe(1);
    expect(await readInbox(server, 'mailer-daemon@customer.test')).toHaveLength(0);
  });
});
