import SMTPConnection from 'nodemailer/lib/smtp-connection';
import { parseConnectionUrl } from 'nodemailer/lib/shared';

/** How long one answer to EHLO is trusted before the server is asked again. */
const CACHE_MS = 10 * 60 * 1000;
const PROBE_TIMEOUT_MS = 15_000;

/**
 * An address whose local part is not ASCII can only travel with the SMTPUTF8 extension
 * (RFC 6531). A non-ASCII domain alone does not need it: it is sent in its ASCII (punycode) form.
 */
export function needsSmtpUtf8(address: string): boolean {
  const at = address.lastIndexOf('@');
  const local = at < 0 ? address : address.slice(0, at);
  return /[^\x00-\x7f]/.test(local);
}

/** Whether an EHLO answer announces SMTPUTF8. */
export function offersSmtpUtf8(ehloAnswer: string): boolean {
  return /^250[ -]SMTPUTF8[ \t]*$/im.test(ehloAnswer.replace(/\r/g, ""));
}

/**
 * Asks the mail server what it offers, the way nodemailer will connect for a send (same URL,
 * same TLS), and remembers the answer for a while. nodemailer uses SMTPUTF8 by itself when the
 * server offers it, but sends a non-ASCII address without it when the server does not; this
 * lets us refuse such a send instead.
 */
export class SmtpCapabilities {
  private known: { smtpUtf8: boolean; at: number } | undefined;

  constructor(
    private readonly url: string,
    private readonly now: () => number = Date.now,
  ) {}

  async smtpUtf8(): Promise<boolean> {
    if (this.known && this.now() - this.known.at < CACHE_MS) return this.known.smtpUtf8;
    const smtpUtf8 = offersSmtpUtf8(await this.ehlo());
    this.known = { smtpUtf8, at: this.now() };
    return smtpUtf8;
  }

  private ehlo(): Promise<string> {
    const connection = new SMTPConnection({
      ...parseConnectionUrl(this.url),
      connectionTimeout: PROBE_TIMEOUT_MS,
      greetingTimeout: PROBE_TIMEOUT_MS,
    });
    return new Promise<string>((resolve, reject) => {
      connection.once('error', reject);
      // After connect() the last answer read is the (post-STARTTLS) EHLO answer.
      connection.connect(() => {
        const answer = connection.lastServerResponse;
        connection.quit();
        resolve(typeof answer === 'string' ? answer : '');
      });
    });
  }
}
