import { Logger } from '@nestjs/common';
import { Brackets, type DataSource, IsNull, LessThanOrEqual, MoreThan, type Repository } from 'typeorm';
import type { Clock } from '@plaint/domain';
import { inSpan, type Metrics, SpanKind } from '@plaint/observability';
import { NoticeEntity } from '@plaint/persistence';
import { type NoticeTransport, sendSafely } from './notice-transport';
import { PollingLoop } from './polling-loop';
import type { RouteFallback } from './route-fallback';

export const BATCH = 20;
export const MAX_ATTEMPTS = 10;
/** How long a sender owns a notice it is sending; another instance may retry after that. */
export const LEASE_MS = 5 * 60 * 1000;
export const HOUR_MS = 60 * 60 * 1000;

/** Temporary failures are retried after 1, 2, 4 … minutes, at most 6 hours apart. */
export function retryDelayMs(attempt: number): number {
  return Math.min(60_000 * 2 ** Math.max(0, attempt - 1), 6 * HOUR_MS);
}

export interface DeliveryLoopOptions {
  /** However a loop between two automatic senders starts, one recipient gets at most this many an hour. */
  maxPerRecipientPerHour: number;
  /**
   * The text that goes out, from the stored one: what is filled in only at the last moment (a
   * sign-in link, sign-in/sign-in-link-text.ts). Throwing refuses the notice for good.
   */
  textToSend?: (notice: NoticeEntity) => string;
}

/**
 * Sends the notices of one route. Each notice is claimed with a lease before sending, so two
 * notifier instances never send the same one at once. A temporary failure is retried with
 * backoff (or when the platform said); a permanent one moves the notice to the customer's next
 * route when there is one, and otherwise marks it failed with the reason, for an agent to see.
 */
export class DeliveryLoop {
  private readonly logger: Logger;
  private readonly notices: Repository<NoticeEntity>;
  private readonly polling: PollingLoop;

  constructor(
    private readonly transport: NoticeTransport,
    dataSource: DataSource,
    private readonly clock: Clock,
    private readonly metrics: Metrics,
    private readonly options: DeliveryLoopOptions,
    private readonly fallback: RouteFallback,
  ) {
    this.logger = new Logger(`DeliverNotices:${transport.route}`);
    this.notices = dataSource.getRepository(NoticeEntity);
    this.polling = new PollingLoop(
      () => this.sendDue(),
      (error) => this.logger.error(`${transport.route} notice pass failed: ${error.message}`),
    );
  }

  start(): void {
    this.polling.start();
  }

  async stop(): Promise<void> {
    await this.polling.stop();
    await this.transport.close?.();
  }

  /** Send now (or right after the pass under way). */
  wake(): void {
    this.polling.wake();
  }

  /** Sends every notice of this route that is due; returns how many went out. */
  sendDue(): Promise<number> {
    return this.polling.drain(BATCH, () => this.dueNotices(), (notice) => this.sendOne(notice));
  }

