import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** Events written in the same transaction as the change they describe; a relay publishes them. */
@Entity('outbox')
@Index('ix_outbox_unpublished', ['publishedAt', 'id'])
export class OutboxEntity {
  @PrimaryGeneratedColumn('increment') id!: number;
  @Column({ type: 'varchar', length: 200 }) topic!: string;
  @Column({ type: 'varchar', length: 500, name: 'message_key' }) key!: string;
  @Column({ type: 'text' }) payload!: string;
  @Column({ type: 'simple-json' }) headers!: Record<string, string>;
  @Column({ type: Date, name: 'created_at' }) createdAt!: Date;
  @Column({ type: Date, nullable: true, name: 'published_at' }) publishedAt!: Date | null;
}
