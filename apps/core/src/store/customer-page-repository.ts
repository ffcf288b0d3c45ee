import { type EntityManager, In, IsNull, LessThan, MoreThan, MoreThanOrEqual } from 'typeorm';
import { CUSTOMER_SIGN_IN_NOTICE } from '@plaint/contracts';
import type { SignInContact } from '@plaint/domain';
import {
  ComplaintEntity,
  CustomerSessionEntity,
  type CustomerSessionEnd,
  CustomerSignInLinkEntity,
  MessageEntity,
  NoticeEntity,
} from '@plaint/persistence';

/** The most complaints the page lists, newest first. */
const MOST_COMPLAINTS = 100;

/**
 * The customer's page (docs/my-complaints.md): sign-in links, sessions, and the complaints a
 * proven contact identifies.
 */
export class CustomerPageRepository {
  constructor(private readonly manager: EntityManager) {}

  async insertLink(link: CustomerSignInLinkEntity): Promise<void> {
    await this.manager.insert(CustomerSignInLinkEntity, link);
  }

  /** Links issued for the contact since `since`, used or not. */
  countLinksSince(contact: SignInContact, since: Date): Promise<number> {
    return this.manager.count(CustomerSignInLinkEntity, { where: { contactKind: contact.kind, contact: contact.value, createdAt: MoreThanOrEqual(since) } });
  }

  /**
   * Uses a link once: the link, or null when it is unknown, expired or used. The conditional
   * update lets only one of two concurrent uses win.
   */
  async useLink(tokenHash: string, now: Date): Promise<CustomerSignInLinkEntity | null> {
    const result = await this.manager.update(CustomerSignInLinkEntity, { tokenHash, usedAt: IsNull(), expiresAt: MoreThan(now) }, { usedAt: now });
    if (!result.affected) return null;
    return this.manager.findOneBy(CustomerSignInLinkEntity, { tokenHash });
  }

  async insertSession(session: CustomerSessionEntity): Promise<void> {
    await this.manager.insert(CustomerSessionEntity, session);
  }

  /** The session of a token while it lasts: not ended, not expired. */
  findLiveSession(tokenHash: string, now: Date): Promise<CustomerSessionEntity | null> {
    return this.manager.findOneBy(CustomerSessionEntity, { tokenHash, endedAt: IsNull(), expiresAt: MoreThan(now) });
  }

  async endSession(id: string, reason: CustomerSessionEnd, now: Date): Promise<void> {
    await this.manager.update(CustomerSessionEntity, { id, endedAt: IsNull() }, { endedAt: now, endReason: reason });
  }

  /**
   * Ends everything signed in with these contacts: their live sessions, and their links not used
   * yet (a link on its way opens nothing any more). Returns how many sessions ended.
   */
  async revokeContacts(contacts: readonly SignInContact[], reason: CustomerSessionEnd, now: Date): Promise<number> {
    let ended = 0;
    for (const contact of contacts) {
      const of = { contactKind: contact.kind, contact: contact.value };
      const result = await this.manager.update(CustomerSessionEntity, { ...of, endedAt: IsNull() }, { endedAt: now, endReason: reason });
      ended += result.affected ?? 0;
      await this.manager.update(CustomerSignInLinkEntity, { ...of, usedAt: IsNull() }, { usedAt: now });
    }
    return ended;
  }

  /**
   * Blanks the sign-in notices sent to these addresses: the recipient is personal data, and the
   * text of one still waiting would only be sent to open nothing.
   */
  async eraseSignInNoticesTo(recipients: readonly string[], notSentReason: string): Promise<void> {
    if (recipients.length === 0) return;
    const of = { eventType: CUSTOMER_SIGN_IN_NOTICE, recipient: In([...recipients]) };
    await this.manager.update(NoticeEntity, { ...of, status: 'pending' }, { status: 'failed', statusReason: notSentReason, nextAttemptAt: null });
    await this.manager.update(NoticeEntity, of, { text: '', recipient: null, alternatives: null });
  }

  /**
   * Forgets what is over: links and sessions that ended before `cutoff`, and the addresses of
   * sign-in notices written before it. Returns how many rows went or were blanked.
   */
  async forgetBefore(cutoff: Date): Promise<number> {
    const links = await this.manager.delete(CustomerSignInLinkEntity, { expiresAt: LessThan(cutoff) });
    const expired = await this.manager.delete(CustomerSessionEntity, { expiresAt: LessThan(cutoff) });
    const ended = await this.manager.delete(CustomerSessionEntity, { endedAt: LessThan(cutoff) });
    const notices = await this.manager
      .createQueryBuilder()
      .update(NoticeEntity)
      .set({ text: '', recipient: null, alternatives: null })
      .where('event_type = :type', { type: CUSTOMER_SIGN_IN_NOTICE })
      .andWhere('created_at < :cutoff', { cutoff })
      .andWhere('recipient IS NOT NULL')
      .andWhere("status <> 'pending'")
      .execute();
    return (links.affected ?? 0) + (expired.affected ?? 0) + (ended.affected ?? 0) + (notices.affected ?? 0);
  }

  /**
   * The complaints a proven contact identifies, newest first: every complaint of the customer
   * records that hold it as a verified identity, and every complaint whose written notices go to
   * it (an address notices go to by e-mail, a phone they go to by SMS: whoever holds it has read
   * them). A contact typed into a chat, whose notices go to the chat, identifies nothing.
   * Complaints whose personal data was erased are no one's any more.
   */
  findComplaintsOf(contact: SignInContact): Promise<ComplaintEntity[]> {
    const qb = this.manager
      .getRepository(ComplaintEntity)
      .createQueryBuilder('c')
      .where('c.personalDataErasedAt IS NULL')
      .orderBy('c.receivedAt', 'DESC')
      .addOrderBy('c.id', 'ASC')
      .take(MOST_COMPLAINTS);
    const verified = `c.customerId IN (SELECT i.customer_id FROM customer_identities i WHERE i.kind = :kind AND i.value = :value AND i.verified)`;
    const parameters = { kind: contact.kind, value: contact.value };
    switch (contact.kind) {
      case 'email':
        return qb.andWhere(`(${verified} OR (LOWER(c.email) = :value AND (c.channel <> 'chat' OR c.noticeChannel = 'email')))`, parameters).getMany();
      case 'phone':
        return qb.andWhere(`(${verified} OR (c.phone = :value AND c.channel <> 'chat'))`, parameters).getMany();
      case 'platform':
        return qb.andWhere(verified, parameters).getMany();
    }
  }

  /** What the customer wrote on their page to these complaints, oldest first. */
  findPageMessages(complaintIds: readonly string[]): Promise<Pick<MessageEntity, 'id' | 'complaintId' | 'text' | 'receivedAt'>[]> {
    if (complaintIds.length === 0) return Promise.resolve([]);
    return this.manager.find(MessageEntity, {
      select: { id: true, complaintId: true, text: true, receivedAt: true },
      where: { complaintId: In([...complaintIds]), channel: 'customer_page' },
      order: { receivedAt: 'ASC', id: 'ASC' },
    });
  }
}
