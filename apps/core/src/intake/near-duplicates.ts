import { Inject, Injectable } from '@nestjs/common';
import { PLAINT_CONFIG, type PlaintConfig } from '@plaint/config';
import { findNearDuplicate, type SimilarityCandidate } from '@plaint/domain';
import type { ComplaintEntity } from '@plaint/persistence';
import type { StoreSession } from '../store/core-store';

export interface NearDuplicateLink {
  reference: string;
  similarity: number;
}

/**
 * Dedup level 3: a new complaint whose text is near-identical to an open complaint of the same
 * customer (known by a verified identity) from the last days is linked to that one: one stored
 * before, or one opened earlier in this same batch (a message sent twice in quick succession
 * often arrives in one batch). Customers first seen in this batch have nothing stored to look up.
 */
@Injectable()
export class NearDuplicates {
  constructor(@Inject(PLAINT_CONFIG) private readonly config: PlaintConfig) {}

  async find(store: StoreSession, rows: readonly ComplaintEntity[], newCustomers: ReadonlySet<string>): Promise<Map<ComplaintEntity, NearDuplicateLink>> {
    const linked = new Map<ComplaintEntity, NearDuplicateLink>();
    const { nearDuplicateThreshold: threshold, nearDuplicateWindowDays: windowDays } = this.config.policy;
    if (threshold >= 1) return linked;
    const eligible = rows.filter((row) => row.essence.trim() && !row.loggedBy);
    if (eligible.length === 0) return linked;
    const windowMs = windowDays * 86_400_000;
    const known = eligible.filter((row) => !newCustomers.has(row.customerId));
    const oldest = Math.min(...eligible.map((row) => row.receivedAt.getTime())) - windowMs;
    const candidates = await store.complaints.findOpenOfCustomersSince(
      known.map((row) => row.customerId),
      new Date(oldest),
    );
    const byCustomer = new Map<string, SimilarityCandidate[]>();
    const add = (customerId: string, candidate: SimilarityCandidate) => {
      const theirs = byCustomer.get(customerId) ?? [];
      theirs.push(candidate);
      byCustomer.set(customerId, theirs);
    };
    for (const c of candidates) add(c.customerId, { id: c.reference, text: c.essence, receivedAt: c.receivedAt });
    for (const row of eligible) {
      const theirs = byCustomer.get(row.customerId) ?? [];
      const match = findNearDuplicate(row.essence, theirs, { threshold, since: new Date(row.receivedAt.getTime() - windowMs) });
      if (match) linked.set(row, { reference: match.id, similarity: match.similarity });
      // A complaint this batch opens is a candidate for the batch's later messages.
      else add(row.customerId, { id: row.reference, text: row.essence, receivedAt: row.receivedAt });
    }
    return linked;
  }
}
