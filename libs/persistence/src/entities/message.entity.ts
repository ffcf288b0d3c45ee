import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * attached: part of a complaint; ignored: kept, but opens nothing (automatic mail and the like);
 * status_query: the customer asked for the status, which was answered.
 * sign_in_request: a messenger user asked for a link to their page, which was sent to that chat.
 */
export type MessageStatus = 'attached' | 'ignored' | 'status_query' | 'sign_in_request';

/**
 * The inbox: every customer message exactly once. The unique (channel, external_id) pair is
 * dedup level 1: a redelivered message is an insert that does nothing.
 */
@Entity('messages')
@Index('uq_messages_channel_external_id', ['channel', 'externalId'], { unique: true })
@Index('ix_messages_complaint', ['complaintId'])
export class MessageEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 }) id!: string;
  @Column({ type: 'varchar', length: 32 }) channel!: string;
  @Column({ type: 'varchar', length: 500, name: 'external_id' }) externalId!: string;
  @Column({ type: 'varchar', length: 500 }) conversation!: string;
  @Column({ type: 'varchar', length: 16 }) status!: MessageStatus;
  @Column({ type: 'uuid', nullable: true, name: 'complaint_id' }) complaintId!: string | null;
  @Column({ type: 'text' }) text!: string;
  @Column({ type: 'boolean' }) automated!: boolean;
  @Column({ type: Date, name: 'received_at' }) receivedAt!: Date;
  /** The message exactly as it came off the bus, so it can be re-parsed later. */
  @Column({ type: 'text' }) raw!: string;
  @Column({ type: 'varchar', length: 64, nullable: true, name: 'correlation_id' }) correlationId!: string | null;
  @Column({ type: Date, name: 'created_at' }) createdAt!: Date;
}
