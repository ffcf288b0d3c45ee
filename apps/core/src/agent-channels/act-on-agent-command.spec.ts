import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { loadConfig } from '@plaint/config';
import { AGENT_EVENTS_TOPIC, type AgentCommandV1, type AgentEventV1, COMPLAINT_EVENTS_TOPIC, type ComplaintEventV1 } from '@plaint/contracts';
import { agentReplyToken, Clock, companyCalendar, NO_OVERRIDES } from '@plaint/domain';
import { AgentCommandEntity, AgentEntity, ComplaintEntity, ComplaintHistoryEntity, dataSourceOptions, OutboxEntity, StaffTopicEntity } from '@plaint/persistence';
import { complaintRow } from '../../../../test/support/complaint-row';
import { WorkOnComplaint } from '../agent-api/work-on-complaint.use-case';
import { AgentsRepository } from '../auth/agents.repository';
import { ChangeComplaint } from '../lifecycle/change-complaint.use-case';
import { ComplaintJournal } from '../lifecycle/complaint-journal';
import { CoreStore } from '../store/core-store';
import { ActOnAgentCommand } from './act-on-agent-command.use-case';
import { AgentChannelSettings } from './agent-channel-settings.use-case';

class MovableClock extends Clock {
  at = new Date('2026-11-02T09:00:00Z');
  now(): Date {
    return this.at;
  }
}

// A staff bot is configured: without one, no link code is issued.
const config = loadConfig({
  PLAINT_DATA_DIR: mkdtempSync(join(tmpdir(), 'agent-commands-')),
  PLAINT_TELEGRAM_BOT_TOKEN: '700100:AAHfakeTokenForTheDefaultBot_0123456',
  PLAINT_TELEGRAM_MODE: 'polling',
});
const secret = config.referenceSecret;
const LEYLA = '0191c3a4-0000-7000-8000-000000000001';
const RASHAD = '0191c3a4-0000-7000-8000-000000000002';

function agent(id: string, username: string, email: string): AgentEntity {
  const at = new Date('2026-10-01T00:00:00Z');
  return Object.assign(new AgentEntity(), {
    id,
    username,
    displayName: username,
    email,
    passwordHash: 'x',
    role: 'agent',
    active: true,
    createdAt: at,
    updatedAt: at,
    notifyVia: 'email',
    language: null,
    telegramUserId: null,
    telegramChatId: null,
    telegramBot: null,
  });
}

let sequence = 0;
function byMail(from: string, token: string | undefined, text: string, extra: Partial<AgentCommandV1> = {}): AgentCommandV1 {
  sequence += 1;
  return {
    commandId: `<reply-${sequence}@mail.test>`,
    source: 'email',
    receivedAt: '2026-11-02T09:00:00.000Z',
    text,
    email: { from, ...(token ? { token } : {}), messageId: `<reply-${sequence}@mail.test>` },
    ...extra,
  };
}

function byTelegram(userId: string, text: string, where: { group?: boolean; threadId?: string; edited?: boolean; reference?: string } = {}): AgentCommandV1 {
  sequence += 1;
  const chatId = where.group ? '-1001234567890' : userId;
  return {
    commandId: `default:${chatId}:${sequence}`,
    source: 'telegram',
    receivedAt: '2026-11-02T09:00:00.000Z',
    text,
    ...(where.reference ? { reference: where.reference } : {}),
    telegram: {
      bot: 'default',
      userId,
      chatId,
      group: where.group ?? false,
      ...(where.threadId ? { threadId: where.threadId } : {}),
      messageId: String(sequence),
      ...(where.edited ? { edited: true } : {}),
    },
  };
}

