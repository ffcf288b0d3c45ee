import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { emailConversation } from './email-external-id';
import { parseEmail } from './parse-email';
import type { ParsedEmail, ParseResult } from './parsed-email';

const FIXTURES = join(__dirname, '../../../../test/fixtures/email');
const NOTICE_1 = 'plaint.7KQ2M9XDH4TB.n01jd5k8q2.3f9a1c2b7d4e5f601a2b@plaint.test';
const NOTICE_2 = 'plaint.7KQ2M9XDH4TB.n01jd6a0x7.8c1d2e3f4a5b6c7d8e9f@plaint.test';
const MiB = 1024 * 1024;

function fixture(name: string): Buffer {
  return readFileSync(join(FIXTURES, name));
}

function parsed(result: ParseResult): ParsedEmail {
  if (!result.ok) throw new Error(`expected a parsed mail, got quarantine: ${result.reason}`);
  return result.email;
}

async function parseFixture(name: string): Promise<ParsedEmail> {
  return parsed(await parseEmail(fixture(name)));
}

async function quarantineReason(raw: Buffer, limits = {}): Promise<string> {
  const result = await parseEmail(raw, limits);
  if (result.ok) throw new Error('expected a quarantine, the mail parsed');
  return result.reason;
}

const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

describe('parseEmail: charsets and encoded words come out as the customer wrote them', () => {
  it.each([
    ['az-plain-utf8.eml', 'Soyuducu bir həftədir işləmir', 'Gənclik filialınızdan aldığım Samsung RB38 soyuducusu', 'az'],
    ['ru-windows-1251-qp.eml', 'Стиральная машина доставлена с вмятиной', 'передней панели вмятина размером с ладонь', 'ru'],
    ['ru-koi8-r-8bit.eml', 'Пылесос перестал заряжаться', 'индикатор мигает красным, зарядка не идёт', null],
    ['tr-iso-8859-9.eml', 'Çamaşır makinesi siparişim hâlâ gelmedi', 'Müşteri hizmetlerini\nüç kez aradım', null],
    ['encoded-words-az.eml', 'Ödəniş iki dəfə çıxılıb — sifariş A-1042', 'Kartımdan 1 249 manat iki dəfə çıxılıb', null],
    ['encoded-words-ru-1251.eml', 'Жалоба на продавца в магазине «Гянджлик»', 'отказался оформить возврат наушников', 'ru'],
  ])('%s: subject %j, text has %j', async (name, subject, phrase, language) => {
    const email = await parseFixture(name);
    expect(email.subject).toBe(subject);
    expect(email.text).toContain(phrase);
    expect(email.text).not.toMatch(/[\uFFFDÃÐÑ]/); // no replacement characters, no mojibake
    expect(email.language).toBe(language);
    expect(email.automated).toBeNull();
  });

  it('decodes Azerbaijani and Russian encoded-word sender names (UTF-8 Q, windows-1251 B)', async () => {
    expect((await parseFixture('encoded-words-az.eml')).from).toEqual({ name: 'Rəşad Əliyev', address: 'rashad.aliyev@mail.az' });
    expect((await parseFixture('encoded-words-ru-1251.eml')).from).toEqual({
      name: 'Анна Кузнецова',
      address: 'a.kuznetsova@post.example.ru',
    });
    expect((await parseFixture('ru-windows-1251-qp.eml')).from?.name).toBe('Игорь Петров');
  });

  it('reads the plain UTF-8 complaint whole: lower-cased sender, ids, date, trimmed text', async () => {
    const email = await parseFixture('az-plain-utf8.eml');
    expect(email.from).toEqual({ name: 'Leyla Mammadova', address: 'leyla.mammadova@mail.az' });
    expect(email.to).toEqual([{ address: 'support@plaint.test' }]);
    expect(email.messageId).toBe('8f3c2a1e-77b1-4d0e-9a55-0c6f1d2e3b41@mail.az');
    expect(email.date?.toISOString()).toBe('2026-11-24T05:14:02.000Z');
    expect(email.text.startsWith('Salam,\n\n3 noyabr')).toBe(true);
    expect(email.text.endsWith('+994 50 123 45 67')).toBe(true);
    expect(email.html).toBeNull();
    expect(email.attachments).toEqual([]);
  });
});

