import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import type { BusRecord } from '@plaint/bus';
import { loadConfig, type PlaintConfig } from '@plaint/config';
import {
  AGENT_EVENTS_TOPIC,
  type AgentEventV1,
  COMPLAINT_EVENTS_TOPIC,
  type ComplaintEventV1,
  CUSTOMER_SIGN_IN_TOPIC,
  type InboundMessageV1,
  NOTICE_UNDELIVERED_TOPIC,
} from '@plaint/contracts';
import { Clock, companyCalendar, NO_OVERRIDES } from '@plaint/domain';
import { Metrics } from '@plaint/observability';
import { ComplaintEntity, ComplaintHistoryEntity, CustomerSignInLinkEntity, dataSourceOptions, MessageEntity, OutboxEntity } from '@plaint/persistence';
import { SignInLinks } from '../customer-page/sign-in-links';
import { ChangeComplaint } from '../lifecycle/change-complaint.use-case';
import { ComplaintJournal } from '../lifecycle/complaint-journal';
import { AnswerStatusRequests } from '../status/answer-status-requests';
import { CoreStore } from '../store/core-store';
import { ComplaintReferences } from './complaint-references';
import { TakeCustomerAnswers } from './customer-answers';
import { CustomerDirectory } from './customer-directory';
import { ForwardDeliveryReports } from './delivery-reports';
import { FindKnownComplaints } from './known-complaints';
import { ApplyMessageEdits } from './message-edits';
import { TakeSharedPhones } from './shared-phones';
import { NearDuplicates } from './near-duplicates';
import { OpenComplaints } from './open-complaints';
import { QuietMessages } from '../desk-live/quiet-messages';
import { RecordInboundBatch } from './record-inbound-batch.use-case';
import { AnswerSignInRequests } from './sign-in-requests';

class FixedClock extends Clock {
  constructor(private readonly at: Date) {
    super();
  }
  now(): Date {
    return this.at;
  }
}

const NOW = new Date('2026-11-02T08:00:00Z');
let offset = 0;

function mail(id: string, from: string, text: string, extra: Partial<InboundMessageV1> = {}): BusRecord<InboundMessageV1> {
  offset += 1;
  const value: InboundMessageV1 = {
    id,
    channel: 'email',
    externalId: `<${id}@mail.test>`,
    conversation: `<${id}@mail.test>`,
    sender: { name: 'Leyla Aliyeva', email: from },
    text,
    attachments: [],
    receivedAt: NOW.toISOString(),
    automated: false,
    ...extra,
  };
  return { topic: 'plaint.inbound.v1', partition: 0, offset: String(offset), key: from, value, headers: {} };
}

const config = loadConfig({ PLAINT_DATA_DIR: mkdtempSync(join(tmpdir(), 'intake-')) });
const clock = new FixedClock(NOW);
const calendar = companyCalendar(config.policy, NO_OVERRIDES, clock.now().getUTCFullYear());
const metrics = new Metrics();

/** Core's intake over a fresh in-memory SQLite store, wired by hand as the module wires it. */
async function intakeOnSqlite(settings: PlaintConfig = config) {
  const dataSource = new DataSource(dataSourceOptions({ kind: 'sqlite', file: ':memory:' }));
  await dataSource.initialize();
  const store = new CoreStore(dataSource);
  const customers = new CustomerDirectory();
  const journal = new ComplaintJournal();
  const changes = new ChangeComplaint(settings, calendar, journal);
  const quiet = new QuietMessages();
  const intake = new RecordInboundBatch(
    store,
    settings,
    calendar,
    clock,
    metrics,
    new FindKnownComplaints(),
    new OpenComplaints(new ComplaintReferences(settings), customers, new NearDuplicates(settings), journal, metrics),
    new AnswerStatusRequests(customers, settings),
    new TakeCustomerAnswers(customers, changes, settings),
    new ForwardDeliveryReports(),
    new ApplyMessageEdits(journal),
    new TakeSharedPhones(customers, journal),
    new AnswerSignInRequests(new SignInLinks(settings), settings),
    quiet,
  );
  return { dataSource, intake, store, quiet };
}

