import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

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
  /** The opening e-mail's Message-ID and References: written answers thread under them. */
  @Column({ type: 'simple-json', nullable: true, name: 'email_thread' }) emailThread!: { messageId: string; references: string[] } | null;
  @Column({ type: Date, name: 'created_at' }) createdAt!: Date;
  @Column({ type: Date, name: 'updated_at' }) updatedAt!: Date;
}