describe('parseEmail: HTML', () => {
  it('multipart/alternative: the text comes from the plain part, the HTML is kept for display', async () => {
    const email = await parseFixture('multipart-alternative.eml');
    expect(email.subject).toBe('Refund not received for returned TV');
    expect(email.text).toContain('I returned a Philips 55" TV on 5 November (return slip R-99120) and\nthe refund');
    expect(email.html).toContain('<b>R-99120</b>');
    expect(email.language).toBe('en');
  });

  it('HTML-only mail: scripts, styles, handlers, javascript: links, frames and remote images are gone', async () => {
    const email = await parseFixture('html-only-hostile.eml');
    const html = email.html ?? '';
    expect(html).toContain('Kondisioneri 15 noyabrda almışam');
    for (const banned of ['<script', 'document.cookie', '<style', 'style=', 'onclick', 'onload', 'onmouseover', 'javascript:', '<img', 'track.promo', '<iframe', 'Şikayət']) {
      expect(html).not.toContain(banned);
    }
    expect(html).toContain('<a href="https://kontakt.example/orders/AC-3321" rel="noopener noreferrer nofollow" target="_blank">sifarişim</a>');
  });

  it('HTML-only mail: the complaint text is the clean text of the sanitised HTML', async () => {
    const email = await parseFixture('html-only-hostile.eml');
    expect(email.text).toBe(
      'Salam! Kondisioneri 15 noyabrda almışam, quraşdırma ustası hələ də gəlməyib.\n\n' +
        'Sifariş: AC-3321, ətraflı: sifarişim [https://kontakt.example/orders/AC-3321].\n\nSamir',
    );
  });
});

describe('parseEmail: forwards and replies', () => {
  it('a forwarded mail attached as message/rfc822 stays one attachment; the outer mail is what counts', async () => {
    const email = await parseFixture('forwarded-rfc822.eml');
    expect(email.subject).toBe('Fwd: Zəmanət təmiri rədd edildi');
    expect(email.messageId).toBe('3d0b6f4e-9a2c-4e11-b7d8-5c4a3f2e1d90@mail.az');
    expect(email.text).toContain('zəmanəti rədd etmək ədalətsizdir');
    expect(email.attachments).toHaveLength(1);
    const [forwarded] = email.attachments;
    expect(forwarded?.contentType).toBe('message/rfc822');
    expect(forwarded?.filename).toBe('Zəmanət təmiri rədd edildi.eml');
    expect(forwarded?.content.toString('utf8')).toMatch(/^Message-ID: <a41c7e02-[^>]+@mail\.az>\r\n/);
    expect(forwarded?.content.toString('utf8')).toContain('---------- Forwarded message ---------');
    expect(forwarded?.size).toBe(forwarded?.content.length);
    expect(forwarded?.sha256).toBe(sha256(forwarded?.content ?? Buffer.alloc(0)));
  });

  it('reads the mail a forward attaches: its sender, subject and text, not a forward quoted inside it', async () => {
    const email = await parseFixture('forwarded-rfc822.eml');
    expect(email.forwarded?.from).toEqual({ name: 'Kamran Hasanov', address: 'kamran.hasanov@mail.az' });
    expect(email.forwarded?.subject).toBe('Fwd: Zəmanət təmiri rədd edildi');
    expect(email.forwarded?.text).toContain('---------- Forwarded message ---------');
  });

  it('reads a forward block in the text, and finds none in a plain complaint', async () => {
    expect((await parseFixture('az-plain-utf8.eml')).forwarded).toBeNull();
    const raw = Buffer.from(
      [
        'From: Aysel <aysel@kontakt.az>',
        'To: care@kontakt.az',
        'Subject: Fwd: Sifariş',
        'Message-ID: <fwd-1@kontakt.az>',
        'Content-Type: text/plain; charset=utf-8',
        '',
        'Baxın, zəhmət olmasa.',
        '',
        '-------- Пересылаемое сообщение --------',
        'От кого: Rəşad Əliyev <reshad@customer.test>',
        'Тема: Sifariş',
        '',
        'Sifarişim gəlmir.',
        '',
      ].join('\r\n'),
    );
    const email = parsed(await parseEmail(raw));
    expect(email.forwarded).toEqual({ from: { name: 'Rəşad Əliyev', address: 'reshad@customer.test' }, subject: 'Sifariş', text: 'Sifarişim gəlmir.' });
  });

  it('an Outlook reply threads by References alone and loses its unquoted "From: … Sent: …" history', async () => {
    const email = await parseFixture('outlook-reply.eml');
    expect(email.inReplyTo).toBeNull();
    expect(email.references).toEqual([NOTICE_1, NOTICE_2]);
    expect(emailConversation(email)).toBe(NOTICE_1);
    expect(email.text).toBe(
      'Hello,\n\nThe courier came today but brought the wrong model again (43" instead of 55").\n' +
        'I want a refund now, not a third delivery.\n\nElvin',
    );
  });

  it('a Gmail reply keeps In-Reply-To and loses the "On … wrote:" attribution and the quoted lines', async () => {
    const email = await parseFixture('gmail-reply.eml');
    expect(email.inReplyTo).toBe(NOTICE_1);
    expect(email.references).toEqual([NOTICE_1]);
    expect(email.text).toBe(
      'Thank you. The serial number of the TV is 55PUS8108/12-ZX4411.\n' +
        'I can bring the box to the Nizami street store on Thursday.',
    );
  });
});

