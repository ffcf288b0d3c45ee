import type { RequiredDetail } from '../complaint';
import type { ProvidedDetails } from './lifecycle-command';

interface EventBase {
  complaintId: string;
  reference: string;
  at: Date;
}

/**
 * `customerFacing: true` marks the events the notifier turns into a written notice on the
 * customer's channel; the others are for the audit trail and projections only.
 */
export type DomainEvent =
  | (EventBase & { type: 'accepted'; customerFacing: true; reviewBy: Date; resolveBy: Date })
  | (EventBase & { type: 'details-requested'; customerFacing: true; what: readonly string[]; from: string; automatic: boolean })
  | (EventBase & { type: 'customer-answered'; customerFacing: false; details: ProvidedDetails; stillMissing: readonly RequiredDetail[]; businessDaysPaused: number })
  | (EventBase & { type: 'review-started'; customerFacing: true; reviewBy: Date })
  /** The review ended: the customer gets its result in writing and the date the resolution is due by. */
  | (EventBase & { type: 'reviewed'; customerFacing: true; result: string; resolveBy: Date; withinDeadline: boolean })
  | (EventBase & { type: 'extended'; customerFacing: true; reason: string; newDate: Date; previousDate: Date })
  | (EventBase & {
      type: 'resolved';
      customerFacing: true;
      outcome: string;
      rootCause: string;
      delivery: 'written' | 'oral';
      /** False only for an oral outcome whose written confirmation the customer declined. */
      writtenNotice: boolean;
      withinDeadline: boolean;
    })
  | (EventBase & { type: 'closed'; customerFacing: true })
  | (EventBase & { type: 'rejected'; customerFacing: true; reason: string })
  | (EventBase & { type: 'withdrawn'; customerFacing: false })
  | (EventBase & { type: 'merged'; customerFacing: true; survivingReference: string })
  | (EventBase & { type: 'unmerged'; customerFacing: false; formerlyMergedInto: string });

export type DomainEventType = DomainEvent['type'];
