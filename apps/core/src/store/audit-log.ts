import type { EntityManager } from 'typeorm';
import { AuditLogEntity } from '@plaint/persistence';

/** Which audit lines to read; every field narrows them. */
export interface AuditQuery {
  action?: string;
  actorId?: string;
  subjectKind?: string;
  subjectId?: string;
  from?: Date;
  to?: Date;
  limit: number;
  offset: number;
}

/** The append-only audit trail as stored. */
export class AuditLog {
  constructor(private readonly manager: EntityManager) {}

  async append(line: AuditLogEntity): Promise<void> {
    await this.manager.insert(AuditLogEntity, line);
  }

  /** A page of the lines the query matches, newest first, with how many match in all. */
  search(query: AuditQuery): Promise<[AuditLogEntity[], number]> {
    const qb = this.manager.getRepository(AuditLogEntity).createQueryBuilder('a');
    if (query.action) qb.andWhere('a.action = :action', { action: query.action });
    if (query.actorId) qb.andWhere('a.actorId = :actorId', { actorId: query.actorId });
    if (query.subjectKind) qb.andWhere('a.subjectKind = :subjectKind', { subjectKind: query.subjectKind });
    if (query.subjectId) qb.andWhere('a.subjectId = :subjectId', { subjectId: query.subjectId });
    if (query.from) qb.andWhere('a.at >= :from', { from: query.from });
    if (query.to) qb.andWhere('a.at < :to', { to: query.to });
    return qb.orderBy('a.at', 'DESC').addOrderBy('a.id', 'DESC').take(query.limit).skip(query.offset).getManyAndCount();
  }
}
