import { accountProblems, type NewAgentAccount } from './agent-account-rules';

const good: NewAgentAccount = {
  username: 'leyla.m_2',
  displayName: 'Leyla Məmmədova',
  email: 'leyla@example.az',
  password: 'correct horse battery',
  role: 'agent',
};

const fieldsWrong = (change: Partial<NewAgentAccount>) => accountProblems({ ...good, ...change }).map((problem) => problem.field);

describe('the rules every new agent account meets', () => {
  it('accepts a sound account, with or without an e-mail', () => {
    expect(accountProblems(good)).toEqual([]);
    expect(accountProblems({ ...good, email: null })).toEqual([]);
  });

  it.each(['ab', 'a'.repeat(101), 'Leyla', 'leyla m', 'leyla@plaint', 'ləylа'])('refuses the username %j', (username) => {
    expect(fieldsWrong({ username })).toEqual(['username']);
  });

  it('accepts usernames of 3 and of 100 characters', () => {
    expect(fieldsWrong({ username: 'a-b' })).toEqual([]);
    expect(fieldsWrong({ username: 'a'.repeat(100) })).toEqual([]);
  });

  it('refuses a password under 12 characters, and takes one of exactly 12', () => {
    expect(fieldsWrong({ password: 'elevenchars' })).toEqual(['password']);
    expect(fieldsWrong({ password: 'twelve chars' })).toEqual([]);
  });

  it('refuses a blank display name, a malformed e-mail and an unknown role', () => {
    expect(fieldsWrong({ displayName: '   ', email: 'not-an-address', role: 'root' as NewAgentAccount['role'] })).toEqual([
      'displayName',
      'email',
      'role',
    ]);
  });
});
