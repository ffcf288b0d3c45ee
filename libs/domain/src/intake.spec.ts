import { BusinessCalendar } from './business-calendar';
import type { IntakeMessage } from './complaint';
import { conversationKey, type IntakeContext, planIntake } from './intake';

const calendar = new BusinessCalendar({ timeZone: 'Asia/Baku', weekendDays: [6, 7] });

function message(id: string, overrides: Partial<IntakeMessage> = {}): IntakeMessage {
  return {
    id,
    channel: 'chat',
    externalId: `conv:${id}`,
    conversation: 'conv',
    sender: { name: 'Rəşad Əliyev', email: 'reshad@example.az' },
    text: 'Paltaryuyan maşın xarabdır',
    receivedAt: new Date('2026-11-23T06:00:00Z'),
    automated: false,
    ...overrides,
  };
}

function context(open: Record<string, string> = {}, participants: Record<string, string[]> = {}): IntakeContext {
  let next = 0;
  return {
    openComplaints: new Map(Object.entries(open).map(([key, id]) => [key, [id]])),
    participants: new Map(Object.entries(participants).map(([id, addresses]) => [id, new Set(addresses)])),
    complaintsByReference: new Map([
      ['AAAA-BBBB-CCCC', { id: 'c-mine', open: true, participants: new Set(['reshad@example.az']) }],
      ['DDDD-EEEE-FFFF', { id: 'c-closed', open: false, participants: new Set(['reshad@example.az']) }],
    ]),
    newComplaintId: () => `complaint-${(next += 1)}`,
    referenceFor: (m) => `REF-${m.id}`,
    calendar,
    policy: { acceptWithinBusinessDays: 3, resolveWithinBusinessDays: 10, defaultLanguage: 'az' },
  };
}

describe('planIntake (dedup level 2)', () => {
  it('opens one complaint for a new conversation and appends its later messages', () => {
    const decisions = planIntake([message('m1'), message('m2'), message('m3')], context());
    expect(decisions.map((d) => d.kind)).toEqual(['open', 'append', 'append']);
    const opened = decisions[0];
    if (opened?.kind !== 'open') throw new Error('expected an opened complaint');
    expect(decisions[1]).toEqual({ kind: 'append', messageId: 'm2', complaintId: opened.complaint.id });
    expect(opened.complaint.reference).toBe('REF-m1');
    expect(opened.complaint.language).toBe('az');
    expect(calendar.localDate(opened.complaint.acceptBy)).toBe('2026-11-26');
  });

  it('appends to a complaint already open for the conversation', () => {
    const decisions = planIntake([message('m1')], context({ [conversationKey('chat', 'conv')]: 'c-old' }));
    expect(decisions).toEqual([{ kind: 'append', messageId: 'm1', complaintId: 'c-old' }]);
  });

  it('keeps the same conversation id on another channel apart', () => {
    const decisions = planIntake(
      [message('m1'), message('m2', { channel: 'telegram' })],
      context(),
    );
    expect(decisions.map((d) => d.kind)).toEqual(['open', 'open']);
  });

  it('never opens a complaint from an automatic message', () => {
    const decisions = planIntake([message('m1', { automated: true })], context());
    expect(decisions).toEqual([{ kind: 'ignore', messageId: 'm1', reason: 'automated' }]);
  });

  it('records which required details are missing', () => {
    const [decision] = planIntake(
      [message('m1', { sender: {}, replyTo: undefined, text: '  ' })],
      context(),
    );
    if (decision?.kind !== 'open') throw new Error('expected an opened complaint');
    expect(decision.complaint.missingDetails).toEqual(['fullName', 'contact', 'essence']);
  });

  it('joins the complaint a reply verifiably answers, whatever its conversation', () => {
    const [decision] = planIntake([message('m1', { conversation: 'new-thread', threadReference: 'AAAA-BBBB-CCCC' })], context());
    expect(decision).toEqual({ kind: 'append', messageId: 'm1', complaintId: 'c-mine' });
  });

  it('lets only the complaint\'s own customer join it by writing its reference', () => {
    const own = planIntake([message('m1', { conversation: 'c2', mentionedReferences: ['AAAA-BBBB-CCCC'] })], context());
    expect(own).toEqual([{ kind: 'append', messageId: 'm1', complaintId: 'c-mine' }]);
    const [stranger] = planIntake(
      [message('m2', { conversation: 'c3', sender: { name: 'X', email: 'x@evil.test' }, mentionedReferences: ['AAAA-BBBB-CCCC'] })],
      context(),
    );
    if (stranger?.kind !== 'open') throw new Error('expected a new complaint');
    expect(stranger.complaint.relatedReference).toBe('AAAA-BBBB-CCCC');
  });

  it('opens a new complaint when the named one is closed', () => {
    const [decision] = planIntake([message('m1', { conversation: 'c4', threadReference: 'DDDD-EEEE-FFFF' })], context());
    expect(decision?.kind).toBe('open');
  });

  it('attaches an automatic answer to the complaint it answers, and never opens one from it', () => {
    const decisions = planIntake(
      [message('m1', { conversation: 'ooo', automated: true, threadReference: 'AAAA-BBBB-CCCC' }), message('m2', { conversation: 'x', automated: true })],
      context(),
    );
    expect(decisions).toEqual([
      { kind: 'append', messageId: 'm1', complaintId: 'c-mine' },
      { kind: 'ignore', messageId: 'm2', reason: 'automated' },
    ]);
  });
});

