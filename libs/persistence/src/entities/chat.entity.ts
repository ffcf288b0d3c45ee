import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A live-chat conversation as the customer started it. */
@Entity('chat_conversations')
export class ChatConversationEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 }) id!: string;
  @Column({ type: 'varchar', length: 300, name: 'full_name' }) fullName!: string;
  @Column({ type: 'varchar', length: 320, nullable: true }) email!: string | null;
  @Column({ type: 'varchar', length: 32, nullable: true }) phone!: string | null;
  @Column({ type: 'varchar', length: 8, nullable: true }) language!: string | null;
  @Column({ type: Date, name: 'created_at' }) createdAt!: Date;
}

/** The transcript replayed to a customer who reconnects: both directions, each line once. */
@Entity('chat_lines')
@Index('ix_chat_lines_conversation', ['conversationId', 'sentAt'])
export class ChatLineEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 }) id!: string;
  @Column({ type: 'varchar', length: 64, name: 'conversation_id' }) conversationId!: string;
  @Column({ type: 'varchar', length: 16 }) author!: string;
  /** An agent's line: the agent's first name, as the customer sees it (never the surname). */
  @Column({ type: 'varchar', length: 100, nullable: true, name: 'author_name' }) authorName!: string | null;
  @Column({ type: 'text' }) text!: string;
  @Column({ type: 'varchar', length: 32, nullable: true }) reference!: string | null;
  @Column({ type: Date, name: 'sent_at' }) sentAt!: Date;
}
