import type { ComplaintLifecycle, ComplaintState, RequiredDetail } from '@plaint/domain';
import type { ComplaintEntity, StoredLifecycle } from '@plaint/persistence';

const iso = (date: Date): string => date.toISOString();
const date = (value: string): Date => new Date(value);

/** The lifecycle of a stored complaint: its columns plus the JSON record of the rest. */
export function lifecycleOf(row: ComplaintEntity): ComplaintLifecycle {
  const stored: StoredLifecycle = row.lifecycle ?? { pausedBusinessDays: 0, providedDetails: {} };
  return {
    complaintId: row.id,
    reference: row.reference,
    state: row.state as ComplaintState,
    receivedAt: row.receivedAt,
    deadlines: { acceptBy: row.acceptBy, reviewBy: row.reviewBy ?? undefined, resolveBy: row.resolveBy },
    pause: stored.pause && { since: date(stored.pause.since) },
    pausedBusinessDays: stored.pausedBusinessDays,
    reviewStartedAt: stored.reviewStartedAt ? date(stored.reviewStartedAt) : undefined,
    reviewedAt: row.reviewedAt ?? undefined,
    reviewResult: stored.reviewResult,
    extension: stored.extension && {
      reason: stored.extension.reason,
      newDate: date(stored.extension.newDate),
      previousDate: date(stored.extension.previousDate),
      at: date(stored.extension.at),
    },
    missingDetails: row.missingDetails as RequiredDetail[],
    providedDetails: { ...stored.providedDetails },
    requested: stored.requested && { what: [...stored.requested.what], from: stored.requested.from },
    outcome: stored.outcome && { ...stored.outcome, resolvedAt: date(stored.outcome.resolvedAt) },
    rejectionReason: stored.rejectionReason,
    merge: stored.merge && { into: stored.merge.into, previousState: stored.merge.previousState as ComplaintState },
  };
}

/** Writes a lifecycle back onto the complaint's row (columns and JSON record). */
export function storeLifecycle(row: ComplaintEntity, lifecycle: ComplaintLifecycle): void {
  row.state = lifecycle.state;
  row.reviewBy = lifecycle.deadlines.reviewBy ?? null;
  row.reviewedAt = lifecycle.reviewedAt ?? null;
  row.resolveBy = lifecycle.deadlines.resolveBy;
  row.missingDetails = [...lifecycle.missingDetails];
  row.mergedInto = lifecycle.merge?.into ?? null;
  const stored: StoredLifecycle = {
    pausedBusinessDays: lifecycle.pausedBusinessDays,
    providedDetails: { ...lifecycle.providedDetails },
  };
  if (lifecycle.pause) stored.pause = { since: iso(lifecycle.pause.since) };
  if (lifecycle.reviewStartedAt) stored.reviewStartedAt = iso(lifecycle.reviewStartedAt);
  if (lifecycle.reviewResult) stored.reviewResult = lifecycle.reviewResult;
  if (lifecycle.extension) {
    stored.extension = {
      reason: lifecycle.extension.reason,
      newDate: iso(lifecycle.extension.newDate),
      previousDate: iso(lifecycle.extension.previousDate),
      at: iso(lifecycle.extension.at),
    };
  }
  if (lifecycle.requested) stored.requested = { what: [...lifecycle.requested.what], from: lifecycle.requested.from };
  if (lifecycle.outcome) stored.outcome = { ...lifecycle.outcome, resolvedAt: iso(lifecycle.outcome.resolvedAt) };
  if (lifecycle.rejectionReason) stored.rejectionReason = lifecycle.rejectionReason;
  if (lifecycle.merge) stored.merge = { ...lifecycle.merge };
  row.lifecycle = stored;
}