describe('planIntake: e-mail joins only a complaint the sender takes part in', () => {
  const thread = '<root-1@customer.test>';
  const leyla = { name: 'Leyla Məmmədova', email: 'leyla@example.az' };
  const stranger = { name: 'Stranger', email: 'stranger@evil.test' };
  const mail = (id: string, sender: IntakeMessage['sender'], overrides: Partial<IntakeMessage> = {}) =>
    message(id, { channel: 'email', conversation: thread, sender, replyTo: sender.email, subject: 'Sifariş', ...overrides });
  const leylasThread = () => context({ [conversationKey('email', thread)]: 'c-leyla' }, { 'c-leyla': ['leyla@example.az'] });

  it('lets the customer write on in their own thread', () => {
    expect(planIntake([mail('m1', { ...leyla, email: 'Leyla@Example.AZ' })], leylasThread())).toEqual([
      { kind: 'append', messageId: 'm1', complaintId: 'c-leyla' },
    ]);
  });

  it("opens a stranger's mail that reuses the thread's Message-ID as a complaint of its own, and keeps the thread's owner in hers", () => {
    const decisions = planIntake([mail('m1', stranger), mail('m2', leyla), mail('m3', stranger)], leylasThread());
    const [first, second, third] = decisions;
    if (first?.kind !== 'open') throw new Error('expected the stranger to get a complaint of their own');
    expect(first.complaint.conversation).toBe(thread);
    expect(second).toEqual({ kind: 'append', messageId: 'm2', complaintId: 'c-leyla' });
    expect(third).toEqual({ kind: 'append', messageId: 'm3', complaintId: first.complaint.id });
  });

  it('does not let a stranger in through a verified thread reference either; an agent sees the link', () => {
    const [decision] = planIntake([mail('m1', stranger, { conversation: 'elsewhere', threadReference: 'AAAA-BBBB-CCCC' })], context());
    if (decision?.kind !== 'open') throw new Error('expected a new complaint');
    expect(decision.complaint.relatedReference).toBe('AAAA-BBBB-CCCC');
  });

  it("never names another customer's complaint in the answer to a stranger's status request", () => {
    const [decision] = planIntake([mail('m1', stranger, { subject: 'Status', text: '' })], leylasThread());
    expect(decision).toEqual({ kind: 'status', messageId: 'm1', reference: undefined, complaintId: undefined });
  });

  it('does not join a mail without a sender address to anything', () => {
    const [decision] = planIntake([mail('m1', {}, { replyTo: undefined })], leylasThread());
    expect(decision?.kind).toBe('open');
  });
});

