import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { PLAINT_CONFIG, type PlaintConfig } from '@plaint/config';
import { Clock } from '@plaint/domain';
import { AgentEntity, StaffNotificationEntity } from '@plaint/persistence';
import type { AgentContact } from './staff-audience';
import { type StaffEvent, staffRows } from './staff-event';

/**
 * Writes what staff are told of some events as staff_notifications rows, for the staff delivery
 * loop to send. Rows are keyed by event, recipient and route: a redelivered event adds nothing.
 */
@Injectable()
export class RecordStaffNotifications {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    @Inject(PLAINT_CONFIG) private readonly config: PlaintConfig,
  ) {}

  /** Records the rows; true when there may be new ones to send. */
  execute(events: readonly StaffEvent[]): Promise<boolean> {
    return this.recordWith(this.dataSource.manager, events);
  }

  /** The same inside a transaction of the caller's (a notice marked failed and its alarm together). */
  async recordWith(manager: EntityManager, events: readonly StaffEvent[]): Promise<boolean> {
    if (events.length === 0) return false;
    const agents: AgentContact[] = await manager.getRepository(AgentEntity).find({ where: { active: true } });
    const options = {
      staffBot: this.config.staff.telegramBot,
      groupId: this.config.staff.telegramGroupId,
      timeZone: this.config.policy.timeZone,
      defaultLanguage: this.config.policy.defaultLanguage,
      now: this.clock.now(),
    };
    const rows = events.flatMap((event) => staffRows(event, agents, options));
    if (rows.length === 0) return false;
    await manager.createQueryBuilder().insert().into(StaffNotificationEntity).values(rows).orIgnore().execute();
    return true;
  }
}
