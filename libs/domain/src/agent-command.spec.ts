import { parseAgentCommand } from './agent-command';

describe('parseAgentCommand', () => {
  it('reads a message that starts with nothing special as a reply to the customer', () => {
    expect(parseAgentCommand('We have sent a new kettle today.\nRegards')).toEqual({ kind: 'reply', text: 'We have sent a new kettle today.\nRegards' });
  });

  it('keeps a reply a reply when a command word appears later on', () => {
    expect(parseAgentCommand('Thanks, I will #accept it tomorrow')).toEqual({ kind: 'reply', text: 'Thanks, I will #accept it tomorrow' });
    expect(parseAgentCommand('Hello\n#close')).toEqual({ kind: 'reply', text: 'Hello\n#close' });
  });

  it('treats an order number after # as text, not as a command', () => {
    expect(parseAgentCommand('#12345 was sent again today')).toEqual({ kind: 'reply', text: '#12345 was sent again today' });
  });

  it('tells an empty message apart', () => {
    expect(parseAgentCommand('')).toEqual({ kind: 'empty' });
    expect(parseAgentCommand('  \n\t\n ')).toEqual({ kind: 'empty' });
  });

  it('reads the first line after leading blank lines and spaces, in any case', () => {
    expect(parseAgentCommand('\n\n   #NOTE  called the store\nthey will check')).toEqual({ kind: 'note', text: 'called the store\nthey will check' });
    expect(parseAgentCommand(' #Accept')).toEqual({ kind: 'accept' });
  });

  it('takes a command alone on its line', () => {
    expect(parseAgentCommand('#review')).toEqual({ kind: 'review' });
    expect(parseAgentCommand('#close\n')).toEqual({ kind: 'close' });
  });

  it('takes bot commands, with or without the bot name', () => {
    expect(parseAgentCommand('/note checked the stock')).toEqual({ kind: 'note', text: 'checked the stock' });
    expect(parseAgentCommand('/accept@plaint_care_bot')).toEqual({ kind: 'accept' });
    expect(parseAgentCommand('/close@plaint_care_bot now')).toEqual({ kind: 'close' });
  });

  it('takes the rest of the message as the review’s result, and wants one', () => {
    expect(parseAgentCommand('#reviewed The courier left it at the wrong door.\nWe asked for it back.')).toEqual({
      kind: 'reviewed',
      result: 'The courier left it at the wrong door.\nWe asked for it back.',
    });
    expect(parseAgentCommand('/reviewed@plaint_care_bot Checked the label: wrong size.')).toEqual({ kind: 'reviewed', result: 'Checked the label: wrong size.' });
    expect(parseAgentCommand('#reviewed  \n ')).toMatchObject({ kind: 'invalid', command: 'reviewed' });
  });

  it('wants text after #note: an empty note is not sent anywhere', () => {
    expect(parseAgentCommand('#note')).toMatchObject({ kind: 'invalid', command: 'note' });
  });

  it('splits what is missing on commas and lines', () => {
    expect(parseAgentCommand('#details receipt number, photo of the label\norder date')).toEqual({
      kind: 'details',
      what: ['receipt number', 'photo of the label', 'order date'],
    });
    expect(parseAgentCommand('#details')).toMatchObject({ kind: 'invalid', command: 'details' });
  });

  it('wants a date and a reason to extend', () => {
    expect(parseAgentCommand('#extend 2026-12-20 spare part on order\nfrom Germany')).toEqual({
      kind: 'extend',
      date: '2026-12-20',
      reason: 'spare part on order\nfrom Germany',
    });
    expect(parseAgentCommand('#extend 20.12.2026 part on order')).toMatchObject({ kind: 'invalid', command: 'extend' });
    expect(parseAgentCommand('#extend 2026-12-20')).toMatchObject({ kind: 'invalid', command: 'extend' });
  });

  it('takes the rest of the message as the outcome, and a cause line as the root cause', () => {
    expect(parseAgentCommand('#resolve We refunded 40 AZN.\nThe money is on your card.\ncause: delivery-delay')).toEqual({
      kind: 'resolve',
      outcome: 'We refunded 40 AZN.\nThe money is on your card.',
      rootCause: 'delivery-delay',
    });
    expect(parseAgentCommand('#resolve\nReplaced the kettle')).toEqual({ kind: 'resolve', outcome: 'Replaced the kettle', rootCause: '' });
    expect(parseAgentCommand('#resolve\ncause: faulty-batch')).toMatchObject({ kind: 'invalid', command: 'resolve' });
  });

  it('assigns to a username or to the writer', () => {
    expect(parseAgentCommand('#assign @Rashad')).toEqual({ kind: 'assign', to: 'rashad' });
    expect(parseAgentCommand('#assign me')).toEqual({ kind: 'assign', to: 'me' });
    expect(parseAgentCommand('#assign')).toMatchObject({ kind: 'invalid', command: 'assign' });
  });

  it('reads link codes', () => {
    expect(parseAgentCommand('/link K7QM2XHF')).toEqual({ kind: 'link', code: 'K7QM2XHF' });
    expect(parseAgentCommand('/start K7QM2XHF')).toEqual({ kind: 'link', code: 'K7QM2XHF' });
    expect(parseAgentCommand('#link k7qm2xhf')).toEqual({ kind: 'link', code: 'k7qm2xhf' });
    expect(parseAgentCommand('/start')).toMatchObject({ kind: 'invalid', command: 'start' });
  });

  it('refuses an unknown command word, Cyrillic too, instead of sending it to the customer', () => {
    expect(parseAgentCommand('#notes forgot the e')).toEqual({ kind: 'unknown', word: '#notes' });
    expect(parseAgentCommand('#заметка звонил клиенту')).toEqual({ kind: 'unknown', word: '#заметка' });
    expect(parseAgentCommand('/help')).toEqual({ kind: 'unknown', word: '/help' });
  });

  it('sends Cyrillic text that merely contains a hashtag later on as a reply', () => {
    expect(parseAgentCommand('Здравствуйте! Заказ #4411 отправлен')).toEqual({ kind: 'reply', text: 'Здравствуйте! Заказ #4411 отправлен' });
  });
});
