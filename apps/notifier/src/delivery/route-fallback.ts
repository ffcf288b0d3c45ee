import { Logger } from '@nestjs/common';
import type { DataSource, Repository } from 'typeorm';
import type { NoticeRoute } from '@plaint/contracts';
import type { Metrics } from '@plaint/observability';
import { NoticeEntity } from '@plaint/persistence';

/**
 * What happens when a route fails a notice for good (a blocked bot, a bounced address, a
 * platform's late "failed" receipt): the customer's next route takes it, and with none left the
 * notice has failed, with every reason, for an agent to see. Never reported as sent.
 */
export class RouteFallback {
  private readonly logger = new Logger(RouteFallback.name);
  private readonly notices: Repository<NoticeEntity>;

  constructor(
    dataSource: DataSource,
    private readonly metrics: Metrics,
    /** Tells the next route's loop, and says why the notice waits when that route is not configured. */
    private readonly handOver: (notice: NoticeEntity, route: NoticeRoute) => Promise<void>,
  ) {
    this.notices = dataSource.getRepository(NoticeEntity);
  }

  async giveUp(notice: NoticeEntity, reason: string, attempts: number): Promise<void> {
    // Written only while the notice still has its recipient: erased data stays erased.
    const mine = { id: notice.id, recipient: notice.recipient ?? '' };
    const [next, ...rest] = notice.alternatives ?? [];
    if (next) {
      const moved = {
        status: 'pending' as const,
        route: next.route,
        recipient: next.recipient,
        alternatives: rest,
        statusReason: `${reason}; trying ${next.route} instead`.slice(0, 500),
        attempts: 0,
        messageId: null,
        sentAt: null,
        nextAttemptAt: null,
      };
      const updated = await this.notices.update(mine, moved);
      if (!updated.affected) return;
      this.logger.warn(`notice ${notice.id} for ${notice.reference} goes by ${next.route}: ${reason}`);
      await this.handOver(Object.assign(notice, moved), next.route);
      return;
    }
    await this.notices.update(mine, { status: 'failed', statusReason: reason.slice(0, 500), attempts, nextAttemptAt: null });
    this.metrics.noticesSent.inc({ channel: notice.channel, status: 'failed' });
    this.logger.warn(`notice ${notice.id} for ${notice.reference} failed: ${reason}`);
  }
}
