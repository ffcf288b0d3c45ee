import { createHash } from 'node:crypto';
import { type BatchHandler, type ConsumerStatus, MessageBus, type OutgoingMessage, type Subscription } from '@plaint/bus';
import type { AgentCommandV1, InboundMessageV1, TopicName, TopicPayload } from '@plaint/contracts';
import { agentMessageId, agentReplyAddress, agentReplyToken, Clock, noticeMessageId } from '@plaint/domain';
import { EmailBatchIntake, type FetchedMail } from './email-batch-intake';
import { EmailCursors } from './email-cursors';
import { EmailQuarantine, type QuarantinedEmail } from './email-quarantine';
import type { MailboxCursor } from './mailbox-cursor';
import { type BlobKind, RawMessageStore, type StoredBlob } from '@plaint/persistence';

const SECRET = 'test-secret-0123456789abcdef';
const MAILBOX = 'care@plaint.test@imap.test/INBOX';

class FixedClock extends Clock {
  now(): Date {
    return new Date('2026-11-24T10:00:00Z');
  }
}

class MemoryStore extends RawMessageStore {
  readonly blobs = new Map<string, Buffer>();
  put(bytes: Buffer, kind: BlobKind = 'message'): Promise<StoredBlob> {
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const uri = kind === 'message' ? `file:${sha256}` : `file:${sha256}.bin`;
    this.blobs.set(uri, bytes);
    return Promise.resolve({ uri, sha256, size: bytes.length });
  }
  get(uri: string): Promise<Buffer> {
    const bytes = this.blobs.get(uri);
    return bytes ? Promise.resolve(bytes) : Promise.reject(new Error(`no ${uri}`));
  }
}

/** Records the order in which the intake makes things durable. */
class Journal {
  readonly steps: string[] = [];
}

class RecordingCursors extends EmailCursors {
  cursor: MailboxCursor | null = null;
  constructor(private readonly journal: Journal) {
    super();
  }
  load(): Promise<MailboxCursor | null> {
    return Promise.resolve(this.cursor);
  }
  advance(_mailbox: string, cursor: MailboxCursor): Promise<void> {
    this.journal.steps.push(`cursor ${cursor.lastUid}`);
    this.cursor = cursor;
    return Promise.resolve();
  }
}

class RecordingQuarantine extends EmailQuarantine {
  readonly mails: QuarantinedEmail[] = [];
  constructor(private readonly journal: Journal) {
    super();
  }
  add(mails: readonly QuarantinedEmail[]): Promise<void> {
    this.journal.steps.push(`quarantine ${mails.map((m) => m.uid).join(',')}`);
    this.mails.push(...mails);
    return Promise.resolve();
  }
}

class RecordingBus extends MessageBus {
  readonly published: OutgoingMessage<InboundMessageV1>[] = [];
  readonly commands: OutgoingMessage<AgentCommandV1>[] = [];
  failWith: Error | null = null;
  constructor(private readonly journal: Journal) {
    super();
  }
  publish<T extends TopicName>(topic: T, messages: OutgoingMessage<TopicPayload<T>>[]): Promise<void> {
    if (this.failWith) return Promise.reject(this.failWith);
    if (topic === 'plaint.agent-commands.v1') {
      this.journal.steps.push(`command ${messages.length}`);
      this.commands.push(...(messages as OutgoingMessage<AgentCommandV1>[]));
    } else {
      this.journal.steps.push(`publish ${messages.length}`);
      this.published.push(...(messages as OutgoingMessage<InboundMessageV1>[]));
    }
    return Promise.resolve();
  }
  subscribe<T extends TopicName>(_topic: T, _options: { group: string }, _handler: BatchHandler<TopicPayload<T>>): Promise<Subscription> {
    throw new Error('not used');
  }
  replayDeadLetters(): Promise<number> {
    return Promise.resolve(0);
  }
  isHealthy(): Promise<boolean> {
    return Promise.resolve(true);
  }
  consumers(): ConsumerStatus[] {
    return [];
  }
  close(): Promise<void> {
    return Promise.resolve();
  }
}

