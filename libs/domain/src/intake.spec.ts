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
    newComplaintId: () => `complaint-${(next += 1)}`,
    referenceFor: (m) => `REF-${m.id}`,
    calendar,
    policy: { acceptWithinBusinessDays: 3, defaultLanguage: 'az' },
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
});
