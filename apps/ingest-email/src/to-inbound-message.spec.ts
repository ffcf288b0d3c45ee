import { buildPayload, INBOUND_TOPIC } from '@plaint/contracts';
import { noticeMessageId } from '@plaint/domain';
import { emailExternalId, type ParsedEmail } from './parse';
import { type EmailReceipt, mentionedReferences, threadReferenceOf, toInboundMessage } from './to-inbound-message';

const SECRET = 'test-secret-0123456789abcdef';
const ours = (reference: string, notice = 'n1') => noticeMessageId(SECRET, reference, notice, 'plaint.test');

function email(overrides: Partial<ParsedEmail> = {}): ParsedEmail {
  return {
    messageId: 'abc@customer.test',
    inReplyTo: null,
    references: [],
    from: { name: 'Leyla Məmmədova', address: 'leyla@customer.test' },
    replyTo: null,
    to: [{ address: 'care@plaint.test' }],
    recipients: ['care@plaint.test'],
    subject: 'Broken washing machine',
    date: new Date('2026-11-20T08:00:00Z'),
    text: 'My washing machine is broken, please help',
    html: null,
    automated: null,
    deliveryReport: null,
    attachments: [],
    language: null,
    forwarded: null,
    ...overrides,
  };
}

function receipt(overrides: Partial<EmailReceipt> = {}): EmailReceipt {
  return {
    id: '0190f7a0-0000-7000-8000-000000000001',
    mailbox: 'care@plaint.test@imap.test/INBOX',
    rawUri: `file:${'a'.repeat(64)}`,
    attachmentUris: new Map(),
    secret: SECRET,
    internalDate: new Date('2026-11-20T08:00:05Z'),
    now: new Date('2026-11-21T00:00:00Z'),
    defaultLanguage: 'az',
    ...overrides,
  };
}

describe('toInboundMessage', () => {
  it('maps a customer mail onto a valid inbound message', () => {
    const parsed = email();
    const message = toInboundMessage(parsed, receipt());
    expect(message).toEqual({
      id: '0190f7a0-0000-7000-8000-000000000001',
      channel: 'email',
      externalId: emailExternalId(parsed),
      conversation: 'abc@customer.test',
      sender: { name: 'Leyla Məmmədova', email: 'leyla@customer.test' },
      text: 'My washing machine is broken, please help',
      attachments: [],
      receivedAt: '2026-11-20T08:00:05.000Z',
      locale: 'en',
      replyTo: 'leyla@customer.test',
      automated: false,
      email: {
        mailbox: 'care@plaint.test@imap.test/INBOX',
        messageId: 'abc@customer.test',
        references: [],
        subject: 'Broken washing machine',
        rawUri: `file:${'a'.repeat(64)}`,
        mentionedReferences: [],
      },
    });
    expect(() => buildPayload(INBOUND_TOPIC, message)).not.toThrow();
  });

  it('takes the Date header, then the clock, when the server gave no internal date', () => {
    expect(toInboundMessage(email(), receipt({ internalDate: null })).receivedAt).toBe('2026-11-20T08:00:00.000Z');
    expect(toInboundMessage(email({ date: null }), receipt({ internalDate: null })).receivedAt).toBe('2026-11-21T00:00:00.000Z');
  });

  it('answers to Reply-To when there is one', () => {
    expect(toInboundMessage(email({ replyTo: { address: 'office@customer.test' } }), receipt()).replyTo).toBe('office@customer.test');
  });

  it("prefers the mail's declared language, then detects it, then falls back", () => {
    expect(toInboundMessage(email({ language: 'ru' }), receipt()).locale).toBe('ru');
    expect(toInboundMessage(email({ text: 'Стиральная машина сломалась', subject: '' }), receipt()).locale).toBe('ru');
    expect(toInboundMessage(email({ text: '12345', subject: '' }), receipt({ defaultLanguage: 'az' })).locale).toBe('az');
  });

  it('threads a reply to one of our notices to its complaint', () => {
    const message = toInboundMessage(
      email({ inReplyTo: ours('K7M4-Q9XD-2PTA'), references: [ours('K7M4-Q9XD-2PTA')], subject: 'Re: received [K7M4-Q9XD-2PTA]' }),
      receipt(),
    );
    expect(message.email?.threadReference).toBe('K7M4-Q9XD-2PTA');
    expect(message.email?.mentionedReferences).toEqual(['K7M4-Q9XD-2PTA']);
    expect(message.conversation).toBe(ours('K7M4-Q9XD-2PTA'));
  });

  it('marks automatic mail and carries the reason and the delivery report', () => {
    const message = toInboundMessage(
      email({
        automated: 'delivery-report',
        deliveryReport: { originalMessageId: ours('K7M4-Q9XD-2PTA'), failedRecipients: ['gone@customer.test'], permanent: true, diagnostic: null },
      }),
      receipt(),
    );
    expect(message.automated).toBe(true);
    expect(message.email?.automatedReason).toBe('delivery-report');
    expect(message.email?.deliveryReport).toEqual({
      originalMessageId: ours('K7M4-Q9XD-2PTA'),
      failedRecipients: ['gone@customer.test'],
      permanent: true,
    });
    expect(() => buildPayload(INBOUND_TOPIC, message)).not.toThrow();
  });

  it('refers to stored attachments, never carrying their bytes', () => {
    const sha256 = 'b'.repeat(64);
    const message = toInboundMessage(
      email({ attachments: [{ filename: 'receipt.pdf', contentType: 'application/pdf', size: 3, sha256, content: Buffer.from('pdf') }] }),
      receipt({ attachmentUris: new Map([[sha256, `file:${sha256}.bin`]]) }),
    );
    expect(message.attachments).toEqual([
      { uri: `file:${sha256}.bin`, filename: 'receipt.pdf', contentType: 'application/pdf', size: 3, sha256 },
    ]);
  });

  it('keeps ids within the contract: an over-long Message-ID is replaced by its hash', () => {
    const longId = `${'x'.repeat(600)}@customer.test`;
    const message = toInboundMessage(email({ messageId: longId }), receipt());
    expect(message.externalId).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(message.conversation).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(() => buildPayload(INBOUND_TOPIC, message)).not.toThrow();
  });

  it('leaves out HTML too large to carry, keeping the text', () => {
    const message = toInboundMessage(email({ html: `<p>${'a'.repeat(200_001)}</p>` }), receipt());
    expect(message.html).toBeUndefined();
    expect(message.text).toContain('washing machine');
  });
});

