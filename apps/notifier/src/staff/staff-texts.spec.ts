import type { DeskViewV1 } from '@plaint/contracts';
import { staffRows } from './staff-event';
import { renderDigest, renderStaffText } from './staff-texts';

const desk: DeskViewV1 = {
  complaintId: '0b7e8f0c-3a64-4a5e-9a0e-1f3c2d4b5a69',
  reference: 'PLT-7K3M-9QXA',
  customerName: 'Leyla Aliyeva',
  channel: 'email',
  state: 'received',
  deadline: 'accept',
  dueAt: '2026-12-02T20:30:00.000Z',
  lastMessage: 'Soyuducu işləmir.',
};

describe('texts of messages to staff', () => {
  it('says the reference first, the customer, channel, step, deadline in the company zone and the last message, in the agent’s language', () => {
    const en = renderStaffText({ kind: 'queue.new', complaint: desk }, 'email', 'en', 'Asia/Baku');
    expect(en.subject).toBe('New complaint · Leyla Aliyeva [PLT-7K3M-9QXA]');
    expect(en.text.split('\n')[0]).toBe('PLT-7K3M-9QXA · New complaint');
    expect(en.text).toContain('Customer: Leyla Aliyeva\nChannel: e-mail\nStep: received');
    // 20:30 UTC is 00:30 the next day in Baku (UTC+4).
    expect(en.text).toMatch(/Deadline \(to accept\): 3 Dec 2026, 00:30 \(Asia\/Baku\)/);
    expect(en.text).toContain('Last message:\nSoyuducu işləmir.');
    expect(en.text).toContain('#extend <YYYY-MM-DD>');

    const ru = renderStaffText({ kind: 'sla.breach', complaint: desk }, 'telegram', 'ru', 'Europe/Moscow');
    expect(ru.text.split('\n')[0]).toBe('PLT-7K3M-9QXA · Срок пропущен');
    // 20:30 UTC is 23:30 the same day in Moscow (UTC+3).
    expect(ru.text).toContain('Срок (принять): 2 дек. 2026 г., 23:30 (Europe/Moscow)');
    expect(ru.text).toContain('/note');

    const az = renderStaffText({ kind: 'customer.message', complaint: desk }, 'email', 'az', 'Asia/Baku');
    expect(az.text.split('\n')[0]).toBe('PLT-7K3M-9QXA · Müştəri yenidən yazdı');
    expect(az.text).toContain('Müştəri: Leyla Aliyeva');
  });

  it('names the channel in the agent’s language, a complaint made in a consultation too', () => {
    const consultation = { ...desk, channel: 'consultation' as const };
    expect(renderStaffText({ kind: 'queue.new', complaint: consultation }, 'email', 'en', 'Asia/Baku').text).toContain('Channel: video or mobile consultation\n');
    expect(renderStaffText({ kind: 'queue.new', complaint: consultation }, 'telegram', 'ru', 'Asia/Baku').text).toContain('Канал: видео- или мобильная консультация\n');
    expect(renderStaffText({ kind: 'queue.new', complaint: consultation }, 'email', 'az', 'Asia/Baku').text).toContain('Kanal: video və ya mobil konsultasiya\n');
    expect(renderStaffText({ kind: 'queue.new', complaint: { ...desk, channel: 'complaint_book' } }, 'email', 'ru', 'Asia/Baku').text).toContain('Канал: книга жалоб\n');
  });

  it('makes one row per agent and route and one for the topic, with nothing of the customer but the name', () => {
    const rows = staffRows(
      { eventId: 'e1', kind: 'complaint.received', audience: { queue: true }, complaint: desk, text: undefined, actor: undefined, inTopic: true },
      [{ id: 'a1', role: 'agent', active: true, email: 'aysel@care.test', notifyVia: 'both', language: 'az', telegramChatId: '5001', telegramBot: null }],
      { staffBot: 'shop', groupId: '-1001234567890', timeZone: 'Asia/Baku', defaultLanguage: 'en', now: new Date() },
    );
    expect(rows.map((row) => `${row.route} ${row.kind} ${row.dedupKey}`)).toEqual([
      'email queue.new e1:a1:email',
      'telegram queue.new e1:a1:telegram',
      'staff-group complaint.received e1:group:staff-group',
    ]);
    expect(rows[2]?.subject).toBe('PLT-7K3M-9QXA · Leyla Aliyeva');
    expect(rows[0]?.text).toContain('Müştəri: Leyla Aliyeva');
    for (const row of rows) expect(`${row.subject} ${row.text}`).not.toMatch(/@|\+994/);
  });

  it('makes one digest of held messages, naming the first complaint on its first line', () => {
    const one = renderStaffText({ kind: 'customer.message', complaint: desk }, 'email', 'en', 'Asia/Baku');
    const two = renderStaffText({ kind: 'sla.warning', complaint: { ...desk, reference: 'PLT-AAAA-BBBB' } }, 'email', 'en', 'Asia/Baku');
    const digest = renderDigest([{ reference: desk.reference, text: one.text }, { reference: 'PLT-AAAA-BBBB', text: two.text }], 'email', 'en');
    expect(digest.subject).toBe('2 notifications [PLT-7K3M-9QXA, PLT-AAAA-BBBB]');
    expect(digest.text.split('\n')[0]).toBe('PLT-7K3M-9QXA · 2 notifications');
    expect(digest.text).toContain('concerns the first complaint, PLT-7K3M-9QXA');
    expect(digest.text).toContain('PLT-AAAA-BBBB · Deadline is near');
    // The answering hint once, at the end, not once per item.
    expect(digest.text.split('#extend').length).toBe(2);
  });
});