function mail(uid: number, headers: Record<string, string>, body = 'My washing machine is broken, please help'): FetchedMail {
  const lines = Object.entries({
    From: 'Leyla <leyla@customer.test>',
    To: 'care@plaint.test',
    Subject: 'Broken machine',
    Date: 'Fri, 20 Nov 2026 08:00:00 +0000',
    'Message-ID': `<m${uid}@customer.test>`,
    ...headers,
  }).map(([name, value]) => `${name}: ${value}`);
  return { uid, source: Buffer.from(`${lines.join('\r\n')}\r\n\r\n${body}\r\n`), internalDate: new Date('2026-11-20T08:00:03Z') };
}

/** Multiparts nested deeper than the parser allows. */
function depthBomb(uid: number): FetchedMail {
  let body = 'Content-Type: text/plain\r\n\r\ndeep\r\n';
  for (let depth = 30; depth > 0; depth--) {
    body = `Content-Type: multipart/mixed; boundary="b${depth}"\r\n\r\n--b${depth}\r\n${body}--b${depth}--\r\n`;
  }
  const source = Buffer.from(`From: x@customer.test\r\nTo: care@plaint.test\r\nSubject: bomb\r\nMIME-Version: 1.0\r\n${body}`);
  return { uid, source, internalDate: null };
}

function setUp() {
  const journal = new Journal();
  const parts = {
    store: new MemoryStore(),
    cursors: new RecordingCursors(journal),
    quarantine: new RecordingQuarantine(journal),
    bus: new RecordingBus(journal),
    clock: new FixedClock(),
    logger: { log: () => undefined, warn: () => undefined },
  };
  const intake = new EmailBatchIntake(parts, { referenceSecret: SECRET, defaultLanguage: 'az' });
  return { journal, intake, ...parts };
}

