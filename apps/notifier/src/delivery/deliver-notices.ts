import { type BeforeApplicationShutdown, Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { PLAINT_CONFIG, type PlaintConfig } from '@plaint/config';
import type { NoticeRoute } from '@plaint/contracts';
import { Clock } from '@plaint/domain';
import { Metrics } from '@plaint/observability';
import { NoticeEntity } from '@plaint/persistence';
import { DeliveryLoop } from './delivery-loop';
import { RouteFallback } from './route-fallback';
import { NOTICE_TRANSPORTS, type NoticeTransport } from './notice-transport';
import { NoticeFailedAlarm } from '../staff/notice-failed-alarm';
import { textToSend } from '../sign-in/sign-in-link-text';

/** Why a notice waits: its route has no transport in this installation yet. */
const NOT_CONFIGURED: Record<NoticeRoute, string> = {
  email: 'e-mail delivery is not configured',
  telegram: 'Telegram is not configured',
  whatsapp: 'WhatsApp is not configured',
  messenger: 'Messenger is not configured',
  instagram: 'Instagram messaging is not configured',
  sms: 'SMS delivery is not configured',
};

/**
 * Runs one delivery loop per configured route. A notice whose route is not configured waits,
 * pending, with the reason: nothing is lost, it goes out once the route is configured.
 */
@Injectable()
export class DeliverNotices implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(DeliverNotices.name);
  private readonly loops = new Map<NoticeRoute, DeliveryLoop>();
  readonly fallback: RouteFallback;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(NOTICE_TRANSPORTS) transports: NoticeTransport[],
    clock: Clock,
    metrics: Metrics,
    @Inject(PLAINT_CONFIG) config: PlaintConfig,
    alarm: NoticeFailedAlarm,
  ) {
    const options = {
      maxPerRecipientPerHour: config.mail.maxPerRecipientPerHour,
      textToSend: (notice: NoticeEntity) => textToSend(notice, config.referenceSecret, config.customerPage.pageUrl),
    };
    this.fallback = new RouteFallback(
      dataSource,
      metrics,
      (notice, route) => this.handOver(notice, route),
      (manager, notice, reason) => alarm.raise(manager, notice, reason),
    );
    for (const transport of transports.filter((t) => t.enabled)) {
      this.loops.set(transport.route, new DeliveryLoop(transport, dataSource, clock, metrics, options, this.fallback));
    }
  }

  onApplicationBootstrap(): void {
    for (const loop of this.loops.values()) loop.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await Promise.all([...this.loops.values()].map((loop) => loop.stop()));
  }

  isConfigured(route: NoticeRoute): boolean {
    return this.loops.has(route);
  }

  /** Why notices on this route wait, or undefined when it is configured. */
  waitingReason(route: NoticeRoute): string | undefined {
    return this.loops.has(route) ? undefined : NOT_CONFIGURED[route];
  }

  /** Send the due notices of these routes now. */
  wake(routes: Iterable<NoticeRoute>): void {
    for (const route of new Set(routes)) this.loops.get(route)?.wake();
  }

  /** The loop for that route, for tests and operator commands that send at once. */
  loop(route: NoticeRoute): DeliveryLoop | undefined {
    return this.loops.get(route);
  }

  private async handOver(notice: NoticeEntity, route: NoticeRoute): Promise<void> {
    const waiting = this.waitingReason(route);
    if (!waiting) return this.wake([route]);
    const reason = `${notice.statusReason ?? ''}; ${waiting}`.slice(0, 500);
    await this.dataSource
      .getRepository(NoticeEntity)
      // Only while it still has its recipient: an erasure in between has the last word.
      .update({ id: notice.id, route, recipient: notice.recipient ?? '' }, { statusReason: reason })
      .catch((error: unknown) => this.logger.error(`could not note why notice ${notice.id} waits: ${(error as Error).message}`));
  }
}
