import { createTransport } from 'nodemailer';
import type Mail from 'nodemailer/lib/mailer';
import MailComposer from 'nodemailer/lib/mail-composer';

/** A mail a test sends; addresses as objects, so nothing is ever concatenated into a header. */
export type TestMail = Mail.Options;

/** The raw RFC 5322 bytes of a mail, as a client would submit them (Message-ID and Date set). */
export async function composeMail(mail: TestMail): Promise<Buffer> {
  return new MailComposer(mail).compile().build();
}

/**
 * Hands raw bytes to the test mail server over SMTP for `to`, exactly as given: the same bytes
 * sent twice are the same message, as a client re-sending it would produce. A temporary refusal
 * (4xx; GreenMail answers 451 now and then under load) is retried, as any mail client does.
 */
export async function deliverRaw(
  server: { host: string; smtpPort: number },
  envelope: { from: string; to: string },
  raw: Buffer,
): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    const transport = createTransport({ host: server.host, port: server.smtpPort, secure: false, ignoreTLS: true });
    try {
      await transport.sendMail({ envelope, raw });
      return;
    } catch (error) {
      const code = (error as { responseCode?: number }).responseCode;
      if (attempt >= 3 || code === undefined || code < 400 || code >= 500) throw error;
      await new Promise((resolve) => setTimeout(resolve, 500 * attempt));
    } finally {
      transport.close();
    }
  }
}

export interface MailAddress {
  name?: string;
  address: string;
}

/** Composes and delivers a mail from one address to one address; returns its raw bytes. */
export async function sendMail(
  server: { host: string; smtpPort: number },
  mail: TestMail & { from: MailAddress; to: MailAddress },
): Promise<Buffer> {
  const raw = await composeMail(mail);
  await deliverRaw(server, { from: mail.from.address, to: mail.to.address }, raw);
  return raw;
}
