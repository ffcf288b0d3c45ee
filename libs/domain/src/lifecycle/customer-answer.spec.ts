import { detailsFromAnswer } from './customer-answer';

describe('detailsFromAnswer', () => {
  it('takes a short line of words as the full name that was asked for', () => {
    expect(detailsFromAnswer({ text: 'Иван Петрович Сидоров', sender: {} }, ['fullName'])).toEqual({ fullName: 'Иван Петрович Сидоров' });
    expect(detailsFromAnswer({ text: 'Rəşad Əliyev.', sender: {} }, ['fullName'])).toEqual({ fullName: 'Rəşad Əliyev' });
  });

  it('does not take a sentence or a single word for a name', () => {
    expect(detailsFromAnswer({ text: 'I already told you everything twice, call me', sender: {} }, ['fullName'])).toEqual({});
    expect(detailsFromAnswer({ text: 'Ivan', sender: {} }, ['fullName'])).toEqual({});
  });

  it('refuses a short sentence, digits, punctuation and over-long lines as a name', () => {
    for (const text of [
      'Please call me back.',
      'Sifarişim hələ gəlmədi',
      'Где мой заказ?',
      'Order 4711 missing',
      'Hello, Anar here',
      'Mən artıq yazmışam!',
      'Hi There Again Friends Today',
      `${'Abcdefghijklmnopq '.repeat(3)}Abcdefghijklmnopq`,
    ]) {
      expect(detailsFromAnswer({ text, sender: {} }, ['fullName'])).toEqual({});
    }
    expect(detailsFromAnswer({ text: 'Aynur Əli qızı', sender: {} }, ['fullName'])).toEqual({ fullName: 'Aynur Əli qızı' });
    expect(detailsFromAnswer({ text: "Aynur Əli-Heydər O'Neil", sender: {} }, ['fullName'])).toEqual({ fullName: "Aynur Əli-Heydər O'Neil" });
  });

  it("prefers what the channel tells about the sender", () => {
    expect(detailsFromAnswer({ text: 'here you go', sender: { name: 'Leyla Məmmədova', email: 'leyla@example.az' } }, ['fullName', 'contact'])).toEqual({
      fullName: 'Leyla Məmmədova',
      contact: 'leyla@example.az',
    });
  });

  it('finds an e-mail address or a phone number in the text', () => {
    expect(detailsFromAnswer({ text: 'Write to Leyla@Example.az please', sender: {} }, ['contact'])).toEqual({ contact: 'leyla@example.az' });
    expect(detailsFromAnswer({ text: 'my number is 050 123 45 67', sender: {} }, ['contact'])).toEqual({ contact: '+994501234567' });
  });

  it('takes the text as the essence only when the essence was missing', () => {
    expect(detailsFromAnswer({ text: 'The TV I bought has dead pixels', sender: {} }, ['essence'])).toEqual({ essence: 'The TV I bought has dead pixels' });
    expect(detailsFromAnswer({ text: 'The TV I bought has dead pixels', sender: {} }, [])).toEqual({});
  });
});
