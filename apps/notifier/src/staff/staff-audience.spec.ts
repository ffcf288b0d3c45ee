import { type AgentContact, resolveRecipients } from './staff-audience';

const agent = (id: string, fields: Partial<AgentContact> = {}): AgentContact => ({
  id,
  role: 'agent',
  active: true,
  email: `${id}@care.test`,
  notifyVia: 'email',
  language: null,
  telegramChatId: null,
  telegramBot: null,
  ...fields,
});

const team = [
  agent('aysel'),
  agent('rashad', { notifyVia: 'both', telegramChatId: '5001', language: 'ru' }),
  agent('nigar', { role: 'supervisor', notifyVia: 'telegram', telegramChatId: '5002', telegramBot: 'care' }),
  agent('elvin', { role: 'admin', notifyVia: 'none' }),
  agent('gone', { active: false }),
  agent('nomail', { email: null }),
];

const to = (audience: Parameters<typeof resolveRecipients>[0]) =>
  resolveRecipients(audience, team, 'shop').map(({ route, recipient, agentId }) => `${agentId ?? '-'} ${route} ${recipient}`);

describe('who a staff event reaches', () => {
  it('reaches the whole queue, supervisors and admins included, each on the routes they chose and can be reached on', () => {
    expect(to({ queue: true })).toEqual([
      'aysel email aysel@care.test',
      'rashad email rashad@care.test',
      'rashad telegram shop:5001',
      'nigar telegram care:5002',
    ]);
  });

  it('reaches only supervisors and admins for supervisors, and only the named active agents for agentIds', () => {
    expect(to({ supervisors: true })).toEqual(['nigar telegram care:5002']);
    expect(to({ agentIds: ['aysel', 'gone'] })).toEqual(['aysel email aysel@care.test']);
    expect(to({ agentIds: ['aysel'], supervisors: true })).toEqual(['aysel email aysel@care.test', 'nigar telegram care:5002']);
  });

  it('answers a refused sender at their address or chat, in their thread, in the language of the agent they are', () => {
    const [mail] = resolveRecipients({ emailAddress: 'Rashad@Care.test', inReplyTo: '<m1@mail.test>' }, team, 'shop');
    expect(mail).toEqual({ route: 'email', recipient: 'Rashad@Care.test', agentId: null, language: 'ru', inReplyTo: '<m1@mail.test>' });
    const [chat] = resolveRecipients({ telegramChatId: '-1001234567890', telegramThreadId: '77', inReplyTo: '901' }, team, 'shop');
    expect(chat).toEqual({ route: 'telegram', recipient: 'shop:-1001234567890:77', agentId: null, language: null, inReplyTo: '901' });
  });

  it('reaches nobody when nobody is named', () => {
    expect(to({})).toEqual([]);
  });
});
