import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ChatConversationEntity, ChatLineEntity } from '@plaint/persistence';
import type { ChatLineView } from './chat-protocol';

/** The chat channel's own memory: who started each conversation and every line shown in it. */
@Injectable()
export class ChatTranscript {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async startConversation(conversation: ChatConversationEntity): Promise<void> {
    await this.dataSource.getRepository(ChatConversationEntity).insert(conversation);
  }

  findConversation(id: string): Promise<ChatConversationEntity | null> {
    return this.dataSource.getRepository(ChatConversationEntity).findOneBy({ id });
  }

  /** Records lines; a line already recorded (same id) is left as it is. */
  async record(lines: ChatLineEntity[]): Promise<void> {
    if (lines.length === 0) return;
    await this.dataSource.createQueryBuilder().insert().into(ChatLineEntity).values(lines).orIgnore().execute();
  }

  async linesOf(conversationId: string): Promise<ChatLineView[]> {
    const rows = await this.dataSource
      .getRepository(ChatLineEntity)
      .find({ where: { conversationId }, order: { sentAt: 'ASC', id: 'ASC' }, take: 1000 });
    return rows.map(toView);
  }
}

export function toView(line: ChatLineEntity): ChatLineView {
  const view: ChatLineView = {
    id: line.id,
    from: line.author as ChatLineView['from'],
    text: line.text,
    sentAt: line.sentAt.toISOString(),
  };
  if (line.reference) view.reference = line.reference;
  return view;
}
