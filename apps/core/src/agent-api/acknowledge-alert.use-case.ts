import { Injectable } from '@nestjs/common';
import { Clock } from '@plaint/domain';
import type { SignedInAgent } from '../auth/current-agent.decorator';
import { CoreStore } from '../store/core-store';
import { AgentApiRefused } from './agent-api.errors';
import { isSupervisor } from './complaint-access';

/** Marks an alert seen: an agent only their own warnings and the unassigned queue's; a supervisor any. */
@Injectable()
export class AcknowledgeAlert {
  constructor(
    private readonly store: CoreStore,
    private readonly clock: Clock,
  ) {}

  async execute(id: string, agent: SignedInAgent): Promise<void> {
    const alerts = this.store.reads().alerts;
    const alert = await alerts.findById(id);
    if (!alert) throw new AgentApiRefused('not-found', 'No such alert');
    if (!isSupervisor(agent) && (alert.audience !== 'assignee' || (alert.agentId !== null && alert.agentId !== agent.id))) {
      throw new AgentApiRefused('forbidden', 'This alert is not yours');
    }
    await alerts.acknowledge(id, this.clock.now());
  }
}
