import { type EntityManager, In, IsNull, LessThan, Not } from 'typeorm';
import { FINAL_STATES } from '@plaint/domain';
import {
  CallbackAttemptEntity,
  ChatConversationEntity,
  ChatLineEntity,
  ComplaintEntity,
  ComplaintHistoryEntity,
  CustomerEntity,
  CustomerIdentityEntity,
  CustomerMergeEntity,
  MessageEntity,
  NoticeEntity,
  OutboxEntity,
  QuarantinedEmailEntity,
} from '@plaint/persistence';

/** Everything held about one customer, as stored, each list in the order it happened. */
export interface CustomerRecords {
  customer: CustomerEntity;
  identities: CustomerIdentityEntity[];
  complaints: ComplaintEntity[];
  messages: MessageEntity[];
  history: ComplaintHistoryEntity[];
  notices: NoticeEntity[];
  callbackAttempts: CallbackAttemptEntity[];
  chats: ChatConversationEntity[];
  chatLines: ChatLineEntity[];
  merges: CustomerMergeEntity[];
}

/** The columns of a complaint that hold personal data, as erasure leaves them. */
export type ErasedComplaint = Pick<
  ComplaintEntity,
  'fullName' | 'email' | 'phone' | 'replyTo' | 'employeeName' | 'essence' | 'emailThread' | 'lifecycle' | 'staffIntake' | 'personalDataErasedAt'
>;

/**
 * Personal data across the tables that hold it: a customer's export, and the erasure that a
 * customer's request or retention runs (privacy/*).
 */
export class PersonalData {
  constructor(private readonly manager: EntityManager) {}

  private get postgres(): boolean {
    return this.manager.connection.options.type === 'postgres';
  }

  /** Everything held about the customer; null when there is no such customer. */
  async recordsOf(customerId: string): Promise<CustomerRecords | null> {
    const manager = this.manager;
    const customer = await manager.findOneBy(CustomerEntity, { id: customerId });
    if (!customer) return null;
    const identities = await manager.find(CustomerIdentityEntity, { where: { customerId }, order: { createdAt: 'ASC' } });
    const complaints = await manager.find(ComplaintEntity, { where: { customerId }, order: { receivedAt: 'ASC' } });
    const ids = complaints.map((c) => c.id);
    const [messages, history, notices, callbackAttempts] = ids.length
      ? await Promise.all([
          manager.find(MessageEntity, { where: { complaintId: In(ids) }, order: { receivedAt: 'ASC' } }),
          manager.find(ComplaintHistoryEntity, { where: { complaintId: In(ids) }, order: { at: 'ASC', id: 'ASC' } }),
          manager.find(NoticeEntity, { where: { complaintId: In(ids) }, order: { createdAt: 'ASC' } }),
          manager.find(CallbackAttemptEntity, { where: { complaintId: In(ids) }, order: { at: 'ASC' } }),
        ])
      : [[], [], [], []];
    const chatIds = [...new Set(complaints.filter((c) => c.channel === 'chat').map((c) => c.conversation))];
    const [chats, chatLines] = chatIds.length
      ? await Promise.all([
          manager.find(ChatConversationEntity, { where: { id: In(chatIds) } }),
          manager.find(ChatLineEntity, { where: { conversationId: In(chatIds) }, order: { sentAt: 'ASC' } }),
        ])
      : [[], []];
    const merges = await manager.find(CustomerMergeEntity, { where: [{ sourceCustomerId: customerId }, { targetCustomerId: customerId }] });
    return { customer, identities, complaints, messages, history, notices, callbackAttempts, chats, chatLines, merges };
  }

  /** The customer's complaints, locked for this transaction on Postgres. */
  lockComplaintsOfCustomer(customerId: string): Promise<ComplaintEntity[]> {
    const qb = this.manager.getRepository(ComplaintEntity).createQueryBuilder('c').where('c.customerId = :customerId', { customerId });
    if (this.postgres) qb.setLock('pessimistic_write');
    return qb.getMany();
  }