describe('planIntake: the subject is part of what the customer wrote', () => {
  const mail = (id: string, subject: string, text: string) =>
    message(id, { channel: 'email', conversation: `<${id}@customer.test>`, subject, text, sender: { name: 'Anar Quliyev', email: 'anar@example.az' } });

  it('keeps a subject that is the whole complaint when the body says nothing', () => {
    const [decision] = planIntake([mail('m1', 'Sifariş 3 gündür gecikir', '')], context());
    if (decision?.kind !== 'open') throw new Error('expected a complaint');
    expect(decision.complaint.essence).toBe('Sifariş 3 gündür gecikir');
    expect(decision.complaint.missingDetails).toEqual([]);
  });

  it('puts the subject before the body once, without reply marks, and not when the body already says it', () => {
    const [withBody, saidTwice, marked, longerWord] = planIntake(
      [
        mail('m1', 'Paltaryuyan maşın', 'Dünən aldığım maşın işləmir.'),
        mail('m2', 'Soyuducu soyutmur', 'Soyuducu soyutmur, kömək edin.'),
        mail('m3', 'Fwd: Re: Ответ: Заказ не пришёл', 'Жду уже неделю.'),
        mail('m4', 'Soyuducu', 'Soyuducum soyutmur.'),
      ],
      context(),
    );
    const essence = (d: typeof withBody) => (d?.kind === 'open' ? d.complaint.essence : '');
    expect(essence(withBody)).toBe('Paltaryuyan maşın\n\nDünən aldığım maşın işləmir.');
    expect(essence(saidTwice)).toBe('Soyuducu soyutmur, kömək edin.');
    expect(essence(marked)).toBe('Заказ не пришёл\n\nЖду уже неделю.');
    // A word inside a longer one is not the subject said again.
    expect(essence(longerWord)).toBe('Soyuducu\n\nSoyuducum soyutmur.');
  });

  it('asks for the essence only when neither the subject nor the body says anything', () => {
    const [decision] = planIntake([mail('m1', 'Re:  ', '  ')], context());
    if (decision?.kind !== 'open') throw new Error('expected a complaint');
    expect(decision.complaint.missingDetails).toEqual(['essence']);
  });
});

describe("planIntake: a customer's mail an employee forwarded", () => {
  const forward = (id: string, sender: IntakeMessage['sender']) =>
    message(id, {
      channel: 'email',
      conversation: `<${id}@kontakt.az>`,
      sender,
      replyTo: sender.email,
      subject: 'Sifariş gecikir',
      text: 'Sifarişim 3 gündür gəlmir.',
      forwardedBy: 'aysel@kontakt.az',
      emailThread: { messageId: `${id}@kontakt.az`, references: [] },
    });

  it("is the original sender's complaint, recording who forwarded it, not threaded under the employee's mail", () => {
    const [decision] = planIntake([forward('m1', { name: 'Rəşad Əliyev', email: 'reshad@customer.test' })], context());
    if (decision?.kind !== 'open') throw new Error('expected a complaint');
    expect(decision.complaint).toMatchObject({ fullName: 'Rəşad Əliyev', email: 'reshad@customer.test', forwardedBy: 'aysel@kontakt.az' });
    expect(decision.complaint.attention).toBeUndefined();
    expect(decision.complaint.emailThread).toBeUndefined();
  });

  it('is flagged for an agent when the forward names no readable sender', () => {
    const [decision] = planIntake([forward('m1', {})], context());
    if (decision?.kind !== 'open') throw new Error('expected a complaint');
    expect(decision.complaint).toMatchObject({ forwardedBy: 'aysel@kontakt.az', attention: 'forward-without-sender' });
  });

  it("joins no complaint of the sender it names, neither by a reference it quotes nor by its thread", () => {
    const quoting = { ...forward('m1', { email: 'reshad@example.az' }), mentionedReferences: ['AAAA-BBBB-CCCC'], text: 'AAAA-BBBB-CCCC: Mehriban Qasımova' };
    const [decision] = planIntake(
      [quoting],
      context({ [conversationKey('email', '<m1@kontakt.az>')]: 'c-thread' }, { 'c-thread': ['reshad@example.az', 'aysel@kontakt.az'] }),
    );
    if (decision?.kind !== 'open') throw new Error(`expected a complaint of its own, got ${decision?.kind}`);
    expect(decision.complaint.relatedReference).toBe('AAAA-BBBB-CCCC');
  });
});

