import { Inject, Injectable } from '@nestjs/common';
import { PLAINT_CONFIG, type PlaintConfig } from '@plaint/config';
import type { Language } from '@plaint/contracts';
import { noticeMessageId } from '@plaint/domain';
import type { NoticeEntity } from '@plaint/persistence';
import { NoticeTemplates, type NoticeType } from '../notice-templates';
import type { DeliveryOutcome, NoticeTransport } from '../delivery/notice-transport';
import { noticeHtml } from './render-email';
import { SmtpTransport } from './smtp-transport';

/**
 * Notices by e-mail (complaints from e-mail, and customers of other channels who gave an
 * address), on PLAINT_SMTP_URL: threaded under the customer's message, with a signed Message-ID
 * so an answer to it finds its complaint, marked as an automatic reply so auto-responders do not
 * answer it. A 5xx answer is permanent, the server's words becoming the reason agents read.
 */
@Injectable()
export class EmailNoticeTransport implements NoticeTransport {
  readonly route = 'email' as const;
  private readonly smtp: SmtpTransport | undefined;

  constructor(
    private readonly templates: NoticeTemplates,
    @Inject(PLAINT_CONFIG) private readonly config: PlaintConfig,
  ) {
    this.smtp = config.mail.smtpUrl ? new SmtpTransport(config.mail.smtpUrl) : undefined;
  }

  get enabled(): boolean {
    return this.smtp !== undefined;
  }

  async send(notice: NoticeEntity): Promise<DeliveryOutcome> {
    if (!this.smtp || !notice.recipient) return { ok: false, permanent: false, reason: 'e-mail delivery is not configured' };
    const language = notice.language as Language;
    // A retry keeps the Message-ID of the first attempt: a receiving server that did take the
    // first one recognises the second as the same mail.
    const messageId = notice.messageId ?? noticeMessageId(this.config.referenceSecret, notice.reference, notice.id, this.config.mail.messageIdDomain);
    const outcome = await this.smtp.send({
      from: this.config.mail.from,
      to: notice.recipient,
      subject: this.templates.render(language, notice.eventType as NoticeType, { reference: notice.reference }, 'subject'),
      text: notice.text,
      html: noticeHtml(notice.text, language),
      messageId,
      inReplyTo: notice.emailThread?.inReplyTo,
      references: notice.emailThread?.references,
      autoSubmitted: 'auto-replied',
    });
    return outcome.ok ? { ok: true, messageId } : outcome;
  }

  close(): void {
    this.smtp?.close();
  }
}
