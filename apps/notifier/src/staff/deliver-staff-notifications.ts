import { randomUUID } from 'node:crypto';
import { type BeforeApplicationShutdown, Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Brackets, DataSource, In, IsNull, LessThanOrEqual, type Repository } from 'typeorm';
import { PLAINT_CONFIG, type PlaintConfig } from '@plaint/config';
import { Clock } from '@plaint/domain';
import { AgentEntity, StaffNotificationEntity } from '@plaint/persistence';
import { BATCH, HOUR_MS, LEASE_MS, MAX_ATTEMPTS, retryDelayMs } from '../delivery/delivery-loop';
import { type DeliveryOutcome, sendSafely } from '../delivery/notice-transport';
import { PollingLoop } from '../delivery/polling-loop';
import { HELD_FOR_DIGEST, limitDecision } from './staff-send-limits';
import { renderDigest, staffLanguage } from './staff-texts';
import { STAFF_TRANSPORTS, type StaffMessage, type StaffTransport } from './staff-transports';

const REFUSED = 'command.refused';

/**
 * Sends staff_notifications like the customer notices' loop does (a lease before each send,
 * retries with backoff, a reason for every failure), within the hourly limits of
 * staff-send-limits.ts: what is held back goes out as one digest, every row it stands for marked
 * sent with the digest's message id.
 */
