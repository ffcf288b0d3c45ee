import { Injectable } from '@nestjs/common';
import { Clock, isFinalState } from '@plaint/domain';
import { AgentApiRefused } from '../agent-api/agent-api.errors';
import { noticeView } from '../agent-api/notice-view';
import { AuditTrail } from '../audit/audit-trail';
import type { SignedInAgent } from '../auth/current-agent.decorator';
import { CoreStore } from '../store/core-store';
import { signInContactsOf } from '../customer-page/sign-in-contacts';
import { NOT_SENT_AFTER_ERASURE, PersonalDataEraser } from './erase-personal-data';

const iso = (date: Date | null) => date?.toISOString() ?? null;

/** The attachments a stored message names (raw is the message as it came off the bus). */
function attachmentsOf(raw: string): { filename: string; contentType: string; size: number }[] {
  try {
    const parsed = JSON.parse(raw) as { attachments?: { filename: string; contentType: string; size: number }[] };
    return (parsed.attachments ?? []).map(({ filename, contentType, size }) => ({ filename, contentType, size }));
  } catch {
    return [];
  }
}

/**
 * A customer's request about their data: everything held about them as one JSON document, or
 * its erasure. Both are admin work and both go into the audit trail.
 */
@Injectable()
export class CustomerData {
  constructor(
    private readonly store: CoreStore,
    private readonly eraser: PersonalDataEraser,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
  ) {}

  async export(customerId: string, agent: SignedInAgent) {
    const records = await this.store.reads().personalData.recordsOf(customerId);
    if (!records) throw new AgentApiRefused('not-found', 'No such customer');
    const { customer, identities, complaints, messages, history, notices, callbackAttempts: attempts, chats, chatLines: lines, merges } = records;
    const of = <T extends { complaintId: string | null }>(rows: T[], id: string) => rows.filter((row) => row.complaintId === id);

    const document = {
      exportedAt: this.clock.now().toISOString(),
      customer: { id: customer.id, fullName: customer.fullName, createdAt: iso(customer.createdAt) },
      identities: identities.map((i) => ({ kind: i.kind, value: i.value, createdAt: iso(i.createdAt) })),
      complaints: complaints.map((c) => ({
        id: c.id,
        reference: c.reference,
        state: c.state,
        channel: c.channel,
        language: c.language,
        fullName: c.fullName,
        email: c.email,
        phone: c.phone,
        employeeName: c.employeeName,
        essence: c.essence,
        callbackRequested: c.callbackRequested,
        receivedAt: iso(c.receivedAt),
        acceptedAt: iso(c.acceptedAt),
        reviewedAt: iso(c.reviewedAt),
        resolvedAt: iso(c.resolvedAt),
        deadlines: { acceptBy: iso(c.acceptBy), reviewBy: iso(c.reviewBy), resolveBy: iso(c.resolveBy) },
        reviewResult: c.lifecycle?.reviewResult ?? null,
        outcome: c.lifecycle?.outcome ?? null,
        extension: c.lifecycle?.extension ?? null,
        rejectionReason: c.lifecycle?.rejectionReason ?? null,
        providedDetails: c.lifecycle?.providedDetails ?? {},
        staffIntake: c.staffIntake,
        mergedInto: c.mergedInto,
        personalDataErasedAt: iso(c.personalDataErasedAt),
        messages: of(messages, c.id).map((m) => ({
          id: m.id,
          channel: m.channel,
          text: m.text,
          receivedAt: iso(m.receivedAt),
          attachments: attachmentsOf(m.raw),
        })),
        history: of(history, c.id).map((h) => ({ at: iso(h.at), actorKind: h.actorKind, from: h.fromState, to: h.toState, why: h.why, step: h.step, details: h.details })),
        notices: of(notices, c.id).map(noticeView),
        callbackAttempts: of(attempts, c.id).map((a) => ({ at: iso(a.at), result: a.result, agreed: a.agreed })),
      })),
      chats: chats.map((chat) => ({
        id: chat.id,
        fullName: chat.fullName,
        email: chat.email,
        phone: chat.phone,
        startedAt: iso(chat.createdAt),
        transcript: lines.filter((line) => line.conversationId === chat.id).map((line) => ({ from: line.author, text: line.text, reference: line.reference, sentAt: iso(line.sentAt) })),
      })),
      customerMerges: merges.map((m) => ({ id: m.id, from: m.sourceCustomerId, into: m.targetCustomerId, mergedAt: iso(m.mergedAt), unmergedAt: iso(m.unmergedAt) })),
    };
    await this.audit.record({
      actorId: agent.id,
      action: 'customer.exported',
      subject: { kind: 'customer', id: customerId },
      details: { complaints: complaints.length, identities: identities.length },
    });
    return document;
  }

  /**
   * Erases everything personal held about a customer. Refused while one of their complaints is
   * still being handled (not closed, rejected, withdrawn or merged): the policy owes that
   * customer written answers, which need the contact. Staff finish or withdraw it first.
   */
  async erase(customerId: string, agent: SignedInAgent): Promise<{ customerId: string; complaintsErased: number; filesDeleted: number }> {
    const erasure = await this.store.transaction(async (session) => {
      const [customer] = await session.customers.findByIds([customerId]);
      if (!customer) throw new AgentApiRefused('not-found', 'No such customer');
      const complaints = await session.personalData.lockComplaintsOfCustomer(customerId);
      const open = complaints.filter((c) => !isFinalState(c.state));
      if (open.length > 0) {
        throw new AgentApiRefused(
          'conflict',
          `complaints still being handled: ${open.map((c) => c.reference).join(', ')}; close or reject them first`,
        );
      }
      const now = this.clock.now();
      const signIns = signInContactsOf(await session.customers.findIdentitiesOf(customerId), complaints);
      const done = await this.eraser.eraseComplaints(session, complaints.map((c) => c.id), now);
      // Also a customer whose complaints were erased earlier still has a name and identities.
      await this.eraser.eraseCustomersWithoutData(session, [customerId]);
      // Whoever is signed in to the page with one of their contacts is signed out, and a link on
      // its way opens nothing.
      await session.customerPage.revokeContacts(signIns, 'erased', now);
      await session.customerPage.eraseSignInNoticesTo(
        signIns.map((contact) => contact.value),
        NOT_SENT_AFTER_ERASURE,
      );
      await this.audit.record(
        { actorId: agent.id, action: 'customer.erased', subject: { kind: 'customer', id: customerId }, details: { complaints: done.complaints } },
        session,
      );
      return done;
    });
    const filesDeleted = await this.eraser.deleteUnreferencedBlobs(erasure.blobUris);
    return { customerId, complaintsErased: erasure.complaints, filesDeleted };
  }
}