describe('RecordInboundBatch (SQLite, through the repositories)', () => {
  let parts: Awaited<ReturnType<typeof intakeOnSqlite>>;
  const outbox = async (topic: string) => (await parts.dataSource.getRepository(OutboxEntity).findBy({ topic })).map((row) => JSON.parse(row.payload) as { type?: string; messageId?: string; reason?: string });

  beforeEach(async () => {
    parts = await intakeOnSqlite();
  });
  afterEach(async () => {
    await parts.dataSource.destroy();
  });

  it('opens a complaint, acknowledges it, and takes a redelivered batch only once', async () => {
    const batch = [mail('m1', 'leyla@mail.test', 'My washing machine was delivered broken.')];
    expect(await parts.intake.execute(batch)).toMatchObject({ received: 1, duplicates: 0, opened: 1 });
    expect(await parts.intake.execute(batch)).toMatchObject({ received: 1, duplicates: 1, opened: 0 });
    const complaints = await parts.dataSource.getRepository(ComplaintEntity).find();
    expect(complaints.map((c) => [c.state, c.email])).toEqual([['received', 'leyla@mail.test']]);
    expect((await parts.dataSource.getRepository(MessageEntity).find()).map((m) => m.complaintId)).toEqual([complaints[0]?.id]);
    expect((await outbox(COMPLAINT_EVENTS_TOPIC)).map((event) => event.type)).toEqual(['complaint.received']);
  });

  it('takes an edited message as a change of the stored one and a history line, never a complaint', async () => {
    const telegram = (id: string, externalId: string, text: string, editOf?: string) =>
      mail(id, 'unused', text, {
        channel: 'telegram',
        externalId,
        conversation: 'shop:501',
        sender: { name: 'Leyla Aliyeva', platformId: '501' },
        replyTo: 'shop:501',
        ...(editOf ? { editOf } : {}),
      });
    const original = telegram('t1', 'shop:501:7', 'The kettle leaks.');
    const edit = telegram('t2', 'shop:501:7:edit:1', 'The kettle leaks and sparks.', 'shop:501:7');
    // The original and its edit in one batch, then the edit redelivered.
    expect(await parts.intake.execute([original, edit])).toMatchObject({ opened: 1 });
    expect(await parts.intake.execute([edit])).toMatchObject({ duplicates: 1, opened: 0 });

    const [complaint, ...others] = await parts.dataSource.getRepository(ComplaintEntity).find();
    expect(others).toEqual([]);
    const stored = await parts.dataSource.getRepository(MessageEntity).findOneByOrFail({ externalId: 'shop:501:7' });
    expect(stored.text).toBe('The kettle leaks and sparks.');
    const history = await parts.dataSource.getRepository(ComplaintHistoryEntity).findBy({ complaintId: complaint?.id });
    expect(history.filter((line) => line.why.includes('edited')).map((line) => line.why)).toEqual([expect.stringContaining('it now reads: The kettle leaks and sparks.')]);
    expect((await outbox(COMPLAINT_EVENTS_TOPIC)).map((event) => event.type)).toEqual(['complaint.received']);
  });

  it('gives a complaint without a phone the number its own customer shares later', async () => {
    const telegram = (id: string, conversation: string, platformId: string, extra: Partial<InboundMessageV1> = {}) =>
      mail(id, 'unused', '', { channel: 'telegram', externalId: `${conversation}:${id}`, conversation, sender: { name: 'Leyla Aliyeva', platformId }, replyTo: conversation, ...extra });
    await parts.intake.execute([telegram('t1', 'shop:501', '501', { text: 'The kettle leaks.' })]);
    await parts.intake.execute([telegram('t2', 'shop:501', '501', { sender: { platformId: '501', phone: '+994501234567' } })]);
    const [complaint] = await parts.dataSource.getRepository(ComplaintEntity).find();
    expect(complaint?.phone).toBe('+994501234567');
  });

  it('opens a complaint staff took in a video consultation on its own channel, with its kind and consultant', async () => {
    const taken = mail('s1', 'unused', 'The consultant could not say when the TV will be repaired.', {
      channel: 'consultation',
      externalId: 'staff:s1',
      conversation: 'staff:s1',
      sender: { name: 'Leyla Aliyeva', email: 'leyla@mail.test', phone: '+994501234567' },
      replyTo: 'leyla@mail.test',
      employeeName: 'Nərmin Quliyeva',
      staff: { agentId: '0191c3a4-0000-7000-8000-000000000009', consultationKind: 'video' },
    });
    expect(await parts.intake.execute([taken])).toMatchObject({ opened: 1 });
    const [complaint] = await parts.dataSource.getRepository(ComplaintEntity).find();
    expect(complaint).toMatchObject({
      channel: 'consultation',
      employeeName: 'Nərmin Quliyeva',
      loggedBy: '0191c3a4-0000-7000-8000-000000000009',
      staffIntake: { consultationKind: 'video' },
    });
    const [received] = (await parts.dataSource.getRepository(OutboxEntity).findBy({ topic: COMPLAINT_EVENTS_TOPIC })).map((row) => JSON.parse(row.payload) as ComplaintEventV1);
    expect(received).toMatchObject({ type: 'complaint.received', channel: 'consultation', customer: { email: 'leyla@mail.test', phone: '+994501234567' } });
  });

  it('takes what the signed-in customer writes on their page as their answer, and answers "status" there with nothing', async () => {
    await parts.intake.execute([mail('m1', 'leyla@mail.test', 'The courier broke my washing machine.', { sender: { email: 'leyla@mail.test' } })]);
    const [opened] = await parts.dataSource.getRepository(ComplaintEntity).find();
    expect(opened?.missingDetails).toEqual(['fullName']);
    const fromPage = (id: string, text: string) =>
      mail(id, 'leyla@mail.test', text, {
        channel: 'customer_page',
        externalId: `${opened?.id}:${id}`,
        conversation: `complaint:${opened?.id}`,
        customerPage: { complaintId: opened?.id ?? '', sessionId: '0193b0b0-6a4e-7c1d-9d2e-1f2a3b4c5d6e' },
      });
    expect(await parts.intake.execute([fromPage('p1', 'status'), fromPage('p2', 'Leyla Aliyeva')])).toMatchObject({ opened: 0, appended: 2 });
    const complaint = await parts.dataSource.getRepository(ComplaintEntity).findOneByOrFail({ id: opened?.id });
    expect(complaint).toMatchObject({ fullName: 'Leyla Aliyeva', missingDetails: [] });
    const messages = await parts.dataSource.getRepository(MessageEntity).findBy({ complaintId: complaint.id });
    expect(messages.map((m) => [m.channel, m.status, m.text]).sort()).toEqual([
      ['customer_page', 'attached', 'Leyla Aliyeva'],
      ['customer_page', 'attached', 'status'],
      ['email', 'attached', 'The courier broke my washing machine.'],
    ]);
    expect((await outbox(COMPLAINT_EVENTS_TOPIC)).map((event) => event.type)).toEqual(['complaint.received']);
  });

  it('sends a Telegram user who asks with /signin a link into that chat, and files nothing', async () => {
    const asked = mail('t1', 'unused', '/signin', {
      channel: 'telegram',
      externalId: 'shop:501:9',
      conversation: 'shop:501',
      sender: { name: 'Leyla Aliyeva', platformId: '501' },
      replyTo: 'shop:501',
      locale: 'ru',
    });
    expect(await parts.intake.execute([asked])).toMatchObject({ opened: 0, appended: 0 });
    expect(await parts.dataSource.getRepository(ComplaintEntity).count()).toBe(0);
    expect((await parts.dataSource.getRepository(MessageEntity).findOneByOrFail({ externalId: 'shop:501:9' })).status).toBe('sign_in_request');
    const [link, ...more] = await parts.dataSource.getRepository(CustomerSignInLinkEntity).find();
    expect(more).toEqual([]);
    expect(link).toMatchObject({ contactKind: 'platform', contact: 'telegram:501', usedAt: null });
    expect(await outbox(CUSTOMER_SIGN_IN_TOPIC)).toEqual([
      {
        linkId: link?.id,
        route: 'telegram',
        recipient: 'shop:501',
        customerWroteAt: NOW.toISOString(),
        language: 'ru',
        expiresAt: link?.expiresAt.toISOString(),
        occurredAt: NOW.toISOString(),
      },
    ]);
  });

  it('attaches a reply in the same thread to the open complaint, and hints it to the desks once committed', async () => {
    const hinted: string[][] = [];
    parts.quiet.listen((complaints) => hinted.push(complaints.map((c) => c.reference)));
    await parts.intake.execute([mail('m1', 'leyla@mail.test', 'The courier broke my washing machine.')]);
    const reply = mail('m2', 'leyla@mail.test', 'Here is the photo.', { conversation: '<m1@mail.test>' });
    const again = mail('m3', 'leyla@mail.test', 'And the receipt.', { conversation: '<m1@mail.test>' });
    expect(await parts.intake.execute([reply, again])).toMatchObject({ opened: 0, appended: 2 });
    const [complaint] = await parts.dataSource.getRepository(ComplaintEntity).find();
    expect((await parts.dataSource.getRepository(MessageEntity).findBy({ complaintId: complaint?.id })).length).toBe(3);
    // Nobody has it and there is no team group: no staff event, one in-process hint per complaint.
    expect(await outbox(AGENT_EVENTS_TOPIC)).toEqual([]);
    expect(hinted).toEqual([[complaint?.reference]]);
  });

  it('links a near-identical complaint sent twice in one batch to the first', async () => {
    const text = 'The refrigerator I bought on Monday stopped cooling after two days and the shop will not take it back.';
    const outcome = await parts.intake.execute([mail('m1', 'leyla@mail.test', text), mail('m2', 'leyla@mail.test', text)]);
    expect(outcome.opened).toBe(2);
    const rows = await parts.dataSource.getRepository(ComplaintEntity).find({ order: { createdAt: 'ASC' } });
    const first = rows.find((row) => row.state === 'received');
    expect(rows.map((row) => row.state).sort()).toEqual(['merged', 'received']);
    expect(rows.find((row) => row.state === 'merged')?.mergedInto).toBe(first?.reference);
    // One acknowledgement, and the customer is told the second goes on in the first.
    expect((await outbox(COMPLAINT_EVENTS_TOPIC)).map((event) => event.type).sort()).toEqual(['complaint.merged', 'complaint.received']);
  });

  it('hands a permanent bounce of a notice to the notifier as an event, and opens nothing', async () => {
    const bounce = mail('b1', 'mailer-daemon@mail.test', 'Delivery failed', {
      automated: true,
      email: {
        mailbox: 'complaints',
        references: [],
        subject: 'Undelivered Mail Returned to Sender',
        rawUri: 'file:///raw/b1.eml',
        mentionedReferences: [],
        automatedReason: 'delivery-report',
        deliveryReport: { originalMessageId: '<notice-1@plaint.test>', failedRecipients: ['leyla@mail.test'], permanent: true, diagnostic: '550 5.1.1 no such user' },
      },
    });
    const temporary = mail('b2', 'mailer-daemon@mail.test', 'Delayed', {
      automated: true,
      email: {
        mailbox: 'complaints',
        references: [],
        subject: 'Delayed Mail',
        rawUri: 'file:///raw/b2.eml',
        mentionedReferences: [],
        automatedReason: 'delivery-report',
        deliveryReport: { originalMessageId: '<notice-2@plaint.test>', failedRecipients: ['leyla@mail.test'], permanent: false },
      },
    });
    expect(await parts.intake.execute([bounce, temporary])).toMatchObject({ opened: 0 });
    expect(await outbox(NOTICE_UNDELIVERED_TOPIC)).toEqual([
      expect.objectContaining({ messageId: 'notice-1@plaint.test', reason: 'not delivered: 550 5.1.1 no such user' }),
    ]);
  });

  it('tells the assignee of a customer writing again on an open complaint, never of an automatic reply', async () => {
    await parts.intake.execute([mail('m1', 'leyla@mail.test', 'My washing machine was delivered broken.')]);
    const [complaint] = await parts.dataSource.getRepository(ComplaintEntity).find();
    const again = (id: string, text: string, automated = false) =>
      mail(id, 'leyla@mail.test', text, { conversation: '<m1@mail.test>', automated });
    const staffEvents = async () =>
      (await parts.dataSource.getRepository(OutboxEntity).findBy({ topic: AGENT_EVENTS_TOPIC })).map((row) => JSON.parse(row.payload) as AgentEventV1);
    const [acknowledgement] = (await parts.dataSource.getRepository(OutboxEntity).findBy({ topic: COMPLAINT_EVENTS_TOPIC })).map((row) => JSON.parse(row.payload) as ComplaintEventV1);
    expect(acknowledgement?.desk).toEqual({
      complaintId: complaint?.id,
      reference: complaint?.reference,
      customerName: 'Leyla Aliyeva',
      channel: 'email',
      state: 'received',
      deadline: 'accept',
      dueAt: complaint?.acceptBy.toISOString(),
      lastMessage: 'My washing machine was delivered broken.',
    });

    // Nobody has it and there is no team group: the queue heard of the complaint when it came.
    await parts.intake.execute([again('m2', 'It also smells of burning.')]);
    expect(await staffEvents()).toEqual([]);

    const assignee = randomUUID();
    await parts.dataSource.getRepository(ComplaintEntity).update({ id: complaint?.id }, { assigneeId: assignee });
    await parts.intake.execute([again('m3', 'The smell is stronger today.'), again('m4', 'I am out of office.', true)]);
    expect(await staffEvents()).toEqual([
      expect.objectContaining({
        type: 'customer.message',
        audience: { agentIds: [assignee] },
        complaint: expect.objectContaining({ reference: complaint?.reference, lastMessage: 'The smell is stronger today.' }),
      }),
    ]);
  });

  it('posts every customer message of an unassigned complaint to the team group, when there is one, without telling the queue again', async () => {
    const withGroup = await intakeOnSqlite(
      loadConfig({
        PLAINT_DATA_DIR: mkdtempSync(join(tmpdir(), 'intake-')),
        PLAINT_TELEGRAM_BOT_TOKEN: '700100:AAHfakeTokenForTheShopBot_0123456789',
        PLAINT_TELEGRAM_MODE: 'polling',
        PLAINT_STAFF_TELEGRAM_GROUP: '-1001234567890',
      }),
    );
    try {
      await withGroup.intake.execute([mail('m1', 'leyla@mail.test', 'My washing machine was delivered broken.')]);
      await withGroup.intake.execute([mail('m2', 'leyla@mail.test', 'It also smells of burning.', { conversation: '<m1@mail.test>' })]);
      const events = (await withGroup.dataSource.getRepository(OutboxEntity).findBy({ topic: AGENT_EVENTS_TOPIC })).map((row) => JSON.parse(row.payload) as AgentEventV1);
      expect(events).toEqual([expect.objectContaining({ type: 'customer.message', audience: {}, complaint: expect.objectContaining({ lastMessage: 'It also smells of burning.' }) })]);
    } finally {
      await withGroup.dataSource.destroy();
    }
  });
});
