import { forwardedInText } from './forwarded-mail';

describe('forwardedInText', () => {
  it('reads the shapes mail clients forward in, in English, Russian and Azerbaijani', () => {
    const shapes: [string, string][] = [
      [
        'Gmail',
        'Please look at this.\n\n---------- Forwarded message ---------\nFrom: Rəşad Əliyev <reshad@customer.test>\nDate: Mon, 7 Dec 2026 at 10:00\nSubject: Sifariş gecikir\nTo: <aysel@kontakt.az>\n\nSifarişim 3 gündür gəlmir.\n',
      ],
      [
        'Gmail, Russian',
        '---------- Пересланное сообщение ---------\nОт: Rəşad Əliyev <reshad@customer.test>\nDate: пн, 7 дек. 2026 г. в 10:00\nSubject: Sifariş gecikir\nTo: <aysel@kontakt.az>\n\nSifarişim 3 gündür gəlmir.',
      ],
      [
        'Gmail, Azerbaijani',
        '---------- Yönləndirilmiş məktub ---------\nKimdən: Rəşad Əliyev <reshad@customer.test>\nTarix: B.e., 7 dek 2026, 10:00\nMövzu: Sifariş gecikir\nKimə: <aysel@kontakt.az>\n\nSifarişim 3 gündür gəlmir.',
      ],
      [
        'Outlook',
        'FYI\n\n________________________________\nFrom: Rəşad Əliyev <reshad@customer.test>\nSent: Monday, December 7, 2026 10:00 AM\nTo: Aysel <aysel@kontakt.az>\nSubject: Sifariş gecikir\n\nSifarişim 3 gündür gəlmir.',
      ],
      [
        'Outlook, Russian, original message',
        '-----Исходное сообщение-----\nОт: Rəşad Əliyev [mailto:reshad@customer.test]\nОтправлено: 7 декабря 2026 г. 10:00\nКому: aysel@kontakt.az\nТема: Sifariş gecikir\n\nSifarişim 3 gündür gəlmir.',
      ],
      [
        'Apple Mail',
        'Begin forwarded message:\n\nFrom: Rəşad Əliyev <reshad@customer.test>\nSubject: Sifariş gecikir\nDate: 7 December 2026 at 10:00:00 GMT+4\nTo: aysel@kontakt.az\n\nSifarişim 3 gündür gəlmir.',
      ],
      [
        'Mail.ru',
        '-------- Пересылаемое сообщение --------\nОт кого: Rəşad Əliyev <reshad@customer.test>\nКому: aysel@kontakt.az\nДата: Понедельник, 7 декабря 2026, 10:00 +04:00\nТема: Sifariş gecikir\n\nSifarişim 3 gündür gəlmir.\n-------- Конец пересылаемого сообщения --------',
      ],
      [
        'Yandex',
        '\n\n-------- Пересылаемое сообщение --------\n07.12.2026, 10:00, "Rəşad Əliyev" <reshad@customer.test>:\n\nSifarişim 3 gündür gəlmir.\n\n-------- Конец пересылаемого сообщения --------\n',
      ],
    ];
    for (const [client, text] of shapes) {
      const found = forwardedInText(text, 'FW: Sifariş gecikir');
      expect({ client, from: found?.from, text: found?.text }).toEqual({
        client,
        from: { name: 'Rəşad Əliyev', address: 'reshad@customer.test' },
        text: 'Sifarişim 3 gündür gəlmir.',
      });
      if (client !== 'Yandex') expect(found?.subject).toBe('Sifariş gecikir');
    }
  });

  it('finds a forward whose sender cannot be read, and none in a mail that forwards nothing', () => {
    expect(forwardedInText('---------- Forwarded message ---------\nFrom: Rəşad\nSubject: Sifariş\n\nSifarişim gəlmir.', 'Sifariş')).toEqual({
      from: null,
      subject: 'Sifariş',
      text: 'Sifarişim gəlmir.',
    });
    expect(forwardedInText('From: me\nMy order is late. Subject: the usual.', 'Fwd: order')).toBeNull();
    expect(forwardedInText('Salam, sifarişim gecikir.', 'Fwd: Sifariş')).toBeNull();
  });

  it("does not take Outlook's reply, which shows the same block as its forward, for a forward", () => {
    const reply = 'Noted, we will call him.\n\n________________________________\nFrom: Rəşad Əliyev <reshad@customer.test>\nSent: Monday\nTo: aysel@kontakt.az\nSubject: Sifariş\n\nSifarişim gəlmir.';
    expect(forwardedInText(reply, 'RE: Sifariş')).toBeNull();
    expect(forwardedInText(reply.replace(/_{32}/u, '-----Original Message-----'), 'Ответ: Sifariş')).toBeNull();
    expect(forwardedInText(reply, 'FW: Sifariş')?.from?.address).toBe('reshad@customer.test');
  });
});
