import { createTransport, type Transporter } from 'nodemailer';
import { needsSmtpUtf8, SmtpCapabilities } from './smtp-capabilities';

export interface OutgoingMail {
  from: { name: string; address: string };
  to: string;
  subject: string;
  text: string;
  html: string;
  messageId: string;
  inReplyTo?: string;
  references?: string[];
  /** Where answers go, when not to the sender's own address (an agent's reply token). */
  replyTo?: string;
  /**
   * RFC 3834: automatic answers say so, so that auto-responders do not answer them back. Left
   * out on mail a person is meant to answer, whose client might otherwise treat it as a robot's.
   */
  autoSubmitted?: 'auto-replied' | 'auto-generated';
  /** Further headers (X-Auto-Response-Suppress on agents' notifications). */
  headers?: Record<string, string>;
}

export type SendOutcome =
  | { ok: true }
  /** permanent: a 5xx answer; the address or the message will not be accepted as it is. */
  | { ok: false; permanent: boolean; reason: string };

interface SmtpError {
  responseCode?: number;
  response?: string;
  code?: string;
  message?: string;
}

/**
 * What a failed send means: a 5xx answer is permanent (the server will not take this mail as it
 * is); anything else — a 4xx answer, a refused or dropped connection, a timeout — is temporary.
 */
export function smtpFailure(caught: unknown): Extract<SendOutcome, { ok: false }> {
  const error = (typeof caught === 'object' && caught !== null ? caught : {}) as SmtpError;
  const code = error.responseCode;
  const reason = (error.response ?? error.message ?? String(caught)).slice(0, 450);
  return { ok: false, permanent: code !== undefined && code >= 500 && code < 600, reason };
}

/** nodemailer on PLAINT_SMTP_URL, with the SMTP answer turned into "temporary" or "permanent". */
export class SmtpTransport {
  private readonly transporter: Transporter;
  private readonly capabilities: SmtpCapabilities;

  constructor(url: string) {
    this.transporter = createTransport(url);
    this.capabilities = new SmtpCapabilities(url);
  }

  async send(mail: OutgoingMail): Promise<SendOutcome> {
    try {
      if (needsSmtpUtf8(mail.to) && !(await this.capabilities.smtpUtf8())) {
        return {
          ok: false,
          permanent: true,
          reason: 'the address has non-ASCII characters before the @, and the mail server does not offer SMTPUTF8',
        };
      }
      await this.transporter.sendMail({
        // Addresses as objects, never as concatenated strings: no header injection via names.
        from: { name: mail.from.name, address: mail.from.address },
        replyTo: { name: mail.from.name, address: mail.replyTo ?? mail.from.address },
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        messageId: `<${mail.messageId}>`,
        inReplyTo: mail.inReplyTo ? `<${mail.inReplyTo}>` : undefined,
        references: mail.references?.map((id) => `<${id}>`),
        headers: { ...mail.headers, ...(mail.autoSubmitted ? { 'Auto-Submitted': mail.autoSubmitted } : {}) },
      });
      return { ok: true };
    } catch (caught) {
      return smtpFailure(caught);
    }
  }

  close(): void {
    this.transporter.close();
  }
}