describe('planIntake: status requests', () => {
  it('answers "status" instead of appending it to the open complaint or opening a new one', () => {
    const [opened] = planIntake([message('m1')], context());
    const complaintId = opened?.kind === 'open' ? opened.complaint.id : '';
    const decisions = planIntake(
      [message('m2', { text: 'статус' }), message('m3', { conversation: 'other', text: '/status 7K3M-9QXD-2HFA' })],
      context({ [conversationKey('chat', 'conv')]: complaintId }),
    );
    expect(decisions).toEqual([
      { kind: 'status', messageId: 'm2', reference: undefined, complaintId },
      { kind: 'status', messageId: 'm3', reference: '7K3M-9QXD-2HFA', complaintId: undefined },
    ]);
  });

  it('never reads automatic mail as a status request', () => {
    expect(planIntake([message('m1', { text: 'status', automated: true })], context())[0]?.kind).toBe('ignore');
  });
});

describe("planIntake: what a customer writes on their own page", () => {
  const fromPage = (id: string, complaintId: string, text: string) =>
    message(id, { channel: 'customer_page', conversation: `complaint:${complaintId}`, externalId: `${complaintId}:${id}`, text, customerPageComplaintId: complaintId });

  it('joins the complaint it was written to, even one its conversation does not name, and never opens one', () => {
    const decisions = planIntake([fromPage('m1', 'c-mine', 'The receipt photo is attached to my first mail')], context());
    expect(decisions).toEqual([{ kind: 'append', messageId: 'm1', complaintId: 'c-mine' }]);
  });

  it('is a question to an agent even when it is only the word "status"', () => {
    expect(planIntake([fromPage('m1', 'c-mine', 'status')], context())).toEqual([{ kind: 'append', messageId: 'm1', complaintId: 'c-mine' }]);
  });
});

describe('planIntake: a messenger user asking for a sign-in link', () => {
  const telegram = (id: string, text: string, platformId: string | null = '4242') =>
    message(id, { channel: 'telegram', conversation: 'shop:4242', externalId: `shop:4242:${id}`, text, sender: { name: 'Aysel', platformId: platformId ?? undefined }, replyTo: 'shop:4242' });

  it('is answered with a link, not filed, whether or not the chat has an open complaint', () => {
    expect(planIntake([telegram('m1', '/signin')], context())).toEqual([{ kind: 'sign-in', messageId: 'm1' }]);
    expect(planIntake([telegram('m2', '/start signin')], context({ [conversationKey('telegram', 'shop:4242')]: 'c-open' }))).toEqual([
      { kind: 'sign-in', messageId: 'm2' },
    ]);
  });

  it('needs the platform to vouch for the user: not in the live chat or by e-mail, and not a sentence that merely mentions it', () => {
    expect(planIntake([message('m1', { text: '/signin' })], context())[0]?.kind).toBe('open');
    expect(planIntake([telegram('m2', '/signin', null)], context())[0]?.kind).toBe('open');
    expect(planIntake([telegram('m3', 'I cannot /signin to your website')], context())[0]?.kind).toBe('open');
  });
});