  /**
   * Up to `take` complaints in a final state whose last change (their closure) is older than
   * `cutoff` and that are not erased yet, oldest first, locked for this transaction. Postgres
   * skips rows another instance holds; SQLite has one writer at a time anyway.
   */
  async lockDueForErasure(cutoff: Date, take: number): Promise<string[]> {
    const qb = this.manager
      .getRepository(ComplaintEntity)
      .createQueryBuilder('c')
      .select('c.id', 'id')
      .where('c.state IN (:...final)', { final: FINAL_STATES })
      .andWhere('c.personalDataErasedAt IS NULL')
      .andWhere('c.updatedAt < :cutoff', { cutoff })
      .orderBy('c.updatedAt', 'ASC')
      .limit(take);
    if (this.postgres) qb.setLock('pessimistic_write').setOnLocked('skip_locked');
    return (await qb.getRawMany<{ id: string }>()).map((row) => row.id);
  }

  /** Of these complaints, the ones not erased yet. */
  findUnerased(complaintIds: readonly string[]): Promise<ComplaintEntity[]> {
    if (complaintIds.length === 0) return Promise.resolve([]);
    return this.manager.find(ComplaintEntity, { where: { id: In([...complaintIds]), personalDataErasedAt: IsNull() } });
  }

  /** Blanks the complaints' messages; returns the raw messages they held (they name stored files). */
  async eraseMessagesOf(complaintIds: readonly string[]): Promise<string[]> {
    const messages = await this.manager.find(MessageEntity, { select: { id: true, raw: true }, where: { complaintId: In([...complaintIds]) } });
    await this.blankMessages(messages.map((message) => message.id));
    return messages.map((message) => message.raw);
  }

  /**
   * Blanks the complaints' notices. One still waiting is not sent any more and says
   * `notSentReason`; a failed one's reason may quote the address and goes.
   */
  async eraseNoticesOf(complaintIds: readonly string[], notSentReason: string): Promise<void> {
    const complaintId = In([...complaintIds]);
    await this.manager.update(NoticeEntity, { complaintId, status: 'pending' }, { status: 'failed', statusReason: notSentReason, nextAttemptAt: null });
    await this.manager.update(NoticeEntity, { complaintId }, { text: '', recipient: null, alternatives: null, emailThread: null });
    await this.manager.update(NoticeEntity, { complaintId, statusReason: Not(notSentReason) }, { statusReason: null });
  }

  /** What the customer agreed to on a call-back. */
  async eraseCallbackNotesOf(complaintIds: readonly string[]): Promise<void> {
    await this.manager.update(CallbackAttemptEntity, { complaintId: In([...complaintIds]) }, { agreed: null });
  }

  historyOf(complaintIds: readonly string[]): Promise<ComplaintHistoryEntity[]> {
    return this.manager.find(ComplaintHistoryEntity, { where: { complaintId: In([...complaintIds]) } });
  }

  async rewriteHistoryLine(line: Pick<ComplaintHistoryEntity, 'id' | 'why' | 'details'>): Promise<void> {
    await this.manager.update(ComplaintHistoryEntity, { id: line.id }, { why: line.why, details: line.details });
  }

  async markComplaintErased(id: string, erased: ErasedComplaint): Promise<void> {
    await this.manager.update(ComplaintEntity, { id }, erased);
  }

  /** Events of the complaint, published or not: they carry names, contacts and texts. */
  async deleteEventsOf(complaint: Pick<ComplaintEntity, 'id' | 'reference'>): Promise<void> {
    await this.manager
      .createQueryBuilder()
      .delete()
      .from(OutboxEntity)
      .where('(payload LIKE :reference OR payload LIKE :id)', { reference: `%${complaint.reference}%`, id: `%${complaint.id}%` })
      .execute();
  }

  /** Whether a complaint of the chat conversation still keeps personal data. */
  async chatKeepsData(conversation: string): Promise<boolean> {
    return (await this.manager.count(ComplaintEntity, { where: { channel: 'chat', conversation, personalDataErasedAt: IsNull() } })) > 0;
  }

  /** Whether a complaint of the customer still keeps personal data. */
  async customerKeepsData(customerId: string): Promise<boolean> {
    return (await this.manager.count(ComplaintEntity, { where: { customerId, personalDataErasedAt: IsNull() } })) > 0;
  }

