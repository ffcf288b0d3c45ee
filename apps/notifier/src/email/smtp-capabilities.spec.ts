import { needsSmtpUtf8, offersSmtpUtf8 } from './smtp-capabilities';

describe('SMTPUTF8', () => {
  it('is needed for a non-ASCII local part only', () => {
    expect(needsSmtpUtf8('müşteri@example.az')).toBe(true);
    expect(needsSmtpUtf8('почта@пример.рф')).toBe(true);
    // A non-ASCII domain travels as punycode; the local part is plain ASCII.
    expect(needsSmtpUtf8('info@müşteri.az')).toBe(false);
    expect(needsSmtpUtf8('plain@example.az')).toBe(false);
  });

  it('is read from the EHLO answer', () => {
    expect(offersSmtpUtf8('250-mail.example\n250-8BITMIME\n250 SMTPUTF8')).toBe(true);
    expect(offersSmtpUtf8('250-mail.example\r\n250-SMTPUTF8\r\n250 HELP')).toBe(true);
    expect(offersSmtpUtf8('250-mail.example\n250-8BITMIME\n250 HELP')).toBe(false);
    // The greeting line names the host; a host called "smtputf8" offers nothing.
    expect(offersSmtpUtf8('250-smtputf8.example\n250 HELP')).toBe(false);
  });
});