describe('EmailBatchIntake', () => {
  it('publishes readable mail, quarantines the rest, and moves the cursor only after both', async () => {
    const { intake, journal, bus, quarantine, store, cursors } = setUp();
    const outcome = await intake.take({
      mailbox: MAILBOX,
      uidValidity: '77',
      throughUid: 5,
      mails: [
        mail(5, {}),
        depthBomb(3),
        mail(2, { 'Message-ID': '<first@customer.test>' }),
        { uid: 4, leftOnServer: { rawUri: 'imap://care@imap.test:143/INBOX;UIDVALIDITY=77/;UID=4', reason: 'too large' } },
      ],
    });

    expect(outcome).toEqual({ published: 2, agentCommands: 0, quarantined: 2 });
    expect(journal.steps).toEqual(['quarantine 3,4', 'publish 2', 'cursor 5']);
    expect(cursors.cursor).toEqual({ uidValidity: '77', lastUid: 5 });
    // In UID order, keyed by the customer, with a correlation id each.
    expect(bus.published.map((m) => m.value.email?.messageId)).toEqual(['first@customer.test', 'm5@customer.test']);
    expect(bus.published[0]?.key).toBe('email:leyla@customer.test');
    expect(bus.published[0]?.headers?.['plaint-correlation-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(bus.published[0]?.value.receivedAt).toBe('2026-11-20T08:00:03.000Z');
    // Every raw mail is kept, the broken one included, and the bus carries only its uri.
    const rawUri = bus.published[0]?.value.email?.rawUri ?? '';
    expect((await store.get(rawUri)).toString()).toContain('first@customer.test');
    expect(quarantine.mails.find((m) => m.uid === 3)).toMatchObject({ uidValidity: '77', reason: expect.stringMatching(/nested deeper/) });
    expect(store.blobs.get(quarantine.mails.find((m) => m.uid === 3)?.rawUri ?? '')).toBeDefined();
  });

  it('leaves the cursor where it was when the bus does not take the batch', async () => {
    const { intake, journal, bus, cursors } = setUp();
    bus.failWith = new Error('broker unavailable');
    await expect(intake.take({ mailbox: MAILBOX, uidValidity: '77', throughUid: 1, mails: [mail(1, {})] })).rejects.toThrow(
      'broker unavailable',
    );
    expect(cursors.cursor).toBeNull();
    expect(journal.steps).toEqual([]);
  });

  it('marks our own notice coming back, and an auto-reply, as automatic', async () => {
    const { intake, bus } = setUp();
    const own = noticeMessageId(SECRET, 'K7M4-Q9XD-2PTA', 'n1', 'plaint.test');
    await intake.take({
      mailbox: MAILBOX,
      uidValidity: '77',
      throughUid: 2,
      mails: [mail(1, { 'Message-ID': `<${own}>`, From: 'care@plaint.test' }), mail(2, { 'Auto-Submitted': 'auto-replied' })],
    });
    expect(bus.published.map((m) => [m.value.automated, m.value.email?.automatedReason])).toEqual([
      [true, 'own-notice'],
      [true, 'auto-submitted'],
    ]);
  });

  it('stores attachments and refers to them', async () => {
    const { intake, bus, store } = setUp();
    const body = [
      '--x',
      'Content-Type: text/plain',
      '',
      'See the receipt',
      '--x',
      'Content-Type: application/pdf; name="receipt.pdf"',
      'Content-Disposition: attachment; filename="receipt.pdf"',
      'Content-Transfer-Encoding: base64',
      '',
      Buffer.from('%PDF-1.4 receipt').toString('base64'),
      '--x--',
      '',
    ].join('\r\n');
    await intake.take({
      mailbox: MAILBOX,
      uidValidity: '77',
      throughUid: 1,
      mails: [mail(1, { 'MIME-Version': '1.0', 'Content-Type': 'multipart/mixed; boundary="x"' }, body)],
    });
    const [attachment] = bus.published[0]?.value.attachments ?? [];
    expect(attachment).toMatchObject({ filename: 'receipt.pdf', contentType: 'application/pdf', size: 16 });
    expect((await store.get(attachment?.uri ?? '')).toString()).toBe('%PDF-1.4 receipt');
  });

  it('moves the cursor over a batch of mails that were all quarantined', async () => {
    const { intake, journal } = setUp();
    await intake.take({ mailbox: MAILBOX, uidValidity: '77', throughUid: 9, mails: [depthBomb(9)] });
    expect(journal.steps).toEqual(['quarantine 9', 'cursor 9']);
  });
});

describe('EmailBatchIntake with agents’ replies', () => {
  const reference = 'K7M4-Q9XD-2PTA';
  const token = agentReplyToken(SECRET, reference, '0190f7a0-0000-7000-8000-0000000000aa');
  const notification = agentMessageId(token, 'n-1', 'plaint.test');
  const agent = { From: 'Rauf Həsənov <Rauf@Shop.Test>', Subject: `Re: [${reference}] New message from Leyla` };
  const reply = [
    '#note She called as well.',
    '',
    'On Tue, 24 Nov 2026 at 10:00, Care <care@plaint.test> wrote:',
    '> Leyla wrote again on K7M4-Q9XD-2PTA',
    '',
    '-- ',
    'Rauf Həsənov, care team',
  ].join('\r\n');
  const take = async (...mails: FetchedMail[]) => {
    const parts = setUp();
    await parts.intake.take({ mailbox: MAILBOX, uidValidity: '77', throughUid: Math.max(...mails.map((m) => m.uid)), mails });
    return parts;
  };

  it('turns a reply to the +token Reply-To into the agent’s command, without the quote and the signature, and never into intake', async () => {
    const { bus, journal } = await take(mail(1, { ...agent, To: agentReplyAddress('care@plaint.test', token) }, reply));
    expect(bus.published).toEqual([]);
    expect(journal.steps).toEqual(['command 1', 'cursor 1']);
    expect(bus.commands).toEqual([
      {
        key: reference,
        value: {
          commandId: 'm1@customer.test',
          source: 'email',
          receivedAt: '2026-11-20T08:00:03.000Z',
          text: '#note She called as well.',
          email: { from: 'rauf@shop.test', token, messageId: 'm1@customer.test', subject: `Re: [${reference}] New message from Leyla` },
        },
        headers: { 'plaint-correlation-id': expect.any(String) },
      },
    ]);
  });

  it('finds the token where the receiving server recorded the +tag (Delivered-To, X-Original-To) and in Cc', async () => {
    const { bus } = await take(
      mail(1, { ...agent, 'Delivered-To': agentReplyAddress('care@plaint.test', token) }, 'Thanks'),
      mail(2, { ...agent, 'X-Original-To': `<${agentReplyAddress('care@plaint.test', token)}>` }, 'Thanks'),
      mail(3, { ...agent, To: 'boss@shop.test', Cc: agentReplyAddress('care@plaint.test', token) }, 'Thanks'),
    );
    expect(bus.commands.map((m) => m.value.email?.token)).toEqual([token, token, token]);
    expect(bus.published).toEqual([]);
  });

  it('finds the token in the notification it answers: In-Reply-To, or only in References', async () => {
    const { bus } = await take(
      mail(1, { ...agent, 'In-Reply-To': `<${notification}>` }, 'Answered by In-Reply-To'),
      mail(2, { ...agent, References: `<first@shop.test> <${notification}> <latest@shop.test>` }, 'Answered by References'),
    );
    expect(bus.commands.map((m) => [m.value.text, m.value.email?.token])).toEqual([
      ['Answered by In-Reply-To', token],
      ['Answered by References', token],
    ]);
    expect(bus.published).toEqual([]);
  });

  it('leaves a customer’s mail, also one answering a customer notice, to intake as before', async () => {
    const notice = noticeMessageId(SECRET, reference, 'n1', 'plaint.test');
    const { bus } = await take(mail(1, { To: 'care+orders@plaint.test', 'In-Reply-To': `<${notice}>` }), mail(2, {}));
    expect(bus.commands).toEqual([]);
    expect(bus.published.map((m) => m.value.email?.threadReference ?? null)).toEqual([reference, null]);
  });

  it('flags the agent’s out-of-office, a bounce of a notification and the notification itself come back as automatic', async () => {
    const bounce = [
      '--r',
      'Content-Type: text/plain',
      '',
      'Delivery failed.',
      '--r',
      'Content-Type: message/delivery-status',
      '',
      'Reporting-MTA: dns; mx.shop.test',
      '',
      'Final-Recipient: rfc822; rauf@shop.test',
      'Action: failed',
      'Status: 5.1.1',
      '--r',
      'Content-Type: text/rfc822-headers',
      '',
      `Message-ID: <${notification}>`,
      '--r--',
      '',
    ].join('\r\n');
    const { bus } = await take(
      mail(1, { ...agent, 'In-Reply-To': `<${notification}>`, 'Auto-Submitted': 'auto-replied' }, 'I am away until Monday.'),
      mail(
        2,
        { From: 'MAILER-DAEMON@mx.shop.test', 'MIME-Version': '1.0', 'Content-Type': 'multipart/report; report-type=delivery-status; boundary="r"' },
        bounce,
      ),
      mail(3, { From: 'care@plaint.test', To: 'rauf@shop.test', 'Message-ID': `<${notification}>` }, 'Leyla wrote again'),
    );
    expect(bus.commands.map((m) => m.value.email?.automated)).toEqual(['auto-submitted', 'delivery-report', 'own-notice']);
    expect(bus.published).toEqual([]);
  });

  it('names a mail without a Message-ID by a hash of its bytes, the same on every read', async () => {
    const bare = (uid: number): FetchedMail => {
      const source = Buffer.from(`From: rauf@shop.test\r\nTo: ${agentReplyAddress('care@plaint.test', token)}\r\nSubject: Re\r\n\r\nDone\r\n`);
      return { uid, source, internalDate: null };
    };
    const first = await take(bare(1));
    const again = await take(bare(1));
    expect(first.bus.commands[0]?.value.commandId).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(again.bus.commands[0]?.value.commandId).toBe(first.bus.commands[0]?.value.commandId);
    expect(first.bus.commands[0]?.value.receivedAt).toBe('2026-11-24T10:00:00.000Z');
  });

  it('moves the cursor only after the agent’s command and the customers’ mails are both on the bus', async () => {
    const { journal, bus } = await take(mail(1, {}), mail(2, { ...agent, 'In-Reply-To': `<${notification}>` }, 'Thanks'));
    expect(journal.steps).toEqual(['command 1', 'publish 1', 'cursor 2']);
    const failing = setUp();
    failing.bus.failWith = new Error('broker unavailable');
    await expect(
      failing.intake.take({ mailbox: MAILBOX, uidValidity: '77', throughUid: 2, mails: [mail(2, { ...agent, 'In-Reply-To': `<${notification}>` }, 'Thanks')] }),
    ).rejects.toThrow('broker unavailable');
    expect(failing.cursors.cursor).toBeNull();
    expect(bus.commands).toHaveLength(1);
  });
});
