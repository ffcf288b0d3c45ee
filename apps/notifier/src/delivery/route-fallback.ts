import { Logger } from '@nestjs/common';
import type { DataSource, EntityManager, Repository } from 'typeorm';
import type { NoticeRoute } from '@plaint/contracts';
import type { Metrics } from '@plaint/observability';
import { NoticeEntity } from '@plaint/persistence';

export type FailedNoticeHook = (manager: EntityManager, notice: NoticeEntity, reason: string) => Promise<void>;

/**
 * What happens when a route fails a notice for good (a blocked bot, a bounced address, a
 * platform's late "failed" receipt): the customer's next route takes it, and with none left the
 * notice has failed, with every reason, for an agent to see. Never reported as sent.
 */
export class RouteFallback {
  private readonly logger = new Logger(RouteFallback.name);
  private readonly notices: Repository<NoticeEntity>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly metrics: Metrics,
    /** Tells the next route's loop, and says why the notice waits when that route is not configured. */
    private readonly handOver: (notice: NoticeEntity, route: NoticeRoute) => Promise<void>,
    /** Tells staff a notice failed for good, in the transaction that marks it failed. */
    private readonly onFailed: FailedNoticeHook = () => Promise.resolve(),
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
    const failed = await this.dataSource.transaction(async (manager) => {
      const updated = await manager.update(NoticeEntity, mine, { status: 'failed', statusReason: reason.slice(0, 500), attempts, nextAttemptAt: null });
      if (updated.affected) await this.onFailed(manager, notice, reason);
      return updated.affected ?? 0;
    });
    if (!failed) return;
    this.metrics.noticesSent.inc({ channel: notice.channel, status: 'failed' });
    this.logger.warn(`notice ${notice.id} for ${notice.reference} failed: ${reason}`);
  }
}
