import { Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import type { Actor } from '@plaint/domain';
import { type ComplaintEntity, ComplaintHistoryEntity } from '@plaint/persistence';
import type { StoreSession } from '../store/core-store';
import { complaintEvent, type CustomerStep, stepDetails } from './complaint-step.event';

export interface JournalEntry {
  actor: Actor;
  from: string;
  to: string;
  /** Internal wording for agents and auditors; never shown to the customer. */
  why: string;
  /** The step the customer is told of in writing, if this line is one. */
  step?: CustomerStep;
}

/**
 * Writes what happened to a complaint, in the caller's transaction: an append-only history
 * line, and for a customer-facing step the event the notifier turns into a written notice.
 */
@Injectable()
export class ComplaintJournal {
  async write(
    store: StoreSession,
    complaint: ComplaintEntity,
    entries: readonly JournalEntry[],
    now: Date,
    correlationId?: string,
  ): Promise<void> {
    if (entries.length === 0) return;
    // Time-ordered ids (UUIDv7) keep lines of the same instant in the order they were written.
    const history = entries.map((entry) =>
      Object.assign(new ComplaintHistoryEntity(), {
        id: uuidv7(),
        complaintId: complaint.id,
        at: now,
        actorKind: entry.actor.kind,
        actorId: entry.actor.id ?? null,
        fromState: entry.from,
        toState: entry.to,
        why: entry.why.slice(0, 4000),
        step: entry.step?.type ?? null,
        details: entry.step ? stepDetails(entry.step) : null,
      }),
    );
    await store.complaints.appendHistory(history);
    const lastWritten = entries.some((entry) => entry.step) ? await store.inbox.lastWritten(complaint.id) : undefined;
    await store.outbox.enqueue(
      entries.flatMap((entry) => (entry.step ? [{ key: complaint.id, event: complaintEvent(complaint, entry.step, now, lastWritten), correlationId }] : [])),
      now,
    );
  }
}
