import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** One append-only line of a complaint's audit trail: who, when, from which state to which, why. */
@Entity('complaint_history')
@Index('ix_complaint_history_complaint', ['complaintId', 'at'])
export class ComplaintHistoryEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column({ type: 'uuid', name: 'complaint_id' }) complaintId!: string;
  @Column({ type: Date }) at!: Date;
  /** agent, customer or system. */
  @Column({ type: 'varchar', length: 16, name: 'actor_kind' }) actorKind!: string;
  @Column({ type: 'varchar', length: 64, nullable: true, name: 'actor_id' }) actorId!: string | null;
  @Column({ type: 'varchar', length: 32, name: 'from_state' }) fromState!: string;
  @Column({ type: 'varchar', length: 32, name: 'to_state' }) toState!: string;
  @Column({ type: 'text' }) why!: string;
  /** The customer-facing step this line is (an event type), or null for internal lines. */
  @Column({ type: 'varchar', length: 64, nullable: true }) step!: string | null;
  /** What the customer was told with the step: dates, reason, outcome. */
  @Column({ type: 'simple-json', nullable: true }) details!: Record<string, string> | null;
}

export type AgentRole = 'agent' | 'supervisor' | 'admin';

/** Staff who work complaints; passwords are stored as argon2id hashes only. */
@Entity('agents')
export class AgentEntity {
  @PrimaryColumn('uuid') id!: string;
  @Index('uq_agents_username', { unique: true }) @Column({ type: 'varchar', length: 100 }) username!: string;
  @Column({ type: 'varchar', length: 200, name: 'display_name' }) displayName!: string;
  @Column({ type: 'varchar', length: 320, nullable: true }) email!: string | null;
  @Column({ type: 'varchar', length: 200, name: 'password_hash' }) passwordHash!: string;
  @Column({ type: 'varchar', length: 16 }) role!: AgentRole;
  @Column({ type: 'boolean' }) active!: boolean;
  @Column({ type: Date, name: 'created_at' }) createdAt!: Date;
  @Column({ type: Date, name: 'updated_at' }) updatedAt!: Date;
}

/**
 * A deadline warning or breach. The unique key makes each one fire once, however many core
 * instances run the SLA clock: the instance whose insert lands raises it, the others skip.
 */
@Entity('sla_alerts')
@Index('uq_sla_alerts_once', ['complaintId', 'deadline', 'dueAt', 'kind'], { unique: true })
@Index('ix_sla_alerts_open', ['acknowledgedAt', 'createdAt'])
export class SlaAlertEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column({ type: 'uuid', name: 'complaint_id' }) complaintId!: string;
  /** accept, review or resolve. */
  @Column({ type: 'varchar', length: 16 }) deadline!: string;
  @Column({ type: Date, name: 'due_at' }) dueAt!: Date;
  /** warning (before the deadline) or breach (after it). */
  @Column({ type: 'varchar', length: 16 }) kind!: string;
  /** assignee (the warned agent) or supervisors (an escalation). */
  @Column({ type: 'varchar', length: 16 }) audience!: string;
  @Column({ type: 'uuid', nullable: true, name: 'agent_id' }) agentId!: string | null;
  @Column({ type: Date, name: 'created_at' }) createdAt!: Date;
  @Column({ type: Date, nullable: true, name: 'acknowledged_at' }) acknowledgedAt!: Date | null;
}

/** A call-back attempt on a call-me request: who called, when, how it went, what was agreed. */
@Entity('callback_attempts')
@Index('ix_callback_attempts_complaint', ['complaintId', 'at'])
export class CallbackAttemptEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column({ type: 'uuid', name: 'complaint_id' }) complaintId!: string;
  @Column({ type: 'uuid', name: 'agent_id' }) agentId!: string;
  @Column({ type: Date }) at!: Date;
  /** reached, no_answer, busy, wrong_number. */
  @Column({ type: 'varchar', length: 16 }) result!: string;
  @Column({ type: 'text', nullable: true }) agreed!: string | null;
}

/** A merge of one customer record into another, kept so that it can be undone exactly. */
@Entity('customer_merges')
export class CustomerMergeEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column({ type: 'uuid', name: 'source_customer_id' }) sourceCustomerId!: string;
  @Column({ type: 'uuid', name: 'target_customer_id' }) targetCustomerId!: string;
  @Column({ type: 'simple-json', name: 'identity_ids' }) identityIds!: string[];
  @Column({ type: 'simple-json', name: 'complaint_ids' }) complaintIds!: string[];
  @Column({ type: 'varchar', length: 64, name: 'merged_by' }) mergedBy!: string;
  @Column({ type: Date, name: 'merged_at' }) mergedAt!: Date;
  @Column({ type: 'varchar', length: 64, nullable: true, name: 'unmerged_by' }) unmergedBy!: string | null;
  @Column({ type: Date, nullable: true, name: 'unmerged_at' }) unmergedAt!: Date | null;
}