/** Core's command path over a fresh in-memory SQLite store, wired by hand as the module wires it. */
async function commandsOnSqlite() {
  const dataSource = new DataSource(dataSourceOptions({ kind: 'sqlite', file: ':memory:' }));
  await dataSource.initialize();
  const clock = new MovableClock();
  const calendar = companyCalendar(config.policy, NO_OVERRIDES, clock.now().getUTCFullYear());
  const store = new CoreStore(dataSource);
  const journal = new ComplaintJournal();
  const work = new WorkOnComplaint(store, new ChangeComplaint(config, calendar, journal), journal, clock, new AgentsRepository(dataSource));
  const act = new ActOnAgentCommand(store, work, calendar, clock, config);
  const settings = new AgentChannelSettings(store, clock, config);
  await dataSource.getRepository(AgentEntity).insert([agent(LEYLA, 'leyla', 'Leyla@care.test'), agent(RASHAD, 'rashad', 'rashad@care.test')]);
  const complaint = complaintRow('K7QM-4MXA-9ZZ1', { fullName: 'Aysel Quliyeva', email: 'aysel@mail.test', channel: 'email', replyTo: 'aysel@mail.test' });
  const other = complaintRow('K7QM-4MXA-9ZZ2', { fullName: 'Murad Həsənov', email: 'murad@mail.test', channel: 'email', replyTo: 'murad@mail.test' });
  await store.reads().complaints.insert([complaint, other]);
  return { dataSource, clock, act, settings, complaint, other };
}

