import type { ComplaintEventV1 } from '@plaint/contracts';
import { NoticeTemplates } from './notice-templates';
import { formatDate, renderNotice } from './render-notice';

const event = (language: ComplaintEventV1['language']): ComplaintEventV1 => ({
  eventId: 'e1',
  type: 'complaint.received',
  complaintId: 'c1',
  reference: 'K7M4-Q9XD-2PTA',
  occurredAt: '2026-11-23T06:00:00.000Z',
  channel: 'chat',
  replyTo: 'conv-1',
  language,
  customer: { name: 'Leyla Həsənova' },
  deadlines: { acceptBy: '2026-11-26T19:59:59.999Z' },
});

describe('renderNotice', () => {
  const templates = new NoticeTemplates();

  it('writes the acknowledgement in the customer language with the date in Baku time', () => {
    expect(renderNotice(event('en'), templates, 'Asia/Baku')).toContain('accepted by 26 November 2026');
    expect(renderNotice(event('ru'), templates, 'Asia/Baku')).toContain('26 ноября 2026');
    const az = renderNotice(event('az'), templates, 'Asia/Baku');
    expect(az).toContain('Leyla Həsənova');
    expect(az).toContain('K7M4-Q9XD-2PTA');
    expect(az).toMatch(/26 noyabr 2026/);
  });

  it('gives the date of the deadline in the company zone, not UTC', () => {
    // 21:00 UTC on the 26th is already the 27th in Baku.
    expect(formatDate('2026-11-26T21:00:00Z', 'en', 'Asia/Baku')).toBe('27 November 2026');
    expect(formatDate('2026-11-26T21:00:00Z', 'en', 'UTC')).toBe('26 November 2026');
  });
});
