import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { Clock } from '@plaint/domain';
import { AuditLogEntity } from '@plaint/persistence';

/** What an audit line says: who did what to which record; details never hold personal data. */
export interface AuditEntry {
  /** The agent; null for Plaint itself or an operator command. */
  actorId: string | null;
  action: AuditAction;
  subject: { kind: 'customer' | 'complaint' | 'agent' | 'retention'; id: string | null };
  details?: Record<string, string | number | boolean | null>;
}

export type AuditAction =
  | 'customer.exported'
  | 'customer.erased'
  | 'customer.read'
  | 'retention.run'
  | 'complaint.read'
  | 'complaints.listed'
  | 'agent.created'
  | 'agent.updated';

/** The audit line as stored: also written by operator commands, which have no Nest context. */
export function auditLine(entry: AuditEntry, at: Date): AuditLogEntity {
  return Object.assign(new AuditLogEntity(), {
    id: randomUUID(),
    at,
    actorId: entry.actorId,
    action: entry.action,
    subjectKind: entry.subject.kind,
    subjectId: entry.subject.id,
    details: entry.details ?? null,
  });
}

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

/** The append-only audit trail of personal data and staff accounts. */
@Injectable()
export class AuditTrail {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  /** Appends a line; inside `manager`'s transaction when given, so it lands with the change. */
  async record(entry: AuditEntry, manager: EntityManager = this.dataSource.manager): Promise<void> {
    await manager.insert(AuditLogEntity, auditLine(entry, this.clock.now()));
  }

  /** Newest first. */
  async list(query: AuditQuery) {
    const qb = this.dataSource.getRepository(AuditLogEntity).createQueryBuilder('a');
    if (query.action) qb.andWhere('a.action = :action', { action: query.action });
    if (query.actorId) qb.andWhere('a.actorId = :actorId', { actorId: query.actorId });
    if (query.subjectKind) qb.andWhere('a.subjectKind = :subjectKind', { subjectKind: query.subjectKind });
    if (query.subjectId) qb.andWhere('a.subjectId = :subjectId', { subjectId: query.subjectId });
    if (query.from) qb.andWhere('a.at >= :from', { from: query.from });
    if (query.to) qb.andWhere('a.at < :to', { to: query.to });
    const [rows, total] = await qb.orderBy('a.at', 'DESC').addOrderBy('a.id', 'DESC').take(query.limit).skip(query.offset).getManyAndCount();
    return {
      total,
      limit: query.limit,
      offset: query.offset,
      items: rows.map((row) => ({
        id: row.id,
        at: row.at.toISOString(),
        actorId: row.actorId,
        action: row.action,
        subject: { kind: row.subjectKind, id: row.subjectId },
        details: row.details,
      })),
    };
  }
}