describe('parseEmail: automatic mail is recognised', () => {
  it.each([
    ['auto-reply.eml', 'auto-submitted'],
    ['out-of-office.eml', 'precedence'],
    ['mailing-list.eml', 'mailing-list'],
    ['empty-return-path.eml', 'empty-return-path'],
    ['mailer-daemon.eml', 'mailer-daemon'],
    ['bounce-delivery-status.eml', 'delivery-report'],
  ])('%s → %s', async (name, reason) => {
    expect((await parseFixture(name)).automated).toBe(reason);
  });

  it.each(['az-plain-utf8.eml', 'multipart-alternative.eml', 'outlook-reply.eml', 'gmail-reply.eml', 'forwarded-rfc822.eml'])(
    '%s is a person writing',
    async (name) => {
      expect((await parseFixture(name)).automated).toBeNull();
    },
  );

  it('the bounce of one of our notices says who failed, for good, why, and which notice it was', async () => {
    const email = await parseFixture('bounce-delivery-status.eml');
    expect(email.deliveryReport).toEqual({
      originalMessageId: 'notice-7KQ2M9XD-accepted-01jd5k8q2@plaint.test',
      failedRecipients: ['nigar.huseynova@mail.az'],
      permanent: true,
      diagnostic: '550 5.1.1 <nigar.huseynova@mail.az>: Recipient address rejected: User unknown in virtual mailbox table',
    });
    expect(email.from?.address).toBe('mailer-daemon@mx.plaint.test');
    // The human-readable part is the text; the machine-readable part is not mixed into it.
    expect(email.text).toContain('could not\nbe delivered');
    expect(email.text).not.toContain('Reporting-MTA');
  });

  it('our own notice coming back is an own-notice; the predicate gets the bare Message-ID', async () => {
    const isOwnMessageId = jest.fn((id: string) => id === NOTICE_1);
    const email = parsed(await parseEmail(fixture('own-notice-loop.eml'), {}, { isOwnMessageId }));
    expect(email.automated).toBe('own-notice');
    expect(isOwnMessageId).toHaveBeenCalledWith(NOTICE_1);
    // A customer's reply names our id only in In-Reply-To/References: that is not our own mail.
    const reply = parsed(await parseEmail(fixture('gmail-reply.eml'), {}, { isOwnMessageId }));
    expect(reply.automated).toBeNull();
  });
});

describe('parseEmail: broken MIME', () => {
  it('an unterminated multipart still parses: the text and the attachment are all there', async () => {
    const email = await parseFixture('broken-unterminated-boundary.eml');
    expect(email.text).toBe('Salam, paltaryuyan maşının qaiməsi əlavədədir. Maşın su sızdırır.');
    expect(email.attachments.map((a) => [a.filename, a.contentType])).toEqual([['qaime-5521.pdf', 'application/pdf']]);
    expect(email.attachments[0]?.content.subarray(0, 8).toString('latin1')).toBe('%PDF-1.4');
  });

  it('base64 with foreign characters is quarantined: mailparser would silently store other bytes', async () => {
    const reason = await quarantineReason(fixture('broken-bad-base64.eml'));
    expect(reason).toBe(
      'the base64 content of the part "sizma.jpg" (image/jpeg) has characters that are not base64, so its decoded bytes would be corrupt',
    );
    // What mailparser alone does with it: no error, and a "photo" that is not the one sent.
    const mail = await simpleParser(fixture('broken-bad-base64.eml'));
    expect(mail.attachments[0]?.filename).toBe('sizma.jpg');
  });

  it('a multipart whose boundary never appears is quarantined: mailparser would return no text at all', async () => {
    expect(await quarantineReason(fixture('broken-missing-boundary.eml'))).toBe(
      'the multipart/alternative part never uses its boundary "----=_NextPart_000_0001", so its content cannot be read',
    );
    expect((await simpleParser(fixture('broken-missing-boundary.eml'))).text).toBeUndefined();
  });

  it('an error mailparser raises becomes the quarantine reason', async () => {
    const parts = Array.from({ length: 1001 }, (_, i) => `--B\r\nContent-Type: text/plain\r\n\r\npart ${i}\r\n`).join('');
    const raw = Buffer.from(`From: a@mail.az\r\nContent-Type: multipart/mixed; boundary=B\r\n\r\n${parts}--B--\r\n`);
    expect(await quarantineReason(raw)).toBe('the message could not be parsed: Max allowed child nodes exceeded');
  });

  it('a mail without a usable From address is quarantined', async () => {
    expect(await quarantineReason(Buffer.from('To: support@plaint.test\r\nSubject: hi\r\n\r\nhello\r\n'))).toBe(
      'the message has no valid From address',
    );
    expect(await quarantineReason(Buffer.from('From: undisclosed-recipients:;\r\n\r\nhello\r\n'))).toBe(
      'the message has no valid From address',
    );
    expect(await quarantineReason(Buffer.alloc(0))).toBe('the message is empty');
  });
});

