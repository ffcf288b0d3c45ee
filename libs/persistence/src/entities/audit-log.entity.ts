import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * The audit trail of personal data and staff accounts: exports, erasures, retention runs, staff
 * reads of a complaint's personal data, account changes. Append-only; `details` holds ids,
 * counts and field names, never the personal data itself.
 */
@Entity('audit_log')
@Index('ix_audit_log_at', ['at'])
@Index('ix_audit_log_subject', ['subjectKind', 'subjectId'])
export class AuditLogEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column({ type: Date }) at!: Date;
  /** The agent who did it; null for Plaint itself (retention) or an operator command. */
  @Column({ type: 'varchar', length: 64, nullable: true, name: 'actor_id' }) actorId!: string | null;
  @Column({ type: 'varchar', length: 64 }) action!: string;
  /** customer, complaint, agent or retention. */
  @Column({ type: 'varchar', length: 32, name: 'subject_kind' }) subjectKind!: string;
  @Column({ type: 'varchar', length: 64, nullable: true, name: 'subject_id' }) subjectId!: string | null;
  @Column({ type: 'simple-json', nullable: true }) details!: Record<string, string | number | boolean | null> | null;
}
