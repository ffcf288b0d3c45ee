import type { ComplaintEventV1 } from '@plaint/contracts';
import { NoticeTemplates } from './notice-templates';
import { detailList, formatDate, noticeValues, renderNotice } from './render-notice';

const event = (language: ComplaintEventV1['language'], more: Partial<ComplaintEventV1> = {}): ComplaintEventV1 => ({
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
  ...more,
});

describe('renderNotice', () => {
  const templates = new NoticeTemplates();
  const values = (e: ComplaintEventV1) => noticeValues(e, templates.labels(e.language), 'Asia/Baku');

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

  it('tells of an extension in Russian with the old and the new date and the reason', () => {
    const extended = event('ru', {
      type: 'complaint.extended',
      deadlines: { previousResolveBy: '2027-01-15T19:59:59.999Z', resolveBy: '2027-01-22T19:59:59.999Z' },
      step: { reason: 'Товар на проверке у производителя' },
    });
    expect(values(extended)).toMatchObject({ previousResolveBy: '15 января 2027 г.', resolveBy: '22 января 2027 г.' });
    const text = renderNotice(extended, templates, 'Asia/Baku');
    expect(text).toMatch(/в обещанный срок \(15 января 2027 г\.\)\.\n\nПричина: Товар на проверке у производителя[\s\S]*не позднее 22 января 2027 г\. и /);
  });

  it('names required details in the customer language and keeps an agent’s own words as written', () => {
    const asked = event('az', { type: 'complaint.details-requested', deadlines: {}, step: { requested: ['fullName', 'receipt number'] } });
    expect(values(asked).requested).toBe('tam adınız (soyad, ad, ata adı) və receipt number');
    expect(detailList(['contact', 'essence', 'serial number'], 'en', templates.labels('en'))).toBe(
      'a phone number or e-mail address where we can reach you, a description of the problem and serial number',
    );
  });

  it('confirms an oral outcome in writing, and introduces a written one as the outcome', () => {
    const resolved = (oral: boolean) => event('en', { type: 'complaint.resolved', deadlines: {}, step: { outcome: 'We replace the fridge.', oral } });
    expect(renderNotice(resolved(true), templates, 'Asia/Baku')).toMatch(/we confirm in writing the outcome we told you orally:\n\nWe replace the fridge\./);
    expect(renderNotice(resolved(false), templates, 'Asia/Baku')).toMatch(/Here is the outcome:\n\nWe replace the fridge\./);
    expect(renderNotice(resolved(false), templates, 'Asia/Baku')).not.toMatch(/orally/);
  });

  it('says where a merged complaint goes on, and that an automatic link can be undone', () => {
    const merged = (automatic: boolean) =>
      renderNotice(event('en', { type: 'complaint.merged', deadlines: {}, step: { survivingReference: 'B3NW-8HRC-5VJE', automatic } }), templates, 'Asia/Baku');
    expect(merged(false)).toMatch(/your complaint B3NW-8HRC-5VJE about the same matter, so we have joined your complaint K7M4-Q9XD-2PTA/);
    expect(merged(false)).not.toMatch(/different matter/);
    expect(merged(true)).toMatch(/because the two look the same\. If this is a different matter/);
  });

  describe('a status answer', () => {
    const status = (language: ComplaintEventV1['language'], step: ComplaintEventV1['step'], deadlines: ComplaintEventV1['deadlines'] = {}) =>
      values(event(language, { type: 'complaint.status', deadlines, step }));

    it('names the state and the next date in the customer language', () => {
      expect(status('ru', { state: 'in_review' }, { next: '2027-01-12T19:59:59.999Z' })).toMatchObject({
        state: 'На рассмотрении',
        next: 'Не позднее 12 января 2027 г. мы сделаем следующий шаг.',
      });
    });

    it('says what we wait for while the complaint waits for the customer', () => {
      expect(status('az', { state: 'waiting_for_customer', requested: ['essence', 'qəbz nömrəsi'] }).next).toBe(
        'Davam etmək üçün bizə sizdən bu məlumatlar lazımdır: problemin təsviri və qəbz nömrəsi. Zəhmət olmasa, onları bu mesaja cavab olaraq göndərin.',
      );
      expect(status('en', { state: 'waiting_for_customer' }).next).toMatch(/^We are waiting for your answer/);
    });

    it('names the complaint a merged one goes on in, and says when handling is over', () => {
      expect(status('en', { state: 'merged', survivingReference: 'B3NW-8HRC-5VJE' }).next).toBe(
        'It has been joined to your complaint B3NW-8HRC-5VJE, and we continue there.',
      );
      expect(status('en', { state: 'closed' }).next).toBe('We have finished handling this complaint.');
    });

    it('refuses a state it has no name for', () => {
      expect(() => status('en', { state: 'lost' })).toThrow(/unknown state "lost"/);
    });
  });

  it('answers a status request that matched nothing without a reference, and with a fallback name', () => {
    const unknown = event('ru', { type: 'complaint.status-unknown', complaintId: '', reference: '', customer: {}, deadlines: {} });
    expect(renderNotice(unknown, templates, 'Asia/Baku')).toMatch(/^Уважаемый\(ая\) клиент, мы не нашли вашей жалобы/);
  });

  it('refuses an event without a fact its notice needs, naming it', () => {
    const noReason = event('en', { type: 'complaint.extended', deadlines: { previousResolveBy: '2027-01-15T00:00:00Z', resolveBy: '2027-01-22T00:00:00Z' } });
    expect(() => renderNotice(noReason, templates, 'Asia/Baku')).toThrow(/complaint\.extended event e1 gives no step\.reason/);
    const noDate = event('en', { type: 'complaint.accepted', deadlines: { resolveBy: '2027-01-22T00:00:00Z' } });
    expect(() => renderNotice(noDate, templates, 'Asia/Baku')).toThrow(/gives no deadlines\.reviewBy/);
  });
});
