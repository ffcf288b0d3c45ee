import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, type EntityManager, In, IsNull } from 'typeorm';
import { Clock } from '@plaint/domain';
import { ComplaintEntity, CustomerEntity, CustomerIdentityEntity, CustomerMergeEntity } from '@plaint/persistence';
import type { SignedInAgent } from '../auth/current-agent.decorator';
import { ComplaintJournal } from '../lifecycle/complaint-journal';
import { AgentApiRefused } from './agent-api.errors';

/**
 * Links two customer records into one: the source's identities (e-mail, phone, platform ids)
 * and complaints move to the target. The merge row keeps exactly what moved, so an unmerge
 * gives back those identities and complaints and nothing else.
 */
@Injectable()
export class MergeCustomers {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly journal: ComplaintJournal,
    private readonly clock: Clock,
  ) {}

  async merge(sourceId: string, targetId: string, agent: SignedInAgent): Promise<CustomerMergeEntity> {
    if (sourceId === targetId) throw new AgentApiRefused('invalid', 'a customer cannot be merged into itself');
    return this.dataSource.transaction(async (manager) => {
      const found = await manager.find(CustomerEntity, { where: { id: In([sourceId, targetId]) } });
      if (found.length !== 2) throw new AgentApiRefused('not-found', 'No such customer');
      const identities = await manager.find(CustomerIdentityEntity, { select: { id: true }, where: { customerId: sourceId } });
      const complaints = await manager.find(ComplaintEntity, { where: { customerId: sourceId } });
      if (identities.length === 0 && complaints.length === 0) throw new AgentApiRefused('conflict', 'This customer record has nothing left to merge');
      const now = this.clock.now();
      if (identities.length > 0) await manager.update(CustomerIdentityEntity, { id: In(identities.map((i) => i.id)) }, { customerId: targetId });
      if (complaints.length > 0) await manager.update(ComplaintEntity, { id: In(complaints.map((c) => c.id)) }, { customerId: targetId });
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
      await manager.insert(CustomerMergeEntity, merge);
      await this.audit(manager, complaints, agent, `customer record ${sourceId} merged into ${targetId} (merge ${merge.id})`, now);
      return merge;
    });
  }

  async unmerge(mergeId: string, agent: SignedInAgent): Promise<CustomerMergeEntity> {
    return this.dataSource.transaction(async (manager) => {
      const merge = await manager.findOneBy(CustomerMergeEntity, { id: mergeId, unmergedAt: IsNull() });
      if (!merge) throw new AgentApiRefused('not-found', 'No such merge, or it was already undone');
      const now = this.clock.now();
      if (merge.identityIds.length > 0) {
        await manager.update(CustomerIdentityEntity, { id: In(merge.identityIds) }, { customerId: merge.sourceCustomerId });
      }
      const complaints = merge.complaintIds.length ? await manager.find(ComplaintEntity, { where: { id: In(merge.complaintIds) } }) : [];
      if (complaints.length > 0) await manager.update(ComplaintEntity, { id: In(merge.complaintIds) }, { customerId: merge.sourceCustomerId });
      merge.unmergedBy = agent.id;
      merge.unmergedAt = now;
      await manager.update(CustomerMergeEntity, { id: merge.id }, { unmergedBy: agent.id, unmergedAt: now });
      await this.audit(manager, complaints, agent, `customer merge ${merge.id} undone: back to customer record ${merge.sourceCustomerId}`, now);
      return merge;
    });
  }

  async view(customerId: string) {
    const manager = this.dataSource.manager;
    const customer = await manager.findOneBy(CustomerEntity, { id: customerId });
    if (!customer) throw new AgentApiRefused('not-found', 'No such customer');
    const [identities, complaints, merges] = await Promise.all([
      manager.find(CustomerIdentityEntity, { where: { customerId } }),
      manager.find(ComplaintEntity, { select: { id: true, reference: true, state: true, channel: true, receivedAt: true }, where: { customerId } }),
      manager.find(CustomerMergeEntity, { where: [{ sourceCustomerId: customerId }, { targetCustomerId: customerId }], order: { mergedAt: 'ASC' } }),
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

  private async audit(manager: EntityManager, complaints: ComplaintEntity[], agent: SignedInAgent, why: string, now: Date): Promise<void> {
    for (const complaint of complaints) {
      await this.journal.write(manager, complaint, [{ actor: { kind: 'agent', id: agent.id }, from: complaint.state, to: complaint.state, why }], now);
    }
  }
}
