import { Injectable } from '@nestjs/common';
import type { SignedInAgent } from '../auth/current-agent.decorator';
import { CoreStore } from '../store/core-store';
import { isSupervisor } from './complaint-access';

/** Deadline warnings an agent should see (theirs and the unassigned queue's); supervisors see every alert, escalations too. */
@Injectable()
export class ListAlerts {
  constructor(private readonly store: CoreStore) {}

  async execute(agent: SignedInAgent) {
    const alerts = await this.store.reads().alerts.findOpen(isSupervisor(agent) ? undefined : agent.id);
    return alerts.map((a) => ({
      id: a.id,
      complaintId: a.complaintId,
      deadline: a.deadline,
      dueAt: a.dueAt.toISOString(),
      kind: a.kind,
      audience: a.audience,
      agentId: a.agentId,
      createdAt: a.createdAt.toISOString(),
    }));
  }
}
