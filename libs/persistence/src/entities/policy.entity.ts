import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { OutgoingDelivery } from './notice.entity';

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
  /** Where the agent is told of their work (docs/agent-channels.md). */
  @Column({ type: 'varchar', length: 16, name: 'notify_via', default: 'email' }) notifyVia!: AgentNotifyVia;
  /** The agent's desk and notification language (az, ru, en); the company's default when null. */
  @Column({ type: 'varchar', length: 8, nullable: true }) language!: string | null;
  /** The linked Telegram account: the user id that counts as this agent in the staff group. */
  @Index('uq_agents_telegram_user', { unique: true }) @Column({ type: 'varchar', length: 32, nullable: true, name: 'telegram_user_id' }) telegramUserId!: string | null;
  /** The agent's direct chat with the bot, where their notifications go. */
  @Column({ type: 'varchar', length: 32, nullable: true, name: 'telegram_chat_id' }) telegramChatId!: string | null;
  @Column({ type: 'varchar', length: 32, nullable: true, name: 'telegram_bot' }) telegramBot!: string | null;
}

export const AGENT_NOTIFY_VIA = ['email', 'telegram', 'both', 'none'] as const;
export type AgentNotifyVia = (typeof AGENT_NOTIFY_VIA)[number];

/** A one-time code an agent sends the bot to link their Telegram account; only its hash is kept. */
@Entity('agent_link_codes')
export class AgentLinkCodeEntity {
  @PrimaryColumn({ type: 'varchar', length: 64, name: 'code_hash' }) codeHash!: string;
  @Column({ type: 'uuid', name: 'agent_id' }) agentId!: string;
  @Column({ type: Date, name: 'expires_at' }) expiresAt!: Date;
  @Column({ type: Date, nullable: true, name: 'used_at' }) usedAt!: Date | null;
}

/**
 * An agent's command received by mail or Telegram, kept once by its id: a redelivered message
 * acts once. outcome: done, refused (with the reason told to the sender) or ignored (automatic).
 */
@Entity('agent_commands')
@Index('ix_agent_commands_sender', ['sender', 'receivedAt'])
export class AgentCommandEntity {
  @PrimaryColumn({ type: 'varchar', length: 300, name: 'command_id' }) commandId!: string;
  @Column({ type: 'varchar', length: 16 }) source!: string;
  /** The From address or Telegram user id the command came from. */
  @Column({ type: 'varchar', length: 320 }) sender!: string;
  @Column({ type: 'uuid', nullable: true, name: 'agent_id' }) agentId!: string | null;
  @Column({ type: 'uuid', nullable: true, name: 'complaint_id' }) complaintId!: string | null;
  @Column({ type: 'varchar', length: 16 }) outcome!: 'done' | 'refused' | 'ignored';
  @Column({ type: 'text', nullable: true }) reason!: string | null;
  @Column({ type: Date, name: 'received_at' }) receivedAt!: Date;
}

/**
 * A message to staff (an agent's notification, a post in the care team's Telegram topic, a
 * refusal to a sender), owned by the notifier. The unique key is the event, the recipient and
 * the route: an event redelivered is told once.
 */
@Entity('staff_notifications')
@Index('ix_staff_notifications_pending', ['status', 'nextAttemptAt'])
@Index('ix_staff_notifications_recipient', ['route', 'recipient', 'sentAt'])
export class StaffNotificationEntity extends OutgoingDelivery {
  @PrimaryColumn('uuid') id!: string;
  @Index('uq_staff_notifications_key', { unique: true }) @Column({ type: 'varchar', length: 200, name: 'dedup_key' }) dedupKey!: string;
  /** email, telegram (an agent's direct chat) or staff-group (the complaint's topic). */
  @Column({ type: 'varchar', length: 16 }) route!: 'email' | 'telegram' | 'staff-group';
  /** The address, or bot:chat[:thread]. */
  @Column({ type: 'varchar', length: 320 }) recipient!: string;
  @Column({ type: 'uuid', nullable: true, name: 'agent_id' }) agentId!: string | null;
  @Column({ type: 'uuid', nullable: true, name: 'complaint_id' }) complaintId!: string | null;
  @Column({ type: 'varchar', length: 32, nullable: true }) reference!: string | null;
  @Column({ type: 'varchar', length: 32 }) kind!: string;
  @Column({ type: 'varchar', length: 500 }) subject!: string;
  /** The e-mail Message-ID or Telegram message id it went out as (a digest's, when it went in one). */
  @Column({ type: 'varchar', length: 300, nullable: true, name: 'message_id' }) messageId!: string | null;
  /** For an answer: the Message-ID or Telegram message it replies to. */
  @Column({ type: 'varchar', length: 998, nullable: true, name: 'in_reply_to' }) inReplyTo!: string | null;
}

/** The care team's Telegram forum topic of one complaint, opened when the complaint arrives. */
@Entity('staff_topics')
@Index('uq_staff_topics_thread', ['chatId', 'threadId'], { unique: true })
export class StaffTopicEntity {
  @PrimaryColumn({ type: 'uuid', name: 'complaint_id' }) complaintId!: string;
  @Column({ type: 'varchar', length: 32 }) reference!: string;
  @Column({ type: 'varchar', length: 32 }) bot!: string;
  @Column({ type: 'varchar', length: 32, name: 'chat_id' }) chatId!: string;
  @Column({ type: 'varchar', length: 32, name: 'thread_id' }) threadId!: string;
  @Column({ type: Date, name: 'created_at' }) createdAt!: Date;
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