@Injectable()
export class DeliverStaffNotifications implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(DeliverStaffNotifications.name);
  private readonly rows: Repository<StaffNotificationEntity>;
  private readonly transports: Map<string, StaffTransport>;
  private readonly polling: PollingLoop;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(STAFF_TRANSPORTS) transports: StaffTransport[],
    private readonly clock: Clock,
    @Inject(PLAINT_CONFIG) private readonly config: PlaintConfig,
  ) {
    this.rows = dataSource.getRepository(StaffNotificationEntity);
    this.transports = new Map(transports.filter((transport) => transport.enabled).map((transport) => [transport.route, transport]));
    this.polling = new PollingLoop(
      () => this.sendDue(),
      (error) => this.logger.error(`staff notification pass failed: ${error.message}`),
    );
  }

  onApplicationBootstrap(): void {
    this.polling.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.polling.stop();
    for (const transport of this.transports.values()) transport.close?.();
  }

  wake(): void {
    this.polling.wake();
  }

  /** Sends what is due; returns how many messages (a digest counts once) went out. */
  sendDue(): Promise<number> {
    return this.polling.drain(BATCH, () => this.dueRows(), (row) => this.handle(row));
  }

  private dueRows(): Promise<StaffNotificationEntity[]> {
    const now = this.clock.now();
    return this.rows
      .createQueryBuilder('row')
      .where('row.status = :pending', { pending: 'pending' })
      .andWhere('row.route IN (:...routes)', { routes: [...this.transports.keys(), '-'] })
      .andWhere(new Brackets((due) => due.where('row.nextAttemptAt IS NULL').orWhere('row.nextAttemptAt <= :now', { now })))
      .orderBy('row.createdAt', 'ASC')
      .take(BATCH)
      .getMany();
  }

  private async handle(row: StaffNotificationEntity): Promise<boolean> {
    const transport = this.transports.get(row.route);
    if (!transport || !(await this.claim(row))) return false;
    const now = this.clock.now();
    const decision = limitDecision({
      kind: row.kind,
      route: row.route,
      now,
      sentInLastHour: await this.sentInLastHour(row, now),
      notificationsPerHour: this.config.staff.notificationsPerHour,
      refusalsPerSenderPerHour: this.config.staff.refusalsPerSenderPerHour,
    });
    switch (decision.action) {
      case 'drop':
        await this.rows.update({ id: row.id }, { status: 'failed', statusReason: decision.reason, nextAttemptAt: null });
        this.logger.warn(`refusal ${row.id} to ${row.route} not sent: ${decision.reason}`);
        return false;
      case 'hold':
        await this.rows.update({ id: row.id }, { statusReason: HELD_FOR_DIGEST, nextAttemptAt: decision.until });
        return false;
      case 'send': {
        const batch = row.kind === REFUSED || row.route === 'staff-group' ? [row] : await this.withHeld(row);
        const message = batch.length === 1 ? row : await this.digestOf(row, batch);
        return this.record(batch, message, await sendSafely(() => transport.send(message)));
      }
    }
  }

  /** Takes the row for a lease: another instance skips it until the lease runs out. */
  private async claim(row: StaffNotificationEntity): Promise<boolean> {
    const now = this.clock.now();
    const claimed = await this.rows.update(
      [
        { id: row.id, status: 'pending', nextAttemptAt: IsNull() },
        { id: row.id, status: 'pending', nextAttemptAt: LessThanOrEqual(now) },
      ],
      { nextAttemptAt: new Date(now.getTime() + LEASE_MS) },
    );
    return (claimed.affected ?? 0) > 0;
  }

  /** When each message of the hour went to this row's recipient: refusals and notifications counted apart. */
  private async sentInLastHour(row: StaffNotificationEntity, now: Date): Promise<Date[]> {
    const sent = await this.rows
      .createQueryBuilder('row')
      .select('row.messageId', 'messageId')
      .addSelect('MIN(row.sentAt)', 'sentAt')
      .where('row.route = :route AND row.recipient = :recipient', { route: row.route, recipient: row.recipient })
      .andWhere('row.status = :sent AND row.sentAt > :since', { sent: 'sent', since: new Date(now.getTime() - HOUR_MS) })
      .andWhere(row.kind === REFUSED ? 'row.kind = :refused' : 'row.kind <> :refused', { refused: REFUSED })
      .groupBy('row.messageId')
      .getRawMany<{ sentAt: Date | string }>();
    return sent.map((message) => storedDate(message.sentAt));
  }

  /**
   * This row and every row held back for the same recipient, taken together: the held ones are
   * taken by marking them with a tag of this pass, so no two instances send one of them twice.
   */
  private async withHeld(row: StaffNotificationEntity): Promise<StaffNotificationEntity[]> {
    const tag = `sending ${randomUUID()}`;
    await this.rows
      .createQueryBuilder()
      .update()
      .set({ statusReason: tag, nextAttemptAt: new Date(this.clock.now().getTime() + LEASE_MS) })
      .where('route = :route AND recipient = :recipient AND status = :pending AND kind <> :refused', {
        route: row.route,
        recipient: row.recipient,
        pending: 'pending',
        refused: REFUSED,
      })
      .andWhere(new Brackets((mine) => mine.where('status_reason = :held', { held: HELD_FOR_DIGEST }).orWhere('id = :id', { id: row.id })))
      .execute();
    const taken = await this.rows.find({ where: { statusReason: tag }, order: { createdAt: 'ASC' } });
    return taken.length > 0 ? taken : [row];
  }

  /** `row` stands in when none of them names a complaint. */
  private async digestOf(row: StaffNotificationEntity, rows: readonly StaffNotificationEntity[]): Promise<StaffMessage> {
    const first = rows.find((candidate) => candidate.reference !== null) ?? row;
    const agent = first.agentId ? await this.dataSource.getRepository(AgentEntity).findOneBy({ id: first.agentId }) : null;
    const language = staffLanguage(agent?.language, this.config.policy.defaultLanguage);
    const route = first.route === 'email' ? 'email' : 'telegram';
    const { subject, text } = renderDigest(rows, route, language);
    return { ...first, id: randomUUID(), kind: 'digest', subject, text, inReplyTo: null };
  }

  private async record(rows: readonly StaffNotificationEntity[], message: StaffMessage, outcome: DeliveryOutcome): Promise<boolean> {
    const ids = In(rows.map((row) => row.id));
    const attempts = Math.max(...rows.map((row) => row.attempts)) + 1;
    if (outcome.ok) {
      await this.rows.update({ id: ids }, { status: 'sent', sentAt: this.clock.now(), attempts, messageId: outcome.messageId ?? null, statusReason: null, nextAttemptAt: null });
      return true;
    }
    if (outcome.permanent || attempts >= MAX_ATTEMPTS) {
      const reason = (outcome.permanent ? outcome.reason : `gave up after ${attempts} attempts: ${outcome.reason}`).slice(0, 500);
      await this.rows.update({ id: ids }, { status: 'failed', statusReason: reason, attempts, nextAttemptAt: null });
      this.logger.warn(`staff ${message.route} message ${message.id} (${rows.length} row(s)) failed: ${reason}`);
      return false;
    }
    const retryAt = new Date(this.clock.now().getTime() + (outcome.retryAfterMs ?? retryDelayMs(attempts)));
    // A digest's rows stay held, so the next try takes them (and any newer) together again.
    const statusReason = rows.length > 1 ? HELD_FOR_DIGEST : outcome.reason.slice(0, 500);
    await this.rows.update({ id: ids }, { statusReason, attempts, nextAttemptAt: retryAt });
    this.logger.warn(`staff ${message.route} message ${message.id} will be retried: ${outcome.reason}`);
    return false;
  }
}

/** A raw timestamp: Postgres gives a Date; SQLite the UTC text TypeORM wrote ("2026-12-02 10:00:00.000"). */
function storedDate(value: Date | string): Date {
  if (value instanceof Date) return value;
  return new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(value) ? value : `${value.replace(' ', 'T')}Z`);
}
