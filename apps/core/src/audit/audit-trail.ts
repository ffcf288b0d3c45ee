import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Clock } from '@plaint/domain';
import { AuditLogEntity } from '@plaint/persistence';
import type { AuditQuery } from '../store/audit-log';
import { CoreStore, type StoreSession } from '../store/core-store';

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

/** The append-only audit trail of personal data and staff accounts. */
@Injectable()
export class AuditTrail {
  constructor(
    private readonly store: CoreStore,
    private readonly clock: Clock,
  ) {}

  /** Appends a line; inside `session`'s transaction when given, so it lands with the change. */
  async record(entry: AuditEntry, session: StoreSession = this.store.reads()): Promise<void> {
    await session.audit.append(auditLine(entry, this.clock.now()));
  }

  /** Newest first. */
  async list(query: AuditQuery) {
    const [rows, total] = await this.store.reads().audit.search(query);
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
