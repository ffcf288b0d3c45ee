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

function context(open: Record<string, string> = {}): IntakeContext {
  let next = 0;
  return {
    openComplaints: new Map(Object.entries(open)),
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
