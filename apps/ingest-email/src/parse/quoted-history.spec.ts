import { removeQuotedHistory } from './quoted-history';

describe('removeQuotedHistory', () => {
  it('drops an "On … wrote:" attribution and its quoted lines', () => {
    const text = 'The box was crushed.\n\nOn Mon, 24 Nov 2026 at 16:10, Plaint <support@plaint.test> wrote:\n> Dear customer,\n>\n> thank you.\n';
    expect(removeQuotedHistory(text)).toBe('The box was crushed.');
  });

  it('recognises Russian and Azerbaijani/Turkish attributions, wrapped over lines too', () => {
    expect(removeQuotedHistory('Спасибо.\n\n24 ноября 2026 г., 16:10 пользователь Plaint <support@plaint.test>\nнаписал(а):\n> Уважаемый клиент')).toBe(
      'Спасибо.',
    );
    expect(removeQuotedHistory('Təşəkkürlər.\n\n24 noy 2026, 16:10 tarixində Plaint <support@plaint.test> yazdı:\n> Hörmətli müştəri')).toBe(
      'Təşəkkürlər.',
    );
    expect(removeQuotedHistory('Да.\n\nИгорь Петров написал:\n\n> Вопрос')).toBe('Да.');
  });

  it('keeps a sentence of the customer\'s own right above the attribution', () => {
    expect(removeQuotedHistory('Я зол.\nИгорь Петров написал:\n> Вопрос')).toBe('Я зол.');
    expect(removeQuotedHistory('I am angry.\nOn Mon, 24 Nov 2026, Plaint\n<support@plaint.test> wrote:\n> Dear customer')).toBe('I am angry.');
  });

  it('keeps what the customer wrote below the quote', () => {
    const text = 'On Mon, 24 Nov 2026, Plaint <support@plaint.test> wrote:\n> Which store?\n\nThe Nizami street store.';
    expect(removeQuotedHistory(text)).toBe('The Nizami street store.');
  });

  it('leaves ">" lines alone when no attribution marks them as history', () => {
    const text = 'The label said:\n> Made in 2019\nbut I bought it as new.';
    expect(removeQuotedHistory(text)).toBe(text);
  });

  it('leaves a line ending in "wrote:" alone when no quote follows', () => {
    const text = 'On the receipt the cashier wrote:\n"paid in full".';
    expect(removeQuotedHistory(text)).toBe(text);
  });

  it('cuts an Outlook header block and everything after it, in Russian too', () => {
    const text = 'Жду ответа.\n\n-----Исходное сообщение-----\nОт: Plaint <support@plaint.test>\nОтправлено: 24 ноября 2026 г. 16:10\nТема: Жалоба принята\n\nУважаемый клиент';
    expect(removeQuotedHistory(text)).toBe('Жду ответа.');
  });

  it('keeps the whole text when nothing but history would be left', () => {
    const text = 'On Mon, 24 Nov 2026, Plaint <support@plaint.test> wrote:\n> Dear customer';
    expect(removeQuotedHistory(text)).toBe(text);
  });
});
