import { Injectable } from '@nestjs/common';
import type { SignedInAgent } from '../auth/current-agent.decorator';
import { CoreStore } from '../store/core-store';
import type { CallbackTaskView } from './agent-api.responses';
import { isSupervisor } from './complaint-access';

/**
 * Call-me requests as tasks: every open complaint whose customer asked to be called and was not
 * reached yet, oldest first, with the number, the attempts so far and when the call is due (the
 * acceptance deadline, which the form promised the customer: libs/domain callback-promise.ts).
 */
@Injectable()
export class ListCallbackTasks {
  constructor(private readonly store: CoreStore) {}

  async execute(agent: SignedInAgent): Promise<CallbackTaskView[]> {
    const complaints = this.store.reads().complaints;
    const awaiting = await complaints.findAwaitingCallback(isSupervisor(agent) ? undefined : agent.id, 500);
    const attempts = await complaints.findCallbackAttempts(awaiting.map((c) => c.id));
    return awaiting.map((c) => {
      const own = attempts.filter((a) => a.complaintId === c.id);
      const last = own[own.length - 1];
      return {
        complaintId: c.id,
        reference: c.reference,
        name: c.fullName,
        phone: c.phone,
        language: c.language,
        essence: c.essence,
        requestedAt: c.receivedAt.toISOString(),
        callBy: c.acceptBy.toISOString(),
        assigneeId: c.assigneeId,
        attempts: own.length,
        lastAttempt: last ? { at: last.at.toISOString(), result: last.result, agreed: last.agreed } : null,
      };
    });
  }
}