  /** The customer record loses its name and identities. */
  async eraseCustomer(customerId: string): Promise<void> {
    await this.manager.update(CustomerEntity, { id: customerId }, { fullName: null });
    await this.manager.delete(CustomerIdentityEntity, { customerId });
  }

  /** The conversation's starting details and every line of its transcript. */
  async eraseChatConversation(conversationId: string): Promise<void> {
    await this.manager.update(ChatConversationEntity, { id: conversationId }, { fullName: '', email: null, phone: null });
    await this.manager.update(ChatLineEntity, { conversationId, text: Not('') }, { text: '' });
  }

  /** Whether a message, a complaint (a scan) or a quarantined mail still names the stored file. */
  async isFileReferenced(uri: string): Promise<boolean> {
    const pattern = `%${uri}%`;
    const found = await Promise.all([
      this.manager.getRepository(MessageEntity).createQueryBuilder('m').where('m.raw LIKE :pattern', { pattern }).getExists(),
      this.manager.getRepository(ComplaintEntity).createQueryBuilder('c').where('c.staffIntake LIKE :pattern', { pattern }).getExists(),
      this.manager.getRepository(QuarantinedEmailEntity).existsBy({ rawUri: uri }),
    ]);
    return found.some(Boolean);
  }

  /** Messages of no complaint (status requests, automatic mail) received before `cutoff`, not blanked yet. */
  findLooseMessages(cutoff: Date, take: number): Promise<Pick<MessageEntity, 'id' | 'raw'>[]> {
    return this.manager.find(MessageEntity, { select: { id: true, raw: true }, where: { complaintId: IsNull(), receivedAt: LessThan(cutoff), raw: Not('{}') }, take });
  }

  /** Blanks the text and the raw message of these messages. */
  async blankMessages(ids: readonly string[]): Promise<void> {
    for (let i = 0; i < ids.length; i += 500) {
      await this.manager.update(MessageEntity, { id: In(ids.slice(i, i + 500)) }, { text: '', raw: '{}' });
    }
  }

  /**
   * Blanks notices of no complaint written before `cutoff`, and notices written from an event
   * that was on its way while its complaint was erased; returns how many.
   */
  async eraseLooseNotices(cutoff: Date): Promise<number> {
    const loose = await this.manager.update(
      NoticeEntity,
      { complaintId: IsNull(), createdAt: LessThan(cutoff), text: Not('') },
      { text: '', recipient: null, alternatives: null, statusReason: null, emailThread: null },
    );
    const late = await this.manager
      .createQueryBuilder()
      .update(NoticeEntity)
      .set({ text: '', recipient: null, alternatives: null, emailThread: null })
      .where("text <> ''")
      .andWhere('complaint_id IN (SELECT id FROM complaints WHERE personal_data_erased_at IS NOT NULL)')
      .execute();
    return (loose.affected ?? 0) + (late.affected ?? 0);
  }

  /** Deletes up to `take` mails quarantined before `cutoff`; returns the stored files they named. */
  async deleteQuarantinedBefore(cutoff: Date, take: number): Promise<string[]> {
    const quarantined = await this.manager.find(QuarantinedEmailEntity, { where: { createdAt: LessThan(cutoff) }, take });
    if (quarantined.length > 0) await this.manager.delete(QuarantinedEmailEntity, { id: In(quarantined.map((q) => q.id)) });
    return quarantined.map((q) => q.rawUri);
  }

  /** Chats started before `cutoff` that never became a complaint and still hold personal data. */
  async findChatsWithoutComplaint(cutoff: Date): Promise<string[]> {
    const rows = await this.manager
      .getRepository(ChatConversationEntity)
      .createQueryBuilder('chat')
      .select('chat.id', 'id')
      .where('chat.createdAt < :cutoff', { cutoff })
      .andWhere("chat.fullName <> ''")
      .andWhere("NOT EXISTS (SELECT 1 FROM complaints c WHERE c.channel = 'chat' AND c.conversation = chat.id)")
      .getRawMany<{ id: string }>();
    return rows.map((row) => row.id);
  }
}