describe('threadReferenceOf', () => {
  it('takes In-Reply-To first, then References from the newest', () => {
    const thread = { inReplyTo: ours('AAAA-BBBB-CCCC'), references: [ours('DDDD-EEEE-FFFF'), ours('GGGG-HHHH-JJJJ')] };
    expect(threadReferenceOf(thread, SECRET)).toBe('AAAA-BBBB-CCCC');
    expect(threadReferenceOf({ ...thread, inReplyTo: 'other@customer.test' }, SECRET)).toBe('GGGG-HHHH-JJJJ');
  });

  it('ignores ids that look like ours but do not verify', () => {
    const forged = ours('AAAA-BBBB-CCCC').replace(/\.[0-9a-f]{20}@/, `.${'0'.repeat(20)}@`);
    expect(threadReferenceOf({ inReplyTo: forged, references: [] }, SECRET)).toBeNull();
    expect(threadReferenceOf({ inReplyTo: ours('AAAA-BBBB-CCCC'), references: [] }, 'another-secret')).toBeNull();
  });
});

describe('mentionedReferences', () => {
  it('finds references as people write them, normalised, each once', () => {
    expect(mentionedReferences('About k7m4-q9xd-2pta and K7M4-Q9XD-2PTA, also [AB12-CD34-EF56]')).toEqual([
      'K7M4-Q9XD-2PTA',
      'AB12-CD34-EF56',
    ]);
  });

  it('forgives O for 0 and I or L for 1, as the reference alphabet does', () => {
    expect(mentionedReferences('ref KO7M-LI23-4567')).toEqual(['K07M-1123-4567']);
  });

  it('ignores what only looks similar', () => {
    expect(mentionedReferences('order 1234-5678-90AB-CDEF, code AB12-CD34-EF5U, part K7M4-Q9XD-2PTAX')).toEqual([]);
  });

  it('stops at ten', () => {
    const many = Array.from({ length: 12 }, (_, i) => `AAAA-BBBB-${String(i).padStart(4, '0')}`).join(' ');
    expect(mentionedReferences(many)).toHaveLength(10);
  });

  describe('a customer mail an employee forwarded', () => {
    const forwarded = (from: ParsedEmail['from'], overrides: Partial<ParsedEmail> = {}) =>
      email({
        from: { name: 'Aysel Store', address: 'aysel@kontakt.az' },
        subject: 'Fwd: Sifariş gecikir',
        text: 'Müştərinin məktubu aşağıdadır.',
        inReplyTo: 'customer-root@customer.test',
        references: ['customer-root@customer.test'],
        forwarded: { from, subject: 'Sifariş gecikir', text: 'Sifarişim 3 gündür gəlmir.' },
        ...overrides,
      });
    const company = receipt({ companyDomains: ['kontakt.az'] });

    it("is the original sender's message, answered to them, with who forwarded it", () => {
      const message = toInboundMessage(forwarded({ name: 'Rəşad Əliyev', address: 'reshad@customer.test' }), company);
      expect(message).toMatchObject({
        sender: { name: 'Rəşad Əliyev', email: 'reshad@customer.test' },
        replyTo: 'reshad@customer.test',
        text: 'Sifarişim 3 gündür gəlmir.',
        locale: 'az',
        email: { subject: 'Sifariş gecikir', forwardedBy: 'aysel@kontakt.az', references: [] },
      });
      // The employee's thread is not the customer's: it joins nothing by it.
      expect(message.email?.threadReference).toBeUndefined();
      expect(message.email?.inReplyTo).toBeUndefined();
      expect(() => buildPayload(INBOUND_TOPIC, message)).not.toThrow();
    });

    it('names no sender when the forward names none readably, and answers no one', () => {
      const message = toInboundMessage(forwarded(null), company);
      expect(message.sender).toEqual({});
      expect(message.replyTo).toBeUndefined();
      expect(message.email?.forwardedBy).toBe('aysel@kontakt.az');
    });

    it('is an ordinary mail when it comes from outside the company or forwards nothing', () => {
      const outsider = toInboundMessage(forwarded({ address: 'reshad@customer.test' }, { from: { address: 'friend@gmail.test' } }), company);
      expect(outsider.sender).toEqual({ email: 'friend@gmail.test' });
      expect(outsider.email?.forwardedBy).toBeUndefined();
      const own = toInboundMessage(email({ from: { address: 'aysel@kontakt.az' } }), company);
      expect(own.sender).toEqual({ email: 'aysel@kontakt.az' });
      expect(own.email?.forwardedBy).toBeUndefined();
    });
  });
});
