import type { ComplaintEventV1 } from '@plaint/contracts';
import { addressNotice } from './notice-route';

const event = (overrides: Partial<ComplaintEventV1>): ComplaintEventV1 => ({
  eventId: 'e1',
  type: 'complaint.received',
  complaintId: 'c1',
  reference: 'CMP-1',
  occurredAt: '2026-11-02T08:00:00Z',
  channel: 'email',
  language: 'az',
  customer: {},
  deadlines: {},
  ...overrides,
});

describe('where a notice goes', () => {
  it('answers a Telegram complaint in its chat, then by e-mail, then by SMS', () => {
    expect(addressNotice(event({ channel: 'telegram', replyTo: 'care:1001', customer: { email: 'leyla@mail.az', phone: '+994501234567' } }))).toEqual({
      kind: 'route',
      primary: { route: 'telegram', recipient: 'care:1001' },
      alternatives: [
        { route: 'email', recipient: 'leyla@mail.az' },
        { route: 'sms', recipient: '+994501234567' },
      ],
    });
  });

  it('writes to a customer who left only a phone number by SMS', () => {
    expect(addressNotice(event({ channel: 'phone', customer: { phone: '+994501234567' } }))).toEqual({
      kind: 'route',
      primary: { route: 'sms', recipient: '+994501234567' },
      alternatives: [],
    });
  });

  it('answers a complaint made in a video or mobile consultation like a phone one: by e-mail when given, else by SMS', () => {
    const customer = { email: 'leyla@mail.az', phone: '+994501234567' };
    expect(addressNotice(event({ channel: 'consultation', replyTo: 'leyla@mail.az', customer }))).toEqual({
      kind: 'route',
      primary: { route: 'email', recipient: 'leyla@mail.az' },
      alternatives: [{ route: 'sms', recipient: '+994501234567' }],
    });
    expect(addressNotice(event({ channel: 'consultation', customer: { phone: '+994501234567' } }))).toEqual({
      kind: 'route',
      primary: { route: 'sms', recipient: '+994501234567' },
      alternatives: [],
    });
  });

  it('answers the live chat on its conversation', () => {
    expect(addressNotice(event({ channel: 'chat', replyTo: 'conv-1', customer: { email: 'leyla@mail.az' } }))).toEqual({ kind: 'chat', conversationId: 'conv-1' });
  });

  it('has nowhere to write to a customer who gave no contact', () => {
    expect(addressNotice(event({ channel: 'web_form', customer: { name: 'Leyla' } }))).toEqual({ kind: 'none' });
  });
});