  private dueNotices(): Promise<NoticeEntity[]> {
    const now = this.clock.now();
    return this.notices
      .createQueryBuilder('notice')
      .where('notice.route = :route', { route: this.transport.route })
      .andWhere('notice.status = :pending', { pending: 'pending' })
      .andWhere('notice.recipient IS NOT NULL')
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
    if (!notice.recipient) return false;
    const now = this.clock.now();
    const claimed = await this.notices.update(
      [
        { id: notice.id, status: 'pending', route: this.transport.route, nextAttemptAt: IsNull() },
        { id: notice.id, status: 'pending', route: this.transport.route, nextAttemptAt: LessThanOrEqual(now) },
      ],
      { nextAttemptAt: new Date(now.getTime() + LEASE_MS) },
    );
    if (!claimed.affected) return false; // another instance has it
    // Outcomes are written only while the notice still has its recipient: when the customer's
    // data was erased during the send, the platform's answer (which may quote it) is not.
    const mine = { id: notice.id, recipient: notice.recipient };

    const sentLastHour = await this.notices.count({
      where: { recipient: notice.recipient, status: 'sent', sentAt: MoreThan(new Date(now.getTime() - HOUR_MS)) },
    });
    if (sentLastHour >= this.options.maxPerRecipientPerHour) {
      const reason = `more than ${this.options.maxPerRecipientPerHour} automatic messages to this recipient in an hour; held back`;
      await this.notices.update(mine, { statusReason: reason, nextAttemptAt: new Date(now.getTime() + HOUR_MS) });
      this.logger.warn(`${this.transport.route} notice ${notice.id} for ${notice.reference} held back: ${reason}`);
      return false;
    }

    // A notice worth nothing by now (a sign-in link that has expired) is not sent late.
    if (notice.expiresAt && notice.expiresAt.getTime() <= now.getTime()) {
      await this.fallback.giveUp(notice, `${this.transport.route}: not sent: it expired at ${notice.expiresAt.toISOString()} before it could go out`, notice.attempts);
      return false;
    }
    let outgoing: NoticeEntity;
    try {
      outgoing = this.options.textToSend ? Object.assign(new NoticeEntity(), notice, { text: this.options.textToSend(notice) }) : notice;
    } catch (error) {
      await this.fallback.giveUp(notice, `${this.transport.route}: ${(error as Error).message}`, notice.attempts);
      return false;
    }

    const attempts = notice.attempts + 1;
    const outcome = await inSpan(
      'notice send',
      { 'plaint.notice.channel': notice.channel, 'plaint.notice.route': this.transport.route, 'plaint.notice.attempt': attempts },
      async (span) => {
        const result = await sendSafely(() => this.transport.send(outgoing));
        span?.setAttribute('plaint.notice.outcome', result.ok ? 'sent' : result.permanent ? 'refused' : 'retry');
        return result;
      },
      { kind: SpanKind.CLIENT, traceParent: notice.traceParent },
    );
    if (outcome.ok) {
      const sentAt = this.clock.now();
      await this.recordSent(notice, () =>
        this.notices.update(mine, {
          status: 'sent',
          sentAt,
          attempts,
          messageId: outcome.messageId ?? notice.messageId,
          // Sent at the first try on a route it fell back to: the note of why stays for agents.
          statusReason: notice.attempts === 0 ? notice.statusReason : null,
          nextAttemptAt: null,
        }),
      );
      this.metrics.noticesSent.inc({ channel: notice.channel, status: 'sent' });
      return true;
    }
    if (outcome.permanent || attempts >= MAX_ATTEMPTS) {
      const reason = outcome.permanent ? outcome.reason : `gave up after ${attempts} attempts: ${outcome.reason}`;
      await this.fallback.giveUp(notice, `${this.transport.route}: ${reason}`, attempts);
      return false;
    }
    const retryIn = outcome.retryAfterMs ?? retryDelayMs(attempts);
    await this.notices.update(mine, { statusReason: outcome.reason, attempts, nextAttemptAt: new Date(this.clock.now().getTime() + retryIn) });
    this.logger.warn(`${this.transport.route} notice ${notice.id} will be retried: ${outcome.reason}`);
    return false;
  }

  /**
   * A notice the platform took must be recorded as sent: unrecorded, it goes out a second time
   * once its lease ends. A database that is away for a moment (a restart, a failover) is waited
   * for, for up to half the lease.
   */
  private async recordSent(notice: NoticeEntity, write: () => Promise<unknown>): Promise<void> {
    const giveUpAt = Date.now() + LEASE_MS / 2;
    for (let waitMs = 250; ; waitMs = Math.min(waitMs * 2, 5_000)) {
      try {
        await write();
        return;
      } catch (error) {
        if (Date.now() + waitMs > giveUpAt) throw error;
        this.logger.warn(`${this.transport.route} notice ${notice.id} was sent but not yet recorded; trying again in ${waitMs} ms: ${(error as Error).message}`);
        await new Promise((resolve) => setTimeout(resolve, waitMs));
      }
    }
  }
}
