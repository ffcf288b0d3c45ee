import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { ConsultationKind } from '@plaint/contracts';

/** The parts of a complaint's lifecycle that have no column of their own (JSON, dates as ISO). */
export interface StoredLifecycle {
  pause?: { since: string };
  pausedBusinessDays: number;
  reviewStartedAt?: string;
  /** The review's written result, as the customer was told it (its time is the reviewed_at column). */
  reviewResult?: string;
  extension?: { reason: string; newDate: string; previousDate: string; at: string };
  providedDetails: Partial<Record<'fullName' | 'contact' | 'essence', string>>;
  requested?: { what: string[]; from: string };
  outcome?: { text: string; rootCause: string; delivery: 'written' | 'oral'; writtenConfirmation: boolean; resolvedAt: string };
  rejectionReason?: string;
  /** `automatic`: linked by Plaint as a near-identical complaint, so the customer never got its acknowledgement. */
  merge?: { into: string; previousState: string; automatic?: boolean };
}

export interface StaffIntakeDetails {
  /** The store whose complaint book holds the entry. */
  store?: string;
  /** The date written in the complaint book (YYYY-MM-DD). */
  entryDate?: string;
  /** The stored scan of the entry. */
  scan?: { uri: string; contentType: string; size: number; sha256: string };
  /** A complaint made during a consultation with staff: a video or a mobile one. */
  consultationKind?: ConsultationKind;
}

@Entity('complaints')
@Index('ix_complaints_conversation', ['channel', 'conversation'])
export class ComplaintEntity {
  @PrimaryColumn('uuid') id!: string;
  @Index('uq_complaints_reference', { unique: true }) @Column({ type: 'varchar', length: 32 }) reference!: string;
  @Index('ix_complaints_customer') @Column({ type: 'uuid', name: 'customer_id' }) customerId!: string;
  @Column({ type: 'varchar', length: 32 }) state!: string;
  @Column({ type: 'varchar', length: 32 }) channel!: string;
  @Column({ type: 'varchar', length: 500 }) conversation!: string;
  @Column({ type: 'varchar', length: 500, nullable: true, name: 'reply_to' }) replyTo!: string | null;
  @Column({ type: 'varchar', length: 8 }) language!: string;
  @Column({ type: 'varchar', length: 300, nullable: true, name: 'full_name' }) fullName!: string | null;
  @Column({ type: 'varchar', length: 320, nullable: true }) email!: string | null;
  @Column({ type: 'varchar', length: 32, nullable: true }) phone!: string | null;
  @Column({ type: 'varchar', length: 300, nullable: true, name: 'employee_name' }) employeeName!: string | null;
  @Column({ type: 'text' }) essence!: string;
  @Column({ type: 'boolean', name: 'callback_requested' }) callbackRequested!: boolean;
  @Column({ type: 'simple-json', name: 'missing_details' }) missingDetails!: string[];
  @Column({ type: Date, name: 'received_at' }) receivedAt!: Date;
  @Column({ type: Date, name: 'accept_by' }) acceptBy!: Date;
  /** A complaint the customer named but that is not theirs: for an agent to look at. */
  @Column({ type: 'varchar', length: 32, nullable: true, name: 'related_reference' }) relatedReference!: string | null;
  /** The employee who forwarded the customer's mail to the care address. */
  @Column({ type: 'varchar', length: 320, nullable: true, name: 'forwarded_by' }) forwardedBy!: string | null;
  /** Why an agent must look before anything is sent (a forward that names no sender). */
  @Column({ type: 'varchar', length: 64, nullable: true }) attention!: string | null;
  /** The opening e-mail's Message-ID and References: written answers thread under them. */
  @Column({ type: 'simple-json', nullable: true, name: 'email_thread' }) emailThread!: { messageId: string; references: string[] } | null;
  /** Review deadline, set on acceptance. */
  @Column({ type: Date, nullable: true, name: 'review_by' }) reviewBy!: Date | null;
  /** Resolution deadline: from arrival, moved by pauses and by an extension. */
  @Column({ type: Date, name: 'resolve_by' }) resolveBy!: Date;
  @Column({ type: Date, nullable: true, name: 'accepted_at' }) acceptedAt!: Date | null;
  /** When the review was finished and its result sent in writing; null while it runs, or when the resolution ended it. */
  @Column({ type: Date, nullable: true, name: 'reviewed_at' }) reviewedAt!: Date | null;
  @Column({ type: Date, nullable: true, name: 'resolved_at' }) resolvedAt!: Date | null;
  /** Root-cause category an agent tagged on resolution, for the compliance report. */
  @Column({ type: 'varchar', length: 100, nullable: true, name: 'root_cause' }) rootCause!: string | null;
  /** The lifecycle's own record: pause, extension, outcome, merge, requested details. */
  @Column({ type: 'simple-json', nullable: true }) lifecycle!: StoredLifecycle | null;
  @Index('ix_complaints_assignee') @Column({ type: 'uuid', nullable: true, name: 'assignee_id' }) assigneeId!: string | null;
  /** The surviving complaint's reference while this one is merged into it. */
  @Column({ type: 'varchar', length: 32, nullable: true, name: 'merged_into' }) mergedInto!: string | null;
  /** The agent who registered a complaint taken by phone or from the complaint book. */
  @Column({ type: 'uuid', nullable: true, name: 'logged_by' }) loggedBy!: string | null;
  /** Staff intake details: the store and date of a complaint-book entry, its scan. */
  @Column({ type: 'simple-json', nullable: true, name: 'staff_intake' }) staffIntake!: StaffIntakeDetails | null;
  /** Where the customer prefers written notices: null for the channel the complaint came from, or 'email'. */
  @Column({ type: 'varchar', length: 32, nullable: true, name: 'notice_channel' }) noticeChannel!: string | null;
  /** Optimistic concurrency: every lifecycle change bumps it, a stale writer retries. */
  @Column({ type: 'integer', default: 0 }) revision!: number;
  @Column({ type: Date, name: 'created_at' }) createdAt!: Date;
  @Column({ type: Date, name: 'updated_at' }) updatedAt!: Date;
  /** When names, contacts, texts and files were erased (retention or a customer's request); never touched again. */
  @Column({ type: Date, nullable: true, name: 'personal_data_erased_at' }) personalDataErasedAt!: Date | null;
}