describe('ActOnAgentCommand (SQLite, through the repositories)', () => {
  let parts: Awaited<ReturnType<typeof commandsOnSqlite>>;
  const events = async <T>(topic: string) => (await parts.dataSource.getRepository(OutboxEntity).find({ where: { topic }, order: { id: 'ASC' } })).map((row) => JSON.parse(row.payload) as T);
  const complaintEvents = () => events<ComplaintEventV1>(COMPLAINT_EVENTS_TOPIC);
  const agentEvents = () => events<AgentEventV1>(AGENT_EVENTS_TOPIC);
  const history = async (complaintId: string) => (await parts.dataSource.getRepository(ComplaintHistoryEntity).findBy({ complaintId })).map((line) => line.why);
  const stored = (id: string) => parts.dataSource.getRepository(ComplaintEntity).findOneByOrFail({ id });
  const outcome = async (commandId: string) => (await parts.dataSource.getRepository(AgentCommandEntity).findOneByOrFail({ commandId })).outcome;

  beforeEach(async () => {
    parts = await commandsOnSqlite();
  });
  afterEach(async () => {
    await parts.dataSource.destroy();
  });

  it('sends a reply to a notification to the customer, as the agent, like an API reply', async () => {
    const command = byMail('leyla@care.test', agentReplyToken(secret, parts.complaint.reference, LEYLA), 'We are sending a technician tomorrow.');
    expect(await parts.act.execute(command)).toBe('done');
    const [reply, ...more] = await complaintEvents();
    expect(more).toEqual([]);
    expect(reply).toMatchObject({
      type: 'complaint.reply',
      reference: parts.complaint.reference,
      replyTo: 'aysel@mail.test',
      step: { message: 'We are sending a technician tomorrow.' },
      desk: { reference: parts.complaint.reference, customerName: 'Aysel Quliyeva', assigneeId: LEYLA, state: 'received', deadline: 'accept' },
    });
    expect(reply?.desk).not.toHaveProperty('email');
    expect(await history(parts.complaint.id)).toEqual([`taken by ${LEYLA}`, 'replied to the customer']);
    expect(await outcome(command.commandId)).toBe('done');
  });

  it('keeps a #note inside: a history line and a staff event, nothing for the customer', async () => {
    const token = agentReplyToken(secret, parts.complaint.reference, LEYLA);
    expect(await parts.act.execute(byMail('leyla@care.test', token, '#note\nCalled the store, they check the stock.'))).toBe('done');
    expect(await complaintEvents()).toEqual([]);
    expect(await history(parts.complaint.id)).toEqual(['note: Called the store, they check the stock.']);
    expect(await agentEvents()).toEqual([expect.objectContaining({ type: 'complaint.note', text: 'Called the store, they check the stock.', actor: 'leyla', audience: { queue: true } })]);
  });

  it('refuses a mail whose From is not the agent the token was made for, and changes nothing', async () => {
    const token = agentReplyToken(secret, parts.complaint.reference, LEYLA);
    const forged = byMail('someone@evil.test', token, 'Your refund is cancelled.');
    expect(await parts.act.execute(forged)).toBe('refused');
    // Another agent's own address with Leyla's token: the token does not verify for Rashad.
    const borrowed = byMail('rashad@care.test', token, 'Your refund is cancelled.');
    expect(await parts.act.execute(borrowed)).toBe('refused');
    expect(await complaintEvents()).toEqual([]);
    expect(await history(parts.complaint.id)).toEqual([]);
    expect(await agentEvents()).toEqual([
      expect.objectContaining({ type: 'command.refused', audience: { emailAddress: 'someone@evil.test', inReplyTo: forged.email?.messageId }, text: expect.stringContaining('not the registered address') }),
      expect.objectContaining({ type: 'command.refused', audience: { emailAddress: 'rashad@care.test', inReplyTo: borrowed.email?.messageId }, text: expect.stringContaining('does not answer a notification sent to you') }),
    ]);
    expect((await stored(parts.complaint.id)).assigneeId).toBeNull();
  });

  it('acts only on the complaint the token names, whatever else the message claims', async () => {
    const token = agentReplyToken(secret, parts.complaint.reference, LEYLA);
    expect(await parts.act.execute(byMail('leyla@care.test', token, 'Noted, thank you.', { reference: parts.other.reference }))).toBe('done');
    expect((await complaintEvents()).map((event) => event.reference)).toEqual([parts.complaint.reference]);
    expect(await history(parts.other.id)).toEqual([]);
    // The other complaint's reference with the first one's signature does not verify.
    const otherCompact = parts.other.reference.replace(/-/g, '').toLowerCase();
    const spliced = `r${otherCompact}${token.slice(13)}`;
    expect(await parts.act.execute(byMail('leyla@care.test', spliced, '#close'))).toBe('refused');
    expect(await history(parts.other.id)).toEqual([]);
  });

  it('answers a command the lifecycle refuses with why, and changes nothing, not even who has the complaint', async () => {
    const command = byMail('leyla@care.test', agentReplyToken(secret, parts.complaint.reference, LEYLA), '#close');
    expect(await parts.act.execute(command)).toBe('refused');
    const after = await stored(parts.complaint.id);
    expect({ state: after.state, assigneeId: after.assigneeId }).toEqual({ state: 'received', assigneeId: null });
    expect(await history(parts.complaint.id)).toEqual([]);
    expect(await complaintEvents()).toEqual([]);
    expect(await agentEvents()).toEqual([
      expect.objectContaining({ type: 'command.refused', text: 'The complaint is received and not accepted yet, so it cannot be closed now. Nothing was done.' }),
    ]);
  });

  it('refuses to act on a complaint another agent has', async () => {
    await parts.dataSource.getRepository(ComplaintEntity).update({ id: parts.complaint.id }, { assigneeId: RASHAD });
    expect(await parts.act.execute(byMail('leyla@care.test', agentReplyToken(secret, parts.complaint.reference, LEYLA), 'Hello!'))).toBe('refused');
    expect(await complaintEvents()).toEqual([]);
    expect((await agentEvents())[0]?.text).toContain('assigned to another agent');
  });

  it('refuses an unknown command word instead of sending it to the customer', async () => {
    expect(await parts.act.execute(byMail('leyla@care.test', agentReplyToken(secret, parts.complaint.reference, LEYLA), '#nota called her'))).toBe('refused');
    expect(await complaintEvents()).toEqual([]);
    expect((await agentEvents())[0]?.text).toContain('#nota is not a command');
  });

  it('acts once on a command delivered twice', async () => {
    const command = byMail('leyla@care.test', agentReplyToken(secret, parts.complaint.reference, LEYLA), 'We are on it.');
    expect(await parts.act.execute(command)).toBe('done');
    expect(await parts.act.execute(command)).toBe('repeat');
    const refused = byMail('nobody@evil.test', undefined, 'hi');
    expect(await parts.act.execute(refused)).toBe('refused');
    expect(await parts.act.execute(refused)).toBe('repeat');
    expect((await complaintEvents()).map((event) => event.type)).toEqual(['complaint.reply']);
    expect((await agentEvents()).map((event) => event.type)).toEqual(['complaint.step', 'command.refused']);
  });

  it('records an automatic mail and answers nothing', async () => {
    const command = byMail('leyla@care.test', agentReplyToken(secret, parts.complaint.reference, LEYLA), 'I am out of office until Monday.');
    command.email = { ...command.email!, automated: 'auto-submitted: auto-replied' };
    expect(await parts.act.execute(command)).toBe('ignored');
    expect(await complaintEvents()).toEqual([]);
    expect(await agentEvents()).toEqual([]);
    expect(await outcome(command.commandId)).toBe('ignored');
  });

  it('refuses a Telegram member who is not linked, with a hint in their chat', async () => {
    await parts.dataSource.getRepository(StaffTopicEntity).insert({
      complaintId: parts.complaint.id,
      reference: parts.complaint.reference,
      bot: 'default',
      chatId: '-1001234567890',
      threadId: '77',
      createdAt: new Date(),
    });
    expect(await parts.act.execute(byTelegram('9001', 'Hello, we will call you', { group: true, threadId: '77' }))).toBe('refused');
    expect(await complaintEvents()).toEqual([]);
    expect(await agentEvents()).toEqual([
      expect.objectContaining({
        type: 'command.refused',
        audience: { telegramBot: 'default', telegramChatId: '-1001234567890', telegramThreadId: '77', inReplyTo: expect.any(String) },
        text: expect.stringContaining('not linked'),
      }),
    ]);
  });

  it('links Telegram with a one-time code; then the member answers in the complaint topic, and edits are not sent again', async () => {
    const { code } = await parts.settings.issueLinkCode(LEYLA);
    expect(await parts.act.execute(byTelegram('9001', `/link ${code.toLowerCase()}`))).toBe('done');
    expect(await parts.settings.notifications(LEYLA)).toMatchObject({ telegramLinked: true });
    expect((await agentEvents()).map((event) => event.type)).toEqual(['telegram.linked']);
    // Used once: the same code from someone else links nothing.
    expect(await parts.act.execute(byTelegram('666', `/link ${code}`))).toBe('refused');

    await parts.dataSource.getRepository(StaffTopicEntity).insert({
      complaintId: parts.complaint.id,
      reference: parts.complaint.reference,
      bot: 'default',
      chatId: '-1001234567890',
      threadId: '77',
      createdAt: new Date(),
    });
    expect(await parts.act.execute(byTelegram('9001', '/accept@plaint_bot', { group: true, threadId: '77' }))).toBe('done');
    expect((await stored(parts.complaint.id)).state).toBe('accepted');
    expect(await parts.act.execute(byTelegram('9001', 'Hello again', { group: true, threadId: '77', edited: true }))).toBe('refused');
    expect((await complaintEvents()).map((event) => event.type)).toEqual(['complaint.accepted']);
  });

  it('lets a link code expire', async () => {
    const { code } = await parts.settings.issueLinkCode(LEYLA);
    parts.clock.at = new Date(parts.clock.at.getTime() + (config.staff.linkCodeTtlMinutes * 60 + 1) * 1000);
    expect(await parts.act.execute(byTelegram('9001', `/start ${code}`))).toBe('refused');
    expect(await parts.settings.notifications(LEYLA)).toMatchObject({ telegramLinked: false });
  });
});