describe('parseEmail: limits', () => {
  function nested(levels: number): Buffer {
    let body = 'Content-Type: text/plain; charset=utf-8\r\n\r\ndeep inside\r\n';
    for (let level = levels; level >= 1; level--) {
      body = `Content-Type: multipart/mixed; boundary="b${level}"\r\n\r\n--b${level}\r\n${body}--b${level}--\r\n`;
    }
    return Buffer.from(`From: bomb@mail.az\r\nSubject: nest\r\nMIME-Version: 1.0\r\n${body}`);
  }

  it('MIME nested 20 levels deep parses; 21 levels is quarantined', async () => {
    expect(parsed(await parseEmail(nested(20))).text).toBe('deep inside');
    expect(await quarantineReason(nested(21))).toBe('MIME parts are nested deeper than 20 levels');
  });

  it('a depth bomb of 50 000 levels is quarantined quickly, before mailparser sees it', async () => {
    const started = Date.now();
    expect(await quarantineReason(nested(50_000))).toBe('MIME parts are nested deeper than 20 levels');
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('maxMimeDepth is configurable', async () => {
    expect(await quarantineReason(nested(4), { maxMimeDepth: 3 })).toBe('MIME parts are nested deeper than 3 levels');
  });

  it('the text is capped at maxTextChars', async () => {
    const long = 'ə'.repeat(30_000);
    const raw = Buffer.from(`From: a@mail.az\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n${long}\r\n`);
    expect(parsed(await parseEmail(raw)).text.length).toBe(20_000);
    expect(parsed(await parseEmail(raw, { maxTextChars: 100 })).text).toBe('ə'.repeat(100));
    // A cut never leaves half of a surrogate pair behind.
    const emoji = Buffer.from(`From: a@mail.az\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n${'😡'.repeat(10)}\r\n`);
    expect(parsed(await parseEmail(emoji, { maxTextChars: 5 })).text).toBe('😡😡');
  });

  function withAttachment(content: Buffer): Buffer {
    const base64 = content.toString('base64').replace(/.{76}/g, '$&\r\n');
    return Buffer.from(
      'From: Leyla Mammadova <leyla.mammadova@mail.az>\r\nTo: support@plaint.test\r\nSubject: Video of the fault\r\n' +
        'Date: Mon, 24 Nov 2026 09:14:02 +0400\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary="att"\r\n\r\n' +
        '--att\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nVideo əlavədədir.\r\n' +
        '--att\r\nContent-Type: video/mp4; name="fault.mp4"\r\nContent-Disposition: attachment; filename="fault.mp4"\r\n' +
        `Content-Transfer-Encoding: base64\r\n\r\n${base64}\r\n--att--\r\n`,
    );
  }

  // Base64 makes an attachment a third larger on the wire, and maxBytes limits the raw mail (that
  // is what protects the parser): a 20 MB file is a 26.1 MiB mail, under the 32 MiB default.
  const twentyMegabytes = randomBytes(20_000_000);
  const twentyMegabyteMail = withAttachment(twentyMegabytes);

  it('a 20 MB attachment comes out whole (size, sha256) with the default limits', async () => {
    expect((twentyMegabyteMail.length / MiB).toFixed(1)).toBe('26.1');
    const email = parsed(await parseEmail(twentyMegabyteMail));
    expect(email.text).toBe('Video əlavədədir.');
    const [video] = email.attachments;
    expect(video?.filename).toBe('fault.mp4');
    expect(video?.size).toBe(20_000_000);
    expect(video?.sha256).toBe(sha256(twentyMegabytes));
  });

  it('the same 20 MB attachment is over a 25 MiB limit, counted as it arrives (base64)', async () => {
    expect(await quarantineReason(twentyMegabyteMail, { maxBytes: 25 * MiB })).toBe('the message is 26.1 MiB, over the 25.0 MiB limit');
  });

  it('a 30 MB attachment is quarantined with the default limits, without being parsed', async () => {
    const reason = await quarantineReason(withAttachment(randomBytes(30_000_000)));
    expect(reason).toBe('the message is 39.2 MiB, over the 32.0 MiB limit');
  });
});

describe('parseEmail: header tricks', () => {
  it('a name or comment that looks like an address never becomes the address', async () => {
    const email = await parseFixture('address-tricks-comments.eml');
    expect(email.from).toEqual({ name: 'support@plaint.test', address: 'tural.aliyev@mail.az' });
    expect(email.replyTo).toEqual({ name: 'billing@plaint.test', address: 'tural.aliyev@mail.az' });
    expect(email.to).toEqual([{ name: 'ceo@kontakt.example', address: 'support@plaint.test' }]);
  });

  it('encoded-word names that decode to CR/LF and to <x@y> stay names, with CR/LF stripped', async () => {
    const email = await parseFixture('address-tricks-encoded.eml');
    expect(email.from).toEqual({
      name: 'Tural Bcc: all-customers@plaint.test <ceo@kontakt.example>',
      address: 'tural.aliyev@mail.az',
    });
    expect(email.replyTo).toEqual({ name: 'Tural Reply-To: x@evil.example', address: 'tural.aliyev@mail.az' });
  });

  it.each([
    ['"a@evil.example" <b@good.example>', 'b@good.example'],
    ['b@good.example (a@evil.example)', 'b@good.example'],
    ['a@evil.example <b@good.example>', 'b@good.example'],
    ['=?UTF-8?Q?x=40evil=2Eexample?= <b@good.example>', 'b@good.example'],
    ['=?UTF-8?B?QWxpDQpCY2M6IHhAZXZpbC5leGFtcGxl?= <B@Good.Example>', 'b@good.example'],
  ])('From: %s → %s', async (header, address) => {
    const email = parsed(await parseEmail(Buffer.from(`From: ${header}\r\nSubject: t\r\n\r\nbody\r\n`)));
    expect(email.from?.address).toBe(address);
    expect(email.from?.name ?? '').not.toMatch(/[\r\n]/);
  });

  it('direction controls in an encoded display name and an attachment filename are taken out', async () => {
    const word = (text: string) => `=?UTF-8?B?${Buffer.from(text).toString('base64')}?=`;
    const raw = Buffer.from(
      `From: ${word('\u202ELeyla\u202C \u2066Mammadova\u2069')} <leyla@mail.az>\r\nSubject: scan\r\nMIME-Version: 1.0\r\n` +
        'Content-Type: multipart/mixed; boundary="b"\r\n\r\n--b\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nsee attached\r\n' +
        `--b\r\nContent-Type: application/pdf\r\nContent-Disposition: attachment; filename="${word('\u202Efdp.exe')}"\r\n` +
        'Content-Transfer-Encoding: base64\r\n\r\nJVBERi0xLjQK\r\n--b--\r\n',
    );
    const email = parsed(await parseEmail(raw));
    expect(email.from).toEqual({ name: 'Leyla Mammadova', address: 'leyla@mail.az' });
    expect(email.attachments.map((attachment) => attachment.filename)).toEqual(['fdp.exe']);
  });

  it('an encoded word posing as the address part is not an address', async () => {
    const header = `=?UTF-8?B?${Buffer.from('ceo@kontakt.example> <x').toString('base64')}?=@good.example`;
    expect(await quarantineReason(Buffer.from(`From: ${header}\r\n\r\nbody\r\n`))).toBe('the message has no valid From address');
  });
});

describe('parseEmail: Date', () => {
  it('a missing Date is null', async () => {
    expect((await parseFixture('date-missing.eml')).date).toBeNull();
  });

  it('an unparsable Date is null, where mailparser alone reports the time of parsing', async () => {
    expect((await parseFixture('date-unparsable.eml')).date).toBeNull();
    const before = Date.now();
    const mail = await simpleParser(fixture('date-unparsable.eml'));
    expect(mail.date?.getTime()).toBeGreaterThanOrEqual(before);
  });
});
