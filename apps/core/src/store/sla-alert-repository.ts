import { In, IsNull, type EntityManager } from 'typeorm';
import { ComplaintEntity, SlaAlertEntity } from '@plaint/persistence';

/** The SLA clock's warnings and escalations. */
export class SlaAlertRepository {
  constructor(private readonly manager: EntityManager) {}

  /**
   * Inserts the candidates the unique key lets in and returns exactly those: another instance
   * may have raised the same alert first, and only the one whose insert landed reports it.
   */
  async raise(candidates: readonly SlaAlertEntity[]): Promise<SlaAlertEntity[]> {
    if (candidates.length === 0) return [];
    await this.manager.createQueryBuilder().insert().into(SlaAlertEntity).values([...candidates]).orIgnore().execute();
    // Fresh ids: the ones stored now are exactly the alerts whose insert landed here.
    return this.manager.find(SlaAlertEntity, { where: { id: In(candidates.map((c) => c.id)) } });
  }

  /** Unacknowledged alerts, newest first: all of them, or an agent's and the unassigned queue's warnings. */
  findOpen(agentId: string | undefined): Promise<SlaAlertEntity[]> {
    const where = agentId
      ? [
          { acknowledgedAt: IsNull(), audience: 'assignee', agentId },
          { acknowledgedAt: IsNull(), audience: 'assignee', agentId: IsNull() },
        ]
      : [{ acknowledgedAt: IsNull() }];
    return this.manager.find(SlaAlertEntity, { where, order: { createdAt: 'DESC' }, take: 500 });
  }

  /**
   * Ids of the complaints received in [from, to) that had a breach alert. A join on the same
   * period rather than `complaintId IN (…)`: a year's complaints would overrun the databases'
   * parameter limits.
   */
  async findBreachedReceivedIn(period: { from: Date; to: Date }): Promise<Set<string>> {
    const rows = await this.manager
      .getRepository(SlaAlertEntity)
      .createQueryBuilder('alert')
      .innerJoin(ComplaintEntity, 'complaint', 'complaint.id = alert.complaintId')
      .select('alert.complaintId', 'complaintId')
      .distinct(true)
      .where('alert.kind = :kind', { kind: 'breach' })
      .andWhere('complaint.receivedAt >= :from', { from: period.from })
      .andWhere('complaint.receivedAt < :to', { to: period.to })
      .getRawMany<{ complaintId: string }>();
    return new Set(rows.map((row) => row.complaintId));
  }

  findById(id: string): Promise<SlaAlertEntity | null> {
    return this.manager.findOneBy(SlaAlertEntity, { id });
  }

  async acknowledge(id: string, at: Date): Promise<void> {
    await this.manager.update(SlaAlertEntity, { id }, { acknowledgedAt: at });
  }
}
