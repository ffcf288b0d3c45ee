import { randomUUID } from 'node:crypto';
import type { ParsedMail } from 'mailparser';
import { type RunningPlaint, startPlaint } from '../apps/plaint/src/bootstrap';
import { MessageBus } from '../libs/bus/src';
import { AGENT_EVENTS_TOPIC, type AgentEventV1, INBOUND_TOPIC, type InboundMessageV1 } from '../libs/contracts/src';
import { greenMail } from './support/greenmail';
import { readInbox } from './support/mailbox';
import { ManualClock } from './support/manual-clock';
import { createTestDatabase, queryDatabase, type TestDatabase } from './support/postgres';
import { newInstallation, serviceEnv } from './support/plaint-services';
import { describeWithRealParts } from './support/real-parts';
import { Staff } from './support/staff';
import { waitFor } from './support/wait-for';
import { inboundMail } from './support/inbound-mail';

const mail = greenMail();

/**
 * What agents are told of their work without asking, end to end: core raises the staff events
 * through its outbox on Kafka, the notifier resolves who hears of them from the agents table in
 * Postgres and mails them through GreenMail. What is asserted is what lands in the agents'
 * mailboxes: who is told, of what, once, and without the customer's contacts.
 */
describeWithRealParts('alerts pushed to agents by e-mail, on Kafka, Postgres and SMTP', (parts) => {
  let db: TestDatabase;
  let core: RunningPlaint;
  let notifier: RunningPlaint;
  let staff: Staff;
  const clock = new ManualClock(new Date());
  const run = randomUUID().slice(0, 8);
  const address = (who: string) => `${who}-${run}@care.test`;
  const slow = { timeoutMs: 60_000, intervalMs: 250 };
  const quiet = (ms = 3000) => new Promise((resolve) => setTimeout(resolve, ms));
  const query = <T>(sql: string, params: unknown[] = []) => queryDatabase<T>(db.url, sql, params);

  /** The mails in an agent's mailbox about one complaint whose subject starts with `title`. */
  const mailsAbout = async (who: string, reference: string, title: string): Promise<ParsedMail[]> =>
    (await readInbox(mail, address(who))).filter((one) => (one.subject ?? '').startsWith(title) && (one.subject ?? '').includes(`[${reference}]`));
  const told = async (who: string, reference: string, title: string): Promise<ParsedMail> => {
    const [first] = await waitFor(() => mailsAbout(who, reference, title), (found) => found.length > 0, {
      ...slow,
      what: `“${title}” about ${reference} in ${who}’s mailbox`,
    });
    return first as ParsedMail;
  };

  /** A customer's mail as the mailbox adapter publishes it. */
  const customerMail = (from: { name: string; email: string }, text: string, conversation: string, extra: Partial<InboundMessageV1> = {}): InboundMessageV1 => ({
    ...inboundMail({ from, text, conversation, receivedAt: clock.now(), mailbox: `care-${run}@plaint.test/INBOX` }),
    ...extra,
  });
  const deliver = (message: InboundMessageV1) =>
    core.app.get(MessageBus).publish(INBOUND_TOPIC, [{ key: `email:${message.sender.email ?? ''}`, value: message, headers: {} }]);
  const complaintFrom = async (email: string) =>
    (await waitFor(
      () => query<{ id: string; reference: string; accept_by: Date }>('SELECT id, reference, accept_by FROM complaints WHERE email = $1', [email]),
      (rows) => rows.length === 1,
      { ...slow, what: `the complaint of ${email}` },
    ))[0] as { id: string; reference: string; accept_by: Date };
  const assign = (reference: string, to: string) =>
    staff.as('murad').post(`/api/v1/agent/complaints/${reference}/assign`, { agentId: staff.id(to) }).expect(200);

  beforeAll(async () => {
    db = await createTestDatabase(parts.postgresUrl);
    const installation = newInstallation(db.url);
    const env = {
      PLAINT_SMTP_URL: `smtp://${mail.host}:${mail.smtpPort}`,
      PLAINT_MAIL_FROM: `Kontakt Care <care-${run}@plaint.test>`,
      PLAINT_TIME_ZONE: 'Asia/Baku',
      // Agents without a language of their own are written to in the company's.
      PLAINT_DEFAULT_LANGUAGE: 'en',
      // The SLA clock looks often; the test moves core's clock past the deadlines.
      PLAINT_SLA_TICK_MS: '200',
      PLAINT_SLA_WARN_BEFORE_MINUTES: '60',
      // Every notification of this file goes out on its own, never in a digest.
      PLAINT_STAFF_NOTIFICATIONS_PER_HOUR: '1000',
    };
    core = await startPlaint({ env: serviceEnv(parts, installation, 'core', env), overrides: { clock } });
    notifier = await startPlaint({ env: serviceEnv(parts, installation, 'notifier', env) });
    staff = await Staff.hire(core, [
      ['aysel', 'agent'],
      ['kamran', 'agent'],
      ['murad', 'supervisor'],
    ]);
    for (const who of ['aysel', 'kamran', 'murad']) {
      await staff.as('admin').patch(`/api/v1/agent/agents/${staff.id(who)}`, { email: address(who) }).expect(200);
    }
    await staff.as('kamran').put('/api/v1/agent/me/notifications', { via: 'none' }).expect(200);
  }, 180_000);

  afterAll(async () => {
    await notifier?.close();
    await core?.close();
    await db?.drop();
  }, 120_000);

  describe('a complaint a supervisor gives to an agent', () => {
    const phone = '+994 50 321 45 67';
    const email = `resad-${run}@customer.test`;
    let reference: string;

    beforeAll(async () => {
      const registered = await staff
        .as('murad')
        .post('/api/v1/agent/intake', {
          channel: 'phone',
          fullName: 'Rəşad Məmmədov',
          phone,
          email,
          essence: 'The washing machine delivered on 1 December leaks water.',
          language: 'en',
        })
        .expect(202);
      reference = registered.body.reference as string;
      await complaintFrom(email);
      await assign(reference, 'aysel');
    }, 90_000);

    it('tells the agent it is theirs now, by e-mail, with what they may see of it', async () => {
      const assigned = await told('aysel', reference, 'Complaint assigned to you');
      expect(assigned.subject).toBe(`Complaint assigned to you · Rəşad Məmmədov [${reference}]`);
      expect(assigned.text).toContain(`${reference} · Complaint assigned to you`);
      expect(assigned.text).toContain('Customer: Rəşad Məmmədov');
      expect(assigned.text).toContain('Channel: phone');
      expect(assigned.text).toMatch(/Deadline \(to accept\): .+ \(Asia\/Baku\)/);
      expect(assigned.text).toContain('By: murad');
      expect(assigned.text).toContain('leaks water');
      expect(assigned.replyTo?.value[0]?.address).toMatch(new RegExp(`^care-${run}\\+r[0-9a-z]+@plaint\\.test$`));
    });

    it('carries neither the customer’s e-mail address nor phone number in any message about the complaint', async () => {
      await told('aysel', reference, 'New complaint');
      const mails = [...(await mailsAbout('aysel', reference, '')), ...(await mailsAbout('murad', reference, ''))];
      expect(mails.length).toBeGreaterThanOrEqual(2);
      const everything = mails.map((one) => `${one.subject ?? ''}\n${one.text ?? ''}\n${one.html || ''}`).join('\n');
      expect(everything).not.toContain(email);
      expect(everything.replace(/\D/g, '')).not.toContain('503214567');
    });

    it('tells the agent once when core’s event reaches the notifier twice', async () => {
      await told('aysel', reference, 'Complaint assigned to you');
      const [row] = await query<{ key: string; payload: string }>(
        `SELECT message_key AS key, payload FROM outbox WHERE topic = $1 AND payload LIKE '%"complaint.assigned"%' AND payload LIKE $2`,
        [AGENT_EVENTS_TOPIC, `%${reference}%`],
      );
      const event = JSON.parse(row?.payload ?? '{}') as AgentEventV1;
      expect(event.type).toBe('complaint.assigned');
      // As the relay does when it dies between publishing and marking the row published.
      await core.app.get(MessageBus).publish(AGENT_EVENTS_TOPIC, [{ key: row?.key ?? '', value: event, headers: {} }]);
      await quiet(4000);
      expect(await mailsAbout('aysel', reference, 'Complaint assigned to you')).toHaveLength(1);
    });
  });

  describe('a customer’s complaint by mail, assigned to an agent', () => {
    const leyla = { name: 'Leyla Aliyeva', email: `leyla-${run}@customer.test` };
    const conversation = `<${randomUUID()}@customer.test>`;
    let complaint: { id: string; reference: string };

    beforeAll(async () => {
      await deliver(customerMail(leyla, 'The refrigerator I bought last week does not cool at all.', conversation));
      complaint = await complaintFrom(leyla.email);
      await assign(complaint.reference, 'aysel');
      await told('aysel', complaint.reference, 'Complaint assigned to you');
    }, 90_000);

    it('tells the assignee, and only the assignee, what the customer wrote again', async () => {
      await deliver(customerMail(leyla, 'It also makes a loud clicking noise at night.', conversation));
      const news = await told('aysel', complaint.reference, 'The customer wrote again');
      expect(news.text).toContain('Last message:\nIt also makes a loud clicking noise at night.');
      expect(news.text).toContain('Customer: Leyla Aliyeva');
      expect(news.text).not.toContain(leyla.email);
      await quiet();
      expect(await mailsAbout('murad', complaint.reference, 'The customer wrote again')).toEqual([]);
      expect(await mailsAbout('aysel', complaint.reference, 'The customer wrote again')).toHaveLength(1);
    });

    it('tells the assignee when a notice bounced for good, with the server’s reason and without the customer’s address', async () => {
      const [notice] = await waitFor(
        () => query<{ message_id: string | null }>(`SELECT message_id FROM notices WHERE complaint_id = $1 AND status = 'sent'`, [complaint.id]),
        (rows) => rows.some((row) => row.message_id !== null),
        { ...slow, what: 'the acknowledgement mailed to the customer' },
      );
      const messageId = notice?.message_id ?? '';
      const original = messageId.startsWith('<') ? messageId : `<${messageId}>`;
      await deliver(
        customerMail({ name: 'Mail Delivery System', email: `mailer-daemon-${run}@customer.test` }, 'Delivery failed', `<${randomUUID()}@customer.test>`, {
          automated: true,
          email: {
            mailbox: `care-${run}@plaint.test/INBOX`,
            references: [original],
            subject: 'Undelivered Mail Returned to Sender',
            rawUri: 'file:0001',
            mentionedReferences: [],
            automatedReason: 'delivery-report',
            deliveryReport: {
              originalMessageId: original,
              failedRecipients: [leyla.email],
              permanent: true,
              diagnostic: `550 5.1.1 <${leyla.email}>: Recipient address rejected: mailbox full`,
            },
          },
        }),
      );
      const alarm = await told('aysel', complaint.reference, 'The customer could not be reached');
      expect(alarm.text).toContain('550 5.1.1');
      expect(alarm.text).toContain('mailbox full');
      expect(alarm.text).not.toContain(leyla.email);
      expect(alarm.text).not.toContain(`leyla-${run}`);
      expect(await mailsAbout('murad', complaint.reference, 'The customer could not be reached')).toEqual([]);
    });
  });

  it('tells an agent who chose no notifications nothing, though the queue heard of every complaint', async () => {
    const nobody = await query<{ reference: string }>('SELECT reference FROM complaints');
    expect(nobody.length).toBeGreaterThan(0);
    for (const { reference } of nobody) await told('aysel', reference, 'New complaint');
    expect(await readInbox(mail, address('kamran'))).toEqual([]);
  });

  // Last in this file: it moves core's clock past every deadline.
  describe('the SLA clock', () => {
    const nigar = { name: 'Nigar Əliyeva', email: `nigar-${run}@customer.test` };
    let complaint: { id: string; reference: string; accept_by: Date };

    beforeAll(async () => {
      await deliver(customerMail(nigar, 'The dishwasher shows error E24 after two days.', `<${randomUUID()}@customer.test>`));
      complaint = await complaintFrom(nigar.email);
      await assign(complaint.reference, 'aysel');
    }, 90_000);

    it('warns the assignee when a deadline is near, and nobody else', async () => {
      clock.set(new Date(new Date(complaint.accept_by).getTime() - 30 * 60_000));
      const warning = await told('aysel', complaint.reference, 'Deadline is near');
      expect(warning.text).toContain('the accept deadline');
      expect(warning.text).toContain('is near');
      await quiet();
      expect(await mailsAbout('murad', complaint.reference, 'Deadline is near')).toEqual([]);
      expect(await mailsAbout('aysel', complaint.reference, 'Deadline is near')).toHaveLength(1);
    });

    it('tells the assignee and the supervisors once the deadline has passed', async () => {
      clock.set(new Date(new Date(complaint.accept_by).getTime() + 60_000));
      const breach = await told('aysel', complaint.reference, 'Deadline passed');
      expect(breach.text).toContain('has passed');
      await told('murad', complaint.reference, 'Deadline passed');
      await quiet();
      expect(await mailsAbout('aysel', complaint.reference, 'Deadline passed')).toHaveLength(1);
      expect(await mailsAbout('murad', complaint.reference, 'Deadline passed')).toHaveLength(1);
      expect(await readInbox(mail, address('kamran'))).toEqual([]);
    });
  });
});
