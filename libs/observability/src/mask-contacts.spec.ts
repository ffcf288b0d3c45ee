import { maskContacts } from './mask-contacts';

describe('maskContacts', () => {
  it('keeps only the domain of an e-mail address, as a mail server might quote it', () => {
    expect(maskContacts('550 5.1.1 <leyla.aliyeva@mail.az>: Recipient address rejected')).toBe('550 5.1.1 <***@mail.az>: Recipient address rejected');
    expect(maskContacts('to Rəşad.Məmmədov+care@example.az')).toBe('to ***@example.az');
  });

  it('masks phone numbers in the forms customers type them and in E.164', () => {
    expect(maskContacts('call +994501234567 now')).toBe('call [phone] now');
    expect(maskContacts('call +994 55 765 43 21 now')).toBe('call [phone] now');
    expect(maskContacts('call 050 123 45 67 or 050-123-45-67 or (012) 555 12 34')).toBe('call [phone] or [phone] or [phone]');
  });

  it('leaves ids, references, dates, offsets and durations alone', () => {
    const line =
      'plaint.inbound.v1[2]@1234567 for core: complaint 2f1c9a36-1d7e-4a53-9a43-6a2b0c1e7d11 K7M4-Q9XD-2PTA due 2026-12-10T20:00:00.000Z after 3600000 ms, uid 10234 of care@127.0.0.1/INBOX';
    expect(maskContacts(line)).toBe(line.replace('care@127.0.0.1', '***@127.0.0.1'));
  });
});
