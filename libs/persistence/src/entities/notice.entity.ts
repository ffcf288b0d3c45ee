import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { NoticeRoute } from '@plaint/contracts';

/** Where a notice can go: a route and the customer's address on it. */
export interface NoticeDestination {
  route: NoticeRoute;
  recipient: string;
}

/** pending: recorded, not yet delivered (or no transport for its channel yet). */
export type NoticeStatus = 'pending' | 'sent' | 'failed';

/**
 * The delivery state every outgoing message keeps (a customer's notice, a message to staff):
 * its text, where it stands, the attempts so far, and when it may next be tried.
 */
export abstract class OutgoingDelivery {
  @Column({ type: 'text' }) text!: string;
  @Column({ type: 'varchar', length: 16 }) status!: NoticeStatus;
  @Column({ type: 'varchar', length: 500, nullable: true, name: 'status_reason' }) statusReason!: string | null;
  @Column({ type: 'integer' }) attempts!: number;
  @Column({ type: Date, name: 'created_at' }) createdAt!: Date;
  @Column({ type: Date, nullable: true, name: 'sent_at' }) sentAt!: Date | null;
  /** When a sender may next try it: retry backoff, or a sender's lease on it. */
  @Column({ type: Date, nullable: true, name: 'next_attempt_at' }) nextAttemptAt!: Date | null;
}

/** A written notice to a customer; one per event (unique event_id makes sending idempotent). */
@Entity('notices')
@Index('ix_notices_pending', ['status', 'nextAttemptAt'])
@Index('ix_notices_route', ['route', 'status', 'nextAttemptAt'])
export class NoticeEntity extends OutgoingDelivery {
  @PrimaryColumn('uuid') id!: string;
  @Index('uq_notices_event', { unique: true }) @Column({ type: 'varchar', length: 64, name: 'event_id' }) eventId!: string;
  /** Null for an answer to a status request that matched no complaint. */
  @Index('ix_notices_complaint') @Column({ type: 'uuid', nullable: true, name: 'complaint_id' }) complaintId!: string | null;
  @Column({ type: 'varchar', length: 32 }) reference!: string;
  @Column({ type: 'varchar', length: 64, name: 'event_type' }) eventType!: string;
  @Column({ type: 'varchar', length: 32 }) channel!: string;
  @Column({ type: 'varchar', length: 500, nullable: true }) recipient!: string | null;
  @Column({ type: 'varchar', length: 8 }) language!: string;
  /** The Message-ID an e-mail notice went out with. */
  @Column({ type: 'varchar', length: 300, nullable: true, name: 'message_id' }) messageId!: string | null;
  /** For e-mail: the customer's message this notice answers, and its thread. */
  @Column({ type: 'simple-json', nullable: true, name: 'email_thread' }) emailThread!: { inReplyTo: string; references: string[] } | null;
  /**
   * How the notice travels (e-mail, a social conversation, SMS); null for the live chat and for
   * a customer who left no written channel.
   */
  @Column({ type: 'varchar', length: 16, nullable: true }) route!: NoticeRoute | null;
  /** The customer's other routes, tried in order when this one fails for good. */
  @Column({ type: 'simple-json', nullable: true }) alternatives!: NoticeDestination[] | null;
  /** What the platform reported after accepting it. */
  @Column({ type: 'varchar', length: 16, nullable: true }) receipt!: 'delivered' | 'read' | null;
  @Column({ type: Date, nullable: true, name: 'receipt_at' }) receiptAt!: Date | null;
  /** When the customer last wrote on the complaint: some platforms limit free text after that. */
  @Column({ type: Date, nullable: true, name: 'customer_wrote_at' }) customerWroteAt!: Date | null;
  /** A notice worth nothing after this instant (a sign-in link) is not sent after it. */
  @Column({ type: Date, nullable: true, name: 'expires_at' }) expiresAt!: Date | null;
  /** The W3C traceparent of the step that recorded it, for the span of its sending; null untraced. */
  @Column({ type: 'varchar', length: 55, nullable: true, name: 'trace_parent' }) traceParent!: string | null;
}
