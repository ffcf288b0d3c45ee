import {
  type BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Brackets, DataSource, IsNull, LessThanOrEqual, MoreThan } from 'typeorm';
import { PLAINT_CONFIG, type PlaintConfig } from '@plaint/config';
import type { ComplaintEventType, Language } from '@plaint/contracts';
import { Clock, noticeMessageId } from '@plaint/domain';
import { Metrics } from '@plaint/observability';
import { NoticeEntity } from '@plaint/persistence';
import { NoticeTemplates } from '../notice-templates';
import { noticeHtml } from './render-email';
import { SmtpTransport } from './smtp-transport';

const BATCH = 20;
const MAX_ATTEMPTS = 10;
/** How long a sender owns a notice it is sending; another instance may retry after that. */
const LEASE_MS = 5 * 60 * 1000;
const POLL_MS = 2_000;

/** Temporary failures are retried after 1, 2, 4 … minutes, at most 6 hours apart. */
export function retryDelayMs(attempt: number): number {
  return Math.min(60_000 * 2 ** Math.max(0, attempt - 1), 6 * 60 * 60 * 1000);
}

/**
 * Sends the notices that go by e-mail (complaints from e-mail, and form customers who gave an
 * address). Each notice is claimed with a lease before sending, so two notifier instances never
 * send the same one at once; a temporary SMTP failure is retried with backoff, a permanent one
 * (5xx) marks the notice failed with the server's answer, for an agent to see. Without
 * PLAINT_SMTP_URL nothing is sent and the notices wait, recorded.
 */
@Injectable()
export class DeliverEmailNotices implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(DeliverEmailNotices.name);
  private readonly transport: SmtpTransport | undefined;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;
  private again = false;
  private stopped = false;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly templates: NoticeTemplates,
    private readonly clock: Clock,
    private readonly metrics: Metrics,
    @Inject(PLAINT_CONFIG) private readonly config: PlaintConfig,
  ) {
    this.transport = config.mail.smtpUrl ? new SmtpTransport(config.mail.smtpUrl) : undefined;
  }

  get enabled(): boolean {
    return this.transport !== undefined;
  }

  onApplicationBootstrap(): void {
    if (this.enabled) this.schedule(0);
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
    this.transport?.close();
  }

  /** Send now (or right after the pass under way). */
  wake(): void {
    if (!this.enabled || this.stopped) return;
    if (this.running) this.again = true;
    else this.schedule(0);
  }

  /** Sends every notice that is due; returns how many went out. */
  async sendDue(): Promise<number> {
    let sent = 0;
    for (;;) {
      const due = await this.dueNotices();
      for (const notice of due) if (await this.sendOne(notice)) sent += 1;
      if (due.length < BATCH || this.stopped) return sent;
    }
  }

  private schedule(delayMs: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.tick(), delayMs);
  }

  private async tick(): Promise<void> {
    this.running = this.sendDue().catch((error: unknown) =>
      this.logger.error(`e-mail notice pass failed: ${(error as Error).message}`),
    );
    await this.running;
    this.running = undefined;
    if (this.stopped) return;
    const again = this.again;
    this.again = false;
    this.schedule(again ? 0 : POLL_MS);
  }

  private dueNotices(): Promise<NoticeEntity[]> {
    const now = this.clock.now();
    return this.dataSource
      .getRepository(NoticeEntity)
      .createQueryBuilder('notice')
      .where('notice.status = :pending', { pending: 'pending' })
      .andWhere('notice.channel <> :chat', { chat: 'chat' })
      .andWhere('notice.recipient LIKE :address', { address: '%@%' })
      .andWhere(
        new Brackets((due) => {
          due.where('notice.nextAttemptAt IS NULL').orWhere('notice.nextAttemptAt <= :now', { now });
        }),
      )
      .orderBy('notice.createdAt', 'ASC')
      .take(BATCH)
      .getMany();
  }

  private async sendOne(notice: NoticeEntity): Promise<boolean> {
    const transport = this.transport;
    if (!transport || !notice.recipient) return false;
    const notices = this.dataSource.getRepository(NoticeEntity);
    const now = this.clock.now();
    const claimed = await notices.update(
      [
        { id: notice.id, status: 'pending', nextAttemptAt: IsNull() },
        { id: notice.id, status: 'pending', nextAttemptAt: LessThanOrEqual(now) },
      ],
      { nextAttemptAt: new Date(now.getTime() + LEASE_MS) },
    );
    if (!claimed.affected) return false; // another instance has it
    // Outcomes are written only while the notice still has its recipient: when the customer's
    // data was erased during the send, the server's answer (which may quote the address) is not.
    const mine = { id: notice.id, recipient: notice.recipient };

    // However a loop starts (an auto-responder that slips through, a customer's broken rule),
    // one address never gets more than the hourly allowance of automatic mail from us.
    const hourAgo = new Date(now.getTime() - 60 * 60 * 1000);
    const sentLastHour = await notices.count({
      where: { recipient: notice.recipient, status: 'sent', sentAt: MoreThan(hourAgo) },
    });
    if (sentLastHour >= this.config.mail.maxPerRecipientPerHour) {
      const reason = `more than ${this.config.mail.maxPerRecipientPerHour} automatic e-mails to this address in an hour; held back`;
      await notices.update(mine, { statusReason: reason, nextAttemptAt: new Date(now.getTime() + 60 * 60 * 1000) });
      this.logger.warn(`e-mail notice ${notice.id} for ${notice.reference} held back: ${reason}`);
      return false;
    }

    const language = notice.language as Language;
    const messageId = notice.messageId ?? noticeMessageId(this.config.referenceSecret, notice.reference, notice.id, this.config.mail.messageIdDomain);
    const outcome = await transport.send({
      from: this.config.mail.from,
      to: notice.recipient,
      subject: this.templates.render(language, notice.eventType as ComplaintEventType, { reference: notice.reference }, 'subject'),
      text: notice.text,
      html: noticeHtml(notice.text, language),
      messageId,
      inReplyTo: notice.emailThread?.inReplyTo,
      references: notice.emailThread?.references,
      autoSubmitted: 'auto-replied',
    });
    const attempts = notice.attempts + 1;
    if (outcome.ok) {
      await notices.update(mine, { status: 'sent', sentAt: this.clock.now(), attempts, messageId, statusReason: null, nextAttemptAt: null });
      this.metrics.noticesSent.inc({ channel: notice.channel, status: 'sent' });
      return true;
    }
    if (outcome.permanent || attempts >= MAX_ATTEMPTS) {
      const reason = outcome.permanent ? outcome.reason : `gave up after ${attempts} attempts: ${outcome.reason}`;
      await notices.update(mine, { status: 'failed', statusReason: reason, attempts, messageId, nextAttemptAt: null });
      this.metrics.noticesSent.inc({ channel: notice.channel, status: 'failed' });
      this.logger.warn(`e-mail notice ${notice.id} for ${notice.reference} failed: ${reason}`);
      return false;
    }
    await notices.update(
      mine,
      { statusReason: outcome.reason, attempts, messageId, nextAttemptAt: new Date(this.clock.now().getTime() + retryDelayMs(attempts)) },
    );
    this.logger.warn(`e-mail notice ${notice.id} will be retried: ${outcome.reason}`);
    return false;
  }
}
