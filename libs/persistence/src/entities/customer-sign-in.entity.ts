import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A one-time link a customer asked for to open their page (docs/my-complaints.md). Only the hash
 * of its token is kept; the contact is the one it was sent to, as identities store contacts.
 */
@Entity('customer_sign_in_links')
@Index('ix_customer_sign_in_links_contact', ['contactKind', 'contact'])
export class CustomerSignInLinkEntity {
  @PrimaryColumn('uuid') id!: string;
  @Index('uq_customer_sign_in_links_token', { unique: true }) @Column({ type: 'varchar', length: 64, name: 'token_hash' }) tokenHash!: string;
  /** email, phone or platform. */
  @Column({ type: 'varchar', length: 16, name: 'contact_kind' }) contactKind!: string;
  @Column({ type: 'varchar', length: 320 }) contact!: string;
  @Column({ type: Date, name: 'created_at' }) createdAt!: Date;
  @Column({ type: Date, name: 'expires_at' }) expiresAt!: Date;
  /** When it was exchanged for a session (or revoked): it opens nothing after. */
  @Column({ type: Date, nullable: true, name: 'used_at' }) usedAt!: Date | null;
}

/** Why a session ended before its time. */
export type CustomerSessionEnd = 'signed-out' | 'erased';

/**
 * A signed-in customer's session on their page, opened by one link and bound to its contact.
 * Only the hash of its token (the cookie's value) is kept.
 */
@Entity('customer_sessions')
@Index('ix_customer_sessions_contact', ['contactKind', 'contact'])
export class CustomerSessionEntity {
  @PrimaryColumn('uuid') id!: string;
  @Index('uq_customer_sessions_token', { unique: true }) @Column({ type: 'varchar', length: 64, name: 'token_hash' }) tokenHash!: string;
  @Column({ type: 'uuid', name: 'link_id' }) linkId!: string;
  @Column({ type: 'varchar', length: 16, name: 'contact_kind' }) contactKind!: string;
  @Column({ type: 'varchar', length: 320 }) contact!: string;
  @Column({ type: Date, name: 'created_at' }) createdAt!: Date;
  @Column({ type: Date, name: 'expires_at' }) expiresAt!: Date;
  /** Ended early: the customer signed out, or their data was erased. */
  @Column({ type: Date, nullable: true, name: 'ended_at' }) endedAt!: Date | null;
  @Column({ type: 'varchar', length: 16, nullable: true, name: 'end_reason' }) endReason!: CustomerSessionEnd | null;
}
