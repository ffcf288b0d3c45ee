import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Clock } from '@plaint/domain';
import { type ComplaintEntity, CustomerMergeEntity } from '@plaint/persistence';
import type { SignedInAgent } from '../auth/current-agent.decorator';
import { ComplaintJournal } from '../lifecycle/complaint-journal';
import { CoreStore, type StoreSession } from '../store/core-store';
import { AgentApiRefused } from './agent-api.errors';

/**
 * Links two customer records into one: the source's identities (e-mail, phone, platform ids)
 * and complaints move to the target. The merge row keeps exactly what moved, so an unmerge
 * gives back those identities and complaints and nothing else.
 */
@Injectable()
export class MergeCustomers {
  constructor(
    private readonly store: CoreStore,
    private readonly journal: ComplaintJournal,
    private readonly clock: Clock,
  ) {}

  async merge(sourceId: string, targetId: string, agent: SignedInAgent): Promise<CustomerMergeEntity> {
    if (sourceId === targetId) throw new AgentApiRefused('invalid', 'a customer cannot be merged into itself');
    return this.store.transaction(async (store) => {
      const found = await store.customers.findByIds([sourceId, targetId]);
      if (found.length !== 2) throw new AgentApiRefused('not-found', 'No such customer');
      const identities = await store.customers.findIdentitiesOf(sourceId);
      const complaints = await store.complaints.findOfCustomer(sourceId);
      if (identities.length === 0 && complaints.length === 0) throw new AgentApiRefused('conflict', 'This customer record has nothing left to merge');
      const now = this.clock.now();
      await store.customers.moveIdentities(identities.map((i) => i.id), targetId);
      await store.complaints.moveToCustomer(complaints.map((c) => c.id), targetId);
      const merge = Object.assign(new CustomerMergeEntity(), {
        id: randomUUID(),
        sourceCustomerId: sourceId,
        targetCustomerId: targetId,
        identityIds: identities.map((i) => i.id),
        complaintIds: complaints.map((c) => c.id),
        mergedBy: agent.id,
        mergedAt: now,
        unmergedBy: null,
        unmergedAt: null,
      });
      await store.customers.recordMerge(merge);
      await this.audit(store, complaints, agent, `customer record ${sourceId} merged into ${targetId} (merge ${merge.id})`, now);
      return merge;
    });
  }

  async unmerge(mergeId: string, agent: SignedInAgent): Promise<CustomerMergeEntity> {
    return this.store.transaction(async (store) => {
      const merge = await store.customers.findActiveMerge(mergeId);
      if (!merge) throw new AgentApiRefused('not-found', 'No such merge, or it was already undone');
      const now = this.clock.now();
      await store.customers.moveIdentities(merge.identityIds, merge.sourceCustomerId);
      const complaints = await store.complaints.findByIds(merge.complaintIds);
      if (complaints.length > 0) await store.complaints.moveToCustomer(merge.complaintIds, merge.sourceCustomerId);
      merge.unmergedBy = agent.id;
      merge.unmergedAt = now;
      await store.customers.markUnmerged(merge);
      await this.audit(store, complaints, agent, `customer merge ${merge.id} undone: back to customer record ${merge.sourceCustomerId}`, now);
      return merge;
    });
  }

  async view(customerId: string) {
    const store = this.store.reads();
    const [customer] = await store.customers.findByIds([customerId]);
    if (!customer) throw new AgentApiRefused('not-found', 'No such customer');
    const [identities, complaints, merges] = await Promise.all([
      store.customers.findIdentitiesOf(customerId),
      store.complaints.findOfCustomer(customerId),
      store.customers.findMergesOf(customerId),
    ]);
    return {
      id: customer.id,
      fullName: customer.fullName,
      identities: identities.map((i) => ({ kind: i.kind, value: i.value, verified: i.verified })),
      complaints: complaints.map((c) => ({ id: c.id, reference: c.reference, state: c.state, channel: c.channel, receivedAt: c.receivedAt.toISOString() })),
      merges: merges.map((m) => ({
        id: m.id,
        source: m.sourceCustomerId,
        target: m.targetCustomerId,
        mergedBy: m.mergedBy,
        mergedAt: m.mergedAt.toISOString(),
        unmergedAt: m.unmergedAt?.toISOString() ?? null,
      })),
    };
  }

  private async audit(store: StoreSession, complaints: ComplaintEntity[], agent: SignedInAgent, why: string, now: Date): Promise<void> {
    for (const complaint of complaints) {
      await this.journal.write(store, complaint, [{ actor: { kind: 'agent', id: agent.id }, from: complaint.state, to: complaint.state, why }], now);
    }
  }
}
