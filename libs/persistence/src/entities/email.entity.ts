import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * How far the e-mail adapter has read a mailbox: everything up to `lastUid` under
 * `uidValidity` is safely on the bus. A new UIDVALIDITY means the server renumbered the
 * mailbox: the adapter reads it again from the start, and dedup makes that harmless.
 */
@Entity('email_cursors')
export class EmailCursorEntity {
  @PrimaryColumn({ type: 'varchar', length: 500 }) mailbox!: string;
  @Column({ type: 'varchar', length: 32, name: 'uid_validity' }) uidValidity!: string;
  @Column({ type: 'integer', name: 'last_uid' }) lastUid!: number;
  @Column({ type: Date, name: 'updated_at' }) updatedAt!: Date;
}

/** A mail that could not be read as a message (broken MIME, over the limits), kept for a person. */
@Entity('email_quarantine')
export class QuarantinedEmailEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 }) id!: string;
  @Column({ type: 'varchar', length: 500 }) mailbox!: string;
  @Column({ type: 'integer' }) uid!: number;
  @Column({ type: 'varchar', length: 32, name: 'uid_validity' }) uidValidity!: string;
  @Column({ type: 'varchar', length: 500, name: 'raw_uri' }) rawUri!: string;
  @Column({ type: 'varchar', length: 1000 }) reason!: string;
  @Column({ type: Date, name: 'created_at' }) createdAt!: Date;
}
