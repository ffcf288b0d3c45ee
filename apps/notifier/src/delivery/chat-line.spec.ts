import type { ComplaintEventV1 } from '@plaint/contracts';
import { NoticeEntity } from '@plaint/persistence';
import { NoticeTemplates } from '../notice-templates';
import { renderNotice } from '../render-notice';
import { agentWords, chatLineOf, isAgentLineInChat } from './chat-line';

const event = (overrides: Partial<ComplaintEventV1>): ComplaintEventV1 => ({
  eventId: 'e1',
  type: 'complaint.reply',
  complaintId: 'c1',
  reference: 'K7M4-Q9XD-2PTA',
  occurredAt: '2027-01-05T08:00:00.000Z',
  channel: 'chat',
  replyTo: 'conv-1',
  language: 'ru',
  customer: { name: 'Məmmədova Aysel', email: 'aysel@example.az' },
  deadlines: {},
  step: { message: 'Мастер придёт завтра в 10 часов.', author: 'Leyla' },
  ...overrides,
});

const notice = (values: Partial<NoticeEntity>): NoticeEntity =>
  Object.assign(new NoticeEntity(), {
    id: 'n1',
    eventId: 'e1',
    reference: 'K7M4-Q9XD-2PTA',
    eventType: 'complaint.reply',
    channel: 'chat',
    recipient: 'conv-1',
    text: 'Мастер придёт завтра в 10 часов.',
    createdAt: new Date('2027-01-05T08:00:01.000Z'),
    ...values,
  });

describe('an agent’s reply in the live chat', () => {
  it('is the agent’s words under the first name, with no reference box', () => {
    const reply = event({});
    expect(isAgentLineInChat(reply)).toBe(true);
    expect(agentWords(reply)).toBe('Мастер придёт завтра в 10 часов.');
    expect(chatLineOf(notice({}), reply)).toEqual({
      id: 'n1',
      conversationId: 'conv-1',
      from: 'agent',
      authorName: 'Leyla',
      text: 'Мастер придёт завтра в 10 часов.',
      sentAt: '2027-01-05T08:00:01.000Z',
    });
  });

  it('is from "agent" without a name when the event carries none (an earlier release)', () => {
    const { step, ...rest } = event({});
    const older = { ...rest, step: { message: step!.message! } };
    expect(chatLineOf(notice({}), older)).toMatchObject({ from: 'agent' });
    expect(chatLineOf(notice({}), older)).not.toHaveProperty('authorName');
  });

  it('stays a formal letter on the other routes, and when the customer asked for e-mail', () => {
    const templates = new NoticeTemplates();
    expect(isAgentLineInChat(event({ channel: 'telegram', replyTo: 'bot:1' }))).toBe(false);
    const byMail = event({ channel: 'email', replyTo: 'aysel@example.az' });
    expect(isAgentLineInChat(byMail)).toBe(false);
    expect(renderNotice(byMail, templates, 'Asia/Baku')).toMatch(/^Уважаемый\(ая\) Məmmədova Aysel/);
  });

  it('leaves the policy’s notices in the chat formal, with their reference', () => {
    const received = event({ type: 'complaint.received', deadlines: { acceptBy: '2027-01-07T19:59:59.999Z' }, step: undefined });
    expect(isAgentLineInChat(received)).toBe(false);
    const formal = notice({ eventType: 'complaint.received', text: 'Уважаемый(ая) …' });
    expect(chatLineOf(formal, received)).toMatchObject({ from: 'plaint', reference: 'K7M4-Q9XD-2PTA', text: 'Уважаемый(ая) …' });
  });

  it('refuses a reply without words', () => {
    expect(() => agentWords(event({ step: { message: '  ' } }))).toThrow(/no step\.message/);
  });
});
