import {
  botTopicMessage,
  commandUpdate,
  editedGroupTopicUpdate,
  generalTopicUpdate,
  groupTextUpdate,
  groupTopicUpdate,
  otherBotGroupUpdate,
  replyToBotUpdate,
  textUpdate,
  topicCreatedMessage,
  topicCreatedUpdate,
} from '../../../../test/support/telegram-updates';
import type { StaffContext } from './read-staff-message';
import { privateSenderOf, readUpdate } from './read-update';

const group = { id: -1001234567890, title: 'Care team' };
const bot = { id: 700100, username: 'plaint_shop_bot', firstName: 'Shop' };
const rauf = { id: 301, firstName: 'Rauf', lastName: 'Həsənov', username: 'rauf_h', languageCode: 'az' };
const leyla = { id: 501, firstName: 'Leyla', lastName: 'Aliyeva', languageCode: 'az' };
const staff = (overrides: Partial<StaffContext> = {}): StaffContext => ({
  staffBot: 'shop',
  staffGroupId: String(group.id),
  senderIsAgent: false,
  ...overrides,
});
const opening = topicCreatedMessage(group, bot, 42, 'K7M4-Q9XD-2PTA · Leyla Aliyeva');
const topic = { threadId: 42, opening };

describe('readUpdate of staff’s messages', () => {
  it('reads a member’s message in a complaint’s topic as an agent’s command, with the topic and its reference', () => {
    const reading = readUpdate('shop', groupTopicUpdate(group, rauf, topic, 77, '#note She called as well.'), staff());
    expect(reading).toEqual({
      kind: 'agent',
      message: {
        key: 'K7M4-Q9XD-2PTA',
        command: {
          commandId: 'shop:-1001234567890:77',
          source: 'telegram',
          receivedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
          text: '#note She called as well.',
          reference: 'K7M4-Q9XD-2PTA',
          telegram: { bot: 'shop', userId: '301', username: 'rauf_h', name: 'Rauf Həsənov', chatId: '-1001234567890', group: true, threadId: '42', messageId: '77' },
        },
      },
    });
  });

  it('carries the text of the bot’s message replied to, and its reference, in a topic and in a direct chat', () => {
    const posted = botTopicMessage(group, bot, 42, 60, 'K7M4-Q9XD-2PTA: Leyla wrote again: "Any news?"');
    const inTopic = readUpdate('shop', groupTopicUpdate(group, rauf, topic, 78, 'Tomorrow.', posted), staff());
    expect(inTopic.kind === 'agent' && inTopic.message.command).toMatchObject({
      reference: 'K7M4-Q9XD-2PTA',
      telegram: { threadId: '42', replyToText: 'K7M4-Q9XD-2PTA: Leyla wrote again: "Any news?"' },
    });
    const notification = { id: 9, text: 'Assigned to you: k7m4-q9xd-2pta\nLeyla Aliyeva, e-mail' };
    const direct = readUpdate('shop', replyToBotUpdate(rauf, bot, 10, '/accept', notification), staff({ senderIsAgent: true }));
    expect(direct.kind === 'agent' && direct.message.command).toMatchObject({
      commandId: 'shop:301:10',
      reference: 'K7M4-Q9XD-2PTA',
      telegram: { chatId: '301', group: false, replyToText: notification.text },
    });
  });

  it('takes nothing from a reply to a person’s message, and no thread outside a topic', () => {
    const person = { ...botTopicMessage(group, bot, 42, 61, 'K1M4-Q9XD-2PTA?'), from: { id: 302, is_bot: false, first_name: 'Nigar' } };
    const reading = readUpdate('shop', groupTopicUpdate(group, rauf, topic, 79, 'Agreed.', person), staff());
    expect(reading.kind === 'agent' && reading.message.command).not.toHaveProperty('reference');
    expect(reading.kind === 'agent' && reading.message.command.telegram).not.toHaveProperty('replyToText');
    const general = readUpdate('shop', generalTopicUpdate(group, rauf, 80, 'Morning all'), staff());
    expect(general.kind === 'agent' && general.message).toMatchObject({ key: 'telegram:301', command: { telegram: { group: true } } });
    expect(general.kind === 'agent' && general.message.command.telegram).not.toHaveProperty('threadId');
  });

  it('reads an edit as an edited command under an id of its own', () => {
    const reading = readUpdate('shop', editedGroupTopicUpdate(group, rauf, topic, 77, 'Tomorrow, not today.'), staff());
    expect(reading.kind === 'agent' && reading.message.command).toMatchObject({
      commandId: expect.stringMatching(/^shop:-1001234567890:77:edit:\d+$/),
      text: 'Tomorrow, not today.',
      telegram: { edited: true, messageId: '77' },
    });
  });

  it('leaves service messages and bots’ messages in the staff group, and never reads the group as customers', () => {
    expect(readUpdate('shop', topicCreatedUpdate(group, bot, 43, 'X1X1-X1X1-X1X1 · Anar'), staff())).toMatchObject({ kind: 'ignore' });
    expect(readUpdate('shop', otherBotGroupUpdate(group, { ...bot, id: 800200, username: 'other_bot' }, 81, 'Hello'), staff())).toMatchObject({ kind: 'ignore' });
    // Another group stays ignored as before; without a staff group configured the group is just a group.
    expect(readUpdate('shop', groupTextUpdate(rauf, -100999, 1, 'hi'), staff())).toEqual({ kind: 'ignore', why: 'a group chat' });
    expect(readUpdate('shop', groupTopicUpdate(group, rauf, topic, 82, 'hi'), staff({ staffGroupId: undefined }))).toMatchObject({ kind: 'ignore' });
    // Another bot of the installation does not read the staff group.
    expect(readUpdate('other', groupTopicUpdate(group, rauf, topic, 83, 'hi'), staff())).toMatchObject({ kind: 'ignore' });
  });

  it('reads a linked agent’s direct message as a command and an unlinked customer’s as customer intake', () => {
    const agent = readUpdate('shop', textUpdate(rauf, 12, 'What is on my queue?'), staff({ senderIsAgent: true }));
    expect(agent).toMatchObject({ kind: 'agent', message: { command: { text: 'What is on my queue?', telegram: { group: false, chatId: '301' } } } });
    const customer = readUpdate('shop', textUpdate(leyla, 13, 'Soyuducu işləmir.'), staff());
    expect(customer).toMatchObject({ kind: 'message', message: { text: 'Soyuducu işləmir.', chat: 'shop:501' } });
    // The same person writing to another bot of the installation is a customer there.
    expect(readUpdate('other', textUpdate(rauf, 14, 'Mine is broken too'), staff({ senderIsAgent: true }))).toMatchObject({ kind: 'message' });
  });

  it('reads /link and /start with a link code as a link attempt from anyone, and /start with a reference as before', () => {
    expect(readUpdate('shop', commandUpdate(leyla, 20, '/link 7KQ2-M9XD'), staff())).toMatchObject({
      kind: 'agent',
      message: { key: 'telegram:501', command: { text: '/link 7KQ2-M9XD', telegram: { group: false } } },
    });
    expect(readUpdate('shop', commandUpdate(leyla, 21, '/link@plaint_shop_bot whatever'), staff())).toMatchObject({ kind: 'agent' });
    expect(readUpdate('shop', commandUpdate(leyla, 22, '/start 7kq2m9xd'), staff())).toMatchObject({ kind: 'agent', message: { command: { text: '/start 7kq2m9xd' } } });
    const status = readUpdate('shop', commandUpdate(leyla, 23, '/start k7m4-q9xd-2pta'), staff());
    expect(status.kind === 'message' && status.message.text).toBe('/status K7M4-Q9XD-2PTA');
    expect(readUpdate('shop', commandUpdate(leyla, 24, '/start'), staff())).toMatchObject({ kind: 'reply', reply: 'greeting' });
    expect(readUpdate('shop', commandUpdate(leyla, 25, '/linkage'), staff())).toMatchObject({ kind: 'reply', reply: 'greeting' });
  });

  it('names the sender of a direct chat, and nobody for groups and bots', () => {
    expect(privateSenderOf(textUpdate(rauf, 1, 'hi'))).toBe('301');
    expect(privateSenderOf(groupTopicUpdate(group, rauf, topic, 2, 'hi'))).toBeUndefined();
    expect(privateSenderOf(topicCreatedUpdate(group, bot, 44, 'x'))).toBeUndefined();
  });
});
