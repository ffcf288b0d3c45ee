import { Injectable } from '@nestjs/common';
import { conversationKey, type IntakeMessage, isOpenState, normalizeEmail, type ReferencedComplaint } from '@plaint/domain';
import type { StoreSession } from '../store/core-store';

/** What the intake rules need to know of stored complaints to place a batch's messages. */
export interface KnownComplaints {
  /** The open complaints of each conversation, newest first. */
  openComplaints: Map<string, string[]>;
  /** The e-mail addresses taking part in each open e-mail complaint. */
  participants: Map<string, Set<string>>;
  /** The complaints the messages name by reference. */
  complaintsByReference: Map<string, ReferencedComplaint>;
}

/**
 * Looks up, in a few batched queries, the stored complaints a batch's messages may belong to:
 * their conversations' open complaints and the ones they quote by reference.
 */
@Injectable()
export class FindKnownComplaints {
  async execute(store: StoreSession, messages: readonly IntakeMessage[]): Promise<KnownComplaints> {
    const { open, participants } = await this.openComplaintsOf(store, messages);
    return { openComplaints: open, participants, complaintsByReference: await this.referencedComplaints(store, messages) };
  }

  /**
   * The open complaints of each conversation, newest first, and who takes part in those of
   * e-mail threads. A conversation whose complaint was merged into another goes on in the
   * surviving complaint, while that one is open.
   */
  private async openComplaintsOf(
    store: StoreSession,
    messages: readonly IntakeMessage[],
  ): Promise<{ open: Map<string, string[]>; participants: Map<string, Set<string>> }> {
    const rows = await store.complaints.findOpenOrMergedIn(
      messages.map((m) => m.channel),
      messages.map((m) => m.conversation),
    );
    const mergedInto = rows.flatMap((row) => (row.state === 'merged' && row.mergedInto ? [row.mergedInto] : []));
    const survivors = new Map((await store.complaints.findOpenByReferences(mergedInto)).map((target) => [target.reference, target.id]));
    const open = new Map<string, string[]>();
    const ofEmail = new Set<string>();
    for (const row of rows) {
      const id = row.state === 'merged' ? survivors.get(row.mergedInto ?? '') : row.id;
      if (!id) continue;
      const key = conversationKey(row.channel, row.conversation);
      const ids = open.get(key) ?? [];
      if (!ids.includes(id)) ids.push(id);
      open.set(key, ids);
      if (row.channel === 'email') ofEmail.add(id);
    }
    return { open, participants: await this.participantsOf(store, [...ofEmail]) };
  }

  /**
   * The e-mail addresses taking part in each complaint: its customer's verified addresses and the
   * address its notices go to by e-mail (whoever answers from there has read them). A contact
   * typed into a chat, whose notices go to the chat, proves nothing.
   */
  private async participantsOf(store: StoreSession, complaintIds: string[]): Promise<Map<string, Set<string>>> {
    const found = new Map<string, Set<string>>();
    if (complaintIds.length === 0) return found;
    const complaints = await store.complaints.findByIds(complaintIds);
    const identities = await store.customers.findVerifiedEmailsOf(complaints.map((c) => c.customerId));
    for (const complaint of complaints) {
      const addresses = new Set(identities.filter((i) => i.customerId === complaint.customerId).map((i) => i.value));
      const noticesByEmail = complaint.channel !== 'chat' || complaint.noticeChannel === 'email';
      if (noticesByEmail && complaint.email) addresses.add(normalizeEmail(complaint.email));
      found.set(complaint.id, addresses);
    }
    return found;
  }

  /** The complaints that messages name by reference, with the addresses taking part in them. */
  private async referencedComplaints(store: StoreSession, messages: readonly IntakeMessage[]): Promise<Map<string, ReferencedComplaint>> {
    const references = messages.flatMap((m) => [...(m.threadReference ? [m.threadReference] : []), ...(m.mentionedReferences ?? [])]);
    const found = new Map<string, ReferencedComplaint>();
    const complaints = await store.complaints.findByReferences(references);
    const participants = await this.participantsOf(store, complaints.map((c) => c.id));
    for (const complaint of complaints) {
      found.set(complaint.reference, {
        id: complaint.id,
        open: isOpenState(complaint.state),
        participants: participants.get(complaint.id) ?? new Set(),
      });
    }
    return found;
  }
}
