import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ChatConversationEntity, ChatLineEntity } from '@plaint/persistence';
import type { ChatLineView } from './chat-protocol';

interface WaitingLines {
  lines: ChatLineEntity[];
  stored(): void;
  failed(error: unknown): void;
}

/**
 * Lines one INSERT takes before it stops adding callers (six parameters each, far below what a
 * driver allows even with the delivery handler's largest call on top).
 */
const LINES_PER_INSERT = 500;

/** The chat channel's own memory: who started each conversation and every line shown in it. */
@Injectable()
export class ChatTranscript {
  private waiting: WaitingLines[] = [];
  private writing = false;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async startConversation(conversation: ChatConversationEntity): Promise<void> {
    await this.dataSource.getRepository(ChatConversationEntity).insert(conversation);
  }

  findConversation(id: string): Promise<ChatConversationEntity | null> {
    return this.dataSource.getRepository(ChatConversationEntity).findOneBy({ id });
  }

  /**
   * Records lines; a line already recorded (same id) is left as it is. Resolves once they are
   * stored. Lines recorded while an INSERT is under way wait for it and then go together in the
   * next one, so under load each chat message does not pay a database round trip of its own;
   * every caller learns the outcome of the INSERT that carried its lines.
   */
  record(lines: ChatLineEntity[]): Promise<void> {
    if (lines.length === 0) return Promise.resolve();
    return new Promise((stored, failed) => {
      this.waiting.push({ lines, stored, failed });
      if (!this.writing) void this.writeWaiting();
    });
  }

  async linesOf(conversationId: string): Promise<ChatLineView[]> {
    const rows = await this.dataSource
      .getRepository(ChatLineEntity)
      .find({ where: { conversationId }, order: { sentAt: 'ASC', id: 'ASC' }, take: 1000 });
    return rows.map(toView);
  }

  private async writeWaiting(): Promise<void> {
    this.writing = true;
    while (this.waiting.length > 0) {
      const batch = this.takeBatch();
      try {
        await this.dataSource
          .createQueryBuilder()
          .insert()
          .into(ChatLineEntity)
          .values(batch.flatMap((waiting) => waiting.lines))
          .orIgnore()
          .callListeners(false)
          .updateEntity(false)
          .execute();
        for (const waiting of batch) waiting.stored();
      } catch (error) {
        for (const waiting of batch) waiting.failed(error);
      }
    }
    this.writing = false;
  }

  /** The longest-waiting calls, whole, until they hold LINES_PER_INSERT lines. */
  private takeBatch(): WaitingLines[] {
    const batch: WaitingLines[] = [];
    for (let lines = 0; lines < LINES_PER_INSERT && this.waiting.length > 0; ) {
      const next = this.waiting.shift()!;
      batch.push(next);
      lines += next.lines.length;
    }
    return batch;
  }
}

export function toView(line: ChatLineEntity): ChatLineView {
  const view: ChatLineView = {
    id: line.id,
    from: line.author as ChatLineView['from'],
    text: line.text,
    sentAt: line.sentAt.toISOString(),
  };
  if (line.authorName) view.authorName = line.authorName;
  if (line.reference) view.reference = line.reference;
  return view;
}
