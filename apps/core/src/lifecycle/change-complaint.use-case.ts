import { Inject, Injectable } from '@nestjs/common';
import { PLAINT_CONFIG, type PlaintConfig } from '@plaint/config';
import {
  type Actor,
  BusinessCalendar,
  type ComplaintLifecycle,
  decide,
  type LifecycleCommand,
  isOpenState,
  normalizeReference,
  type ProvidedDetails,
  type RequiredDetail,
} from '@plaint/domain';
import type { ComplaintEntity } from '@plaint/persistence';
import type { StoreSession } from '../store/core-store';
import { customerStepOf } from './complaint-step.event';
import { LifecycleRefused } from './lifecycle-refused';
import { ComplaintJournal, type JournalEntry } from './complaint-journal';
import { lifecycleOf, storeLifecycle } from './stored-lifecycle';

/**
 * Runs one lifecycle command on a complaint read in the caller's unit of work: the domain
 * decides, and the new state, the audit line and the notices' events are written there. The
 * caller's transaction retries on a concurrent change (CoreStore.transactionRetryingStale).
 */
@Injectable()
export class ChangeComplaint {
  constructor(
    @Inject(PLAINT_CONFIG) private readonly config: PlaintConfig,
    private readonly calendar: BusinessCalendar,
    private readonly journal: ComplaintJournal,
  ) {}

  /**
   * Decides and stores within the caller's transaction; `row` is updated in place. Throws
   * LifecycleRefused when the domain refuses, so the caller's transaction rolls back.
   */
  async apply(
    store: StoreSession,
    row: ComplaintEntity,
    command: LifecycleCommand,
    actor: Actor,
    now: Date,
    correlationId?: string,
  ): Promise<ComplaintLifecycle> {
    // Agents type references as customers do (any case, without dashes): store the canonical one.
    const decided = command.type === 'merge' ? { ...command, into: normalizeReference(command.into) ?? command.into.trim() } : command;
    if (decided.type === 'merge') await this.checkMergeTarget(store, decided.into, row.customerId);
    const linkedAutomatically = command.type === 'unmerge' && row.lifecycle?.merge?.automatic === true;
    const decision = decide(lifecycleOf(row), decided, actor, now, this.calendar, this.config.policy);
    if (!decision.ok) throw new LifecycleRefused(decision.error, this.calendar);
    const { state: next, events, history } = decision;
    storeLifecycle(row, next);
    if (command.type === 'accept') row.acceptedAt = now;
    if (command.type === 'resolve') {
      row.resolvedAt = now;
      row.rootCause = next.outcome?.rootCause ?? null;
    }
    if (command.type === 'customerAnswered') fillProvidedDetails(row, next);
    await store.complaints.save(row, now);

    // The decision's audit line, then one line per further customer-facing step it caused (an
    // acceptance that at once asks for missing details tells the customer both).
    const steps = events.map(customerStepOf);
    const [firstStep, ...moreSteps] = steps;
    const entries: JournalEntry[] = [{ actor, from: history.from, to: history.to, why: history.why, step: firstStep }];
    for (const step of moreSteps) {
      if (step) entries.push({ actor, from: history.to, to: history.to, why: `told the customer: ${step.type}`, step });
    }
    if (linkedAutomatically) {
      // An automatic link kept the acknowledgement back; now that the complaint is its own again,
      // the customer gets it, with the reference and the dates.
      entries.push({
        actor,
        from: history.to,
        to: history.to,
        why: 'separate complaint again: acknowledged to the customer',
        step: { type: 'complaint.received', deadlines: { acceptBy: row.acceptBy.toISOString(), resolveBy: row.resolveBy.toISOString() } },
      });
    }
    await this.journal.write(store, row, entries, now, correlationId);
    return next;
  }

  /**
   * Before acceptance there is nothing to resume: the customer's answer to the acknowledgement's
   * request only completes the record, and acceptance then finds nothing missing.
   */
  async completeDetails(store: StoreSession, row: ComplaintEntity, details: ProvidedDetails, now: Date, correlationId?: string): Promise<void> {
    const lifecycle = lifecycleOf(row);
    const given = (Object.keys(details) as RequiredDetail[]).filter((key) => details[key]?.trim());
    if (given.length === 0) return;
    const next: ComplaintLifecycle = {
      ...lifecycle,
      missingDetails: lifecycle.missingDetails.filter((detail) => !given.includes(detail)),
      providedDetails: { ...lifecycle.providedDetails, ...details },
    };
    storeLifecycle(row, next);
    fillProvidedDetails(row, next);
    await store.complaints.save(row, now);
    const still = next.missingDetails.length ? `; still missing: ${next.missingDetails.join(', ')}` : '';
    await this.journal.write(
      store,
      row,
      [{ actor: { kind: 'customer', id: row.customerId }, from: row.state, to: row.state, why: `customer gave ${given.join(', ')}${still}` }],
      now,
      correlationId,
    );
  }

  private async checkMergeTarget(store: StoreSession, reference: string, customerId: string): Promise<void> {
    const target = await store.complaints.findByReference(reference);
    if (!target) throw new LifecycleRefused({ code: 'merge-target-unknown', reference }, this.calendar);
    if (target.state === 'merged') throw new LifecycleRefused({ code: 'merge-target-merged', reference }, this.calendar);
    // The customer is told "we continue there": a finished complaint would leave theirs unhandled.
    if (!isOpenState(target.state)) {
      throw new LifecycleRefused({ code: 'merge-target-finished', reference }, this.calendar);
    }
    // The customer is told the surviving reference and goes on there, so it must be their own
    // complaint; two records of one person are linked first with a customer merge.
    if (target.customerId !== customerId) throw new LifecycleRefused({ code: 'merge-target-other-customer', reference }, this.calendar);
  }
}

/** An answer completes the complaint's record: the name, the contact, the essence it lacked. */
function fillProvidedDetails(row: ComplaintEntity, lifecycle: ComplaintLifecycle): void {
  const given = lifecycle.providedDetails;
  if (given.fullName && !row.fullName) row.fullName = given.fullName.slice(0, 300);
  if (given.contact) {
    if (given.contact.includes('@')) row.email ??= given.contact.slice(0, 320);
    else row.phone ??= given.contact.slice(0, 32);
  }
  if (given.essence && !row.essence.trim()) row.essence = given.essence;
}
