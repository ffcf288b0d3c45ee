import type { BusinessCalendar } from '../business-calendar';
import type { ComplaintState, RequiredDetail } from '../complaint';
import type { Actor, HistoryEntry } from './history-entry';
import { type LifecycleCommand, type OralDelivery, type ProvidedDetails, REVIEW_RESULT_MAX_LENGTH } from './lifecycle-command';
import type { LifecycleError } from './lifecycle-error';
import type { DomainEvent } from './lifecycle-event';
import type { DeadlinePolicy } from '../deadline-policy';
import { businessDaysWaited, pushDeadline } from './sla-clock';
import { isAllowed } from './transitions';

export interface LifecycleDeadlines {
  acceptBy: Date;
  /** Set on acceptance: the review runs from then. */
  reviewBy?: Date;
  /** Set on arrival, because the policy counts the resolution from arrival, not acceptance. */
  resolveBy: Date;
}

export interface LifecycleOutcome {
  text: string;
  rootCause: string;
  delivery: 'written' | 'oral';
  writtenConfirmation: boolean;
  resolvedAt: Date;
}

export interface ComplaintLifecycle {
  complaintId: string;
  reference: string;
  state: ComplaintState;
  receivedAt: Date;
  deadlines: LifecycleDeadlines;
  /** Present while waiting for the customer: the SLA clock stands still from `since`. */
  pause?: { since: Date };
  /** Business days the clock stood still so far, for reporting. */
  pausedBusinessDays: number;
  reviewStartedAt?: Date;
  /**
   * When the review was finished and its result sent in writing. A complaint resolved without it
   * had its review end with the resolution: measure the review by `reviewedAt ?? outcome.resolvedAt`.
   */
  reviewedAt?: Date;
  /** The review's written result, as the customer was told it. */
  reviewResult?: string;
  extension?: { reason: string; newDate: Date; previousDate: Date; at: Date };
  missingDetails: readonly RequiredDetail[];
  /** Details the customer supplied in answers, for the complaint record to take over. */
  providedDetails: ProvidedDetails;
  /** What was last asked and from whom, so a status query can say what we wait for. */
  requested?: { what: readonly string[]; from: string };
  outcome?: LifecycleOutcome;
  rejectionReason?: string;
  /** Kept so that unmerge can return the complaint to where it was. */
  merge?: { into: string; previousState: ComplaintState };
}

export type Decision =
  | { ok: true; state: ComplaintLifecycle; events: DomainEvent[]; history: HistoryEntry }
  | { ok: false; error: LifecycleError };

/** The lifecycle of a complaint that just arrived: its accept and resolve clocks start now. */
export function openLifecycle(
  complaint: { id: string; reference: string; receivedAt: Date; missingDetails: readonly RequiredDetail[] },
  calendar: BusinessCalendar,
  policy: DeadlinePolicy,
): ComplaintLifecycle {
  return {
    complaintId: complaint.id,
    reference: complaint.reference,
    state: 'received',
    receivedAt: complaint.receivedAt,
    deadlines: {
      acceptBy: calendar.deadline(complaint.receivedAt, policy.acceptWithinBusinessDays),
      resolveBy: calendar.deadline(complaint.receivedAt, policy.resolveWithinBusinessDays),
    },
    pausedBusinessDays: 0,
    missingDetails: [...complaint.missingDetails],
    providedDetails: {},
  };
}

/** Decides one command: the next state, the events to publish and the audit line, or a refusal. */
export function decide(
  state: ComplaintLifecycle,
  command: LifecycleCommand,
  actor: Actor,
  now: Date,
  calendar: BusinessCalendar,
  policy: DeadlinePolicy,
): Decision {
  if (!isAllowed(command.type, state.state)) {
    return refuse({ code: 'invalid-transition', command: command.type, state: state.state });
  }
  const ctx: Context = { state, actor, now };
  switch (command.type) {
    case 'accept':
      return accept(ctx, calendar, policy);
    case 'startReview':
      return startReview(ctx);
    case 'finishReview':
      return finishReview(ctx, command.result);
    case 'requestDetails':
      return requestDetails(ctx, command.what, command.from);
    case 'customerAnswered':
      return customerAnswered(ctx, command.details ?? {}, calendar);
    case 'resolve':
      return resolve(ctx, command.outcome, command.rootCause, command.oral);
    case 'close':
      return done(ctx, { ...state, state: 'closed' }, [{ ...base(ctx), type: 'closed', customerFacing: true }], 'closed');
    case 'reject':
      return reject(ctx, command.reason);
    case 'withdraw':
      return done(ctx, { ...state, state: 'withdrawn', pause: undefined }, [{ ...base(ctx), type: 'withdrawn', customerFacing: false }], 'withdrawn');
    case 'extend':
      return extend(ctx, command.reason, command.newDate, calendar);
    case 'merge':
      return merge(ctx, command.into);
    case 'unmerge':
      return unmerge(ctx);
  }
}

interface Context {
  state: ComplaintLifecycle;
  actor: Actor;
  now: Date;
}

function refuse(error: LifecycleError): Decision {
  return { ok: false, error };
}

function base(ctx: Context): { complaintId: string; reference: string; at: Date } {
  return { complaintId: ctx.state.complaintId, reference: ctx.state.reference, at: ctx.now };
}

function done(ctx: Context, next: ComplaintLifecycle, events: DomainEvent[], why: string): Decision {
  return {
    ok: true,
    state: next,
    events,
    history: { at: ctx.now, actor: ctx.actor, from: ctx.state.state, to: next.state, why },
  };
}

function accept(ctx: Context, calendar: BusinessCalendar, policy: DeadlinePolicy): Decision {
  const { state, now } = ctx;
  const deadlines = { ...state.deadlines, reviewBy: calendar.deadline(now, policy.reviewWithinBusinessDays) };
  const accepted: DomainEvent = {
    ...base(ctx),
    type: 'accepted',
    customerFacing: true,
    reviewBy: deadlines.reviewBy,
    resolveBy: deadlines.resolveBy,
  };
  if (state.missingDetails.length === 0) {
    return done(ctx, { ...state, state: 'accepted', deadlines }, [accepted], 'accepted');
  }
  // The policy says the company asks for missing required details itself, so acceptance
  // asks at once and the clock waits for the answer.
  const what = [...state.missingDetails];
  const next: ComplaintLifecycle = {
    ...state,
    state: 'waiting_for_customer',
    deadlines,
    pause: { since: now },
    requested: { what, from: 'customer' },
  };
  const asked: DomainEvent = { ...base(ctx), type: 'details-requested', customerFacing: true, what, from: 'customer', automatic: true };
  return done(ctx, next, [accepted, asked], `accepted; required details missing: ${what.join(', ')}`);
}

function startReview(ctx: Context): Decision {
  const { state, now } = ctx;
  const reviewBy = state.deadlines.reviewBy ?? state.deadlines.resolveBy;
  const next: ComplaintLifecycle = { ...state, state: 'in_review', reviewStartedAt: now };
  return done(ctx, next, [{ ...base(ctx), type: 'review-started', customerFacing: true, reviewBy }], 'review started');
}

function finishReview(ctx: Context, result: string): Decision {
  const { state, now } = ctx;
  if (state.reviewedAt) return refuse({ code: 'review-already-finished', reviewedAt: state.reviewedAt });
  const text = result.trim();
  if (!text) return refuse({ code: 'result-required' });
  if (text.length > REVIEW_RESULT_MAX_LENGTH) return refuse({ code: 'result-too-long', max: REVIEW_RESULT_MAX_LENGTH });
  // Finishing a review nobody had started means it was done in one sitting: it started now too.
  const next: ComplaintLifecycle = { ...state, state: 'in_review', reviewStartedAt: state.reviewStartedAt ?? now, reviewedAt: now, reviewResult: text };
  const reviewBy = state.deadlines.reviewBy;
  const withinDeadline = reviewBy === undefined || now.getTime() <= reviewBy.getTime();
  const event: DomainEvent = { ...base(ctx), type: 'reviewed', customerFacing: true, result: text, resolveBy: state.deadlines.resolveBy, withinDeadline };
  return done(ctx, next, [event], withinDeadline ? 'review finished' : 'review finished after its deadline');
}

function requestDetails(ctx: Context, what: readonly string[], from: string): Decision {
  const asked = what.map((item) => item.trim()).filter((item) => item.length > 0);
  if (asked.length === 0) return refuse({ code: 'nothing-requested' });
  const who = from.trim() || 'customer';
  const next: ComplaintLifecycle = {
    ...ctx.state,
    state: 'waiting_for_customer',
    pause: { since: ctx.now },
    requested: { what: asked, from: who },
  };
  const event: DomainEvent = { ...base(ctx), type: 'details-requested', customerFacing: true, what: asked, from: who, automatic: false };
  return done(ctx, next, [event], `details requested from ${who}: ${asked.join(', ')}`);
}

function customerAnswered(ctx: Context, details: ProvidedDetails, calendar: BusinessCalendar): Decision {
  const { state, now } = ctx;
  const given: ProvidedDetails = {};
  for (const key of ['fullName', 'contact', 'essence'] as const) {
    const value = details[key]?.trim();
    if (value) given[key] = value;
  }
  const stillMissing = state.missingDetails.filter((detail) => given[detail] === undefined);
  // Resume the clock: push every running deadline by the business days spent waiting.
  const waited = state.pause ? businessDaysWaited(state.pause.since, now, calendar) : 0;
  const deadlines: LifecycleDeadlines = {
    ...state.deadlines,
    reviewBy: state.deadlines.reviewBy && pushDeadline(state.deadlines.reviewBy, waited, calendar),
    resolveBy: pushDeadline(state.deadlines.resolveBy, waited, calendar),
  };
  const resumed: ComplaintLifecycle = {
    ...state,
    deadlines,
    pausedBusinessDays: state.pausedBusinessDays + waited,
    missingDetails: stillMissing,
    providedDetails: { ...state.providedDetails, ...given },
  };
  const answered: DomainEvent = {
    ...base(ctx),
    type: 'customer-answered',
    customerFacing: false,
    details: given,
    stillMissing,
    businessDaysPaused: waited,
  };
  if (stillMissing.length > 0) {
    // Still incomplete: ask again for what is left; the clock pauses anew from now, which counts
    // the same days as one unbroken pause would.
    const what = [...stillMissing];
    const next: ComplaintLifecycle = { ...resumed, pause: { since: now }, requested: { what, from: 'customer' } };
    const asked: DomainEvent = { ...base(ctx), type: 'details-requested', customerFacing: true, what, from: 'customer', automatic: true };
    return done(ctx, next, [answered, asked], `customer answered; still missing: ${what.join(', ')}`);
  }
  // The answer always leads into review; the customer hears "review started" only the first time.
  const next: ComplaintLifecycle = {
    ...resumed,
    state: 'in_review',
    pause: undefined,
    requested: undefined,
    reviewStartedAt: state.reviewStartedAt ?? now,
  };
  const events: DomainEvent[] = [answered];
  if (!state.reviewStartedAt) {
    events.push({ ...base(ctx), type: 'review-started', customerFacing: true, reviewBy: deadlines.reviewBy ?? deadlines.resolveBy });
  }
  return done(ctx, next, events, `customer answered; clock resumed after ${waited} business day(s)`);
}

function resolve(ctx: Context, outcome: string, rootCause: string, oral: OralDelivery | undefined): Decision {
  const text = outcome.trim();
  const cause = rootCause.trim();
  if (!text) return refuse({ code: 'outcome-required' });
  // Root causes feed the policy-change reports (docs/policy.md, "Afterwards"), so they are mandatory.
  if (!cause) return refuse({ code: 'root-cause-required' });
  if (oral && !oral.agreementRecorded) return refuse({ code: 'oral-without-agreement' });
  const delivery = oral ? 'oral' : 'written';
  const writtenConfirmation = oral ? oral.writtenConfirmation : true;
  const next: ComplaintLifecycle = {
    ...ctx.state,
    state: 'resolved',
    outcome: { text, rootCause: cause, delivery, writtenConfirmation, resolvedAt: ctx.now },
  };
  const event: DomainEvent = {
    ...base(ctx),
    type: 'resolved',
    customerFacing: true,
    outcome: text,
    rootCause: cause,
    delivery,
    writtenNotice: writtenConfirmation,
    withinDeadline: ctx.now.getTime() <= ctx.state.deadlines.resolveBy.getTime(),
  };
  return done(ctx, next, [event], oral ? 'resolved orally by recorded agreement' : 'resolved');
}

function reject(ctx: Context, reason: string): Decision {
  const why = reason.trim();
  if (!why) return refuse({ code: 'reason-required', command: 'reject' });
  const next: ComplaintLifecycle = { ...ctx.state, state: 'rejected', pause: undefined, rejectionReason: why };
  return done(ctx, next, [{ ...base(ctx), type: 'rejected', customerFacing: true, reason: why }], `rejected: ${why}`);
}

function extend(ctx: Context, reason: string, newDate: Date, calendar: BusinessCalendar): Decision {
  const { state, now } = ctx;
  // A paused deadline keeps moving until the answer, so a date promised now could not be kept
  // exact; extend after the customer answers.
  if (state.state === 'waiting_for_customer') return refuse({ code: 'clock-paused' });
  const why = reason.trim();
  if (!why) return refuse({ code: 'reason-required', command: 'extend' });
  const resolveBy = state.deadlines.resolveBy;
  // The customer must be told before the deadline passes (docs/architecture.md), so a late extension is refused.
  if (now.getTime() > resolveBy.getTime()) return refuse({ code: 'deadline-passed', resolveBy });
  if (newDate.getTime() <= resolveBy.getTime()) {
    return refuse({ code: 'date-not-after-deadline', resolveBy, requested: newDate });
  }
  // A date promised to the customer is one the company works on.
  if (!calendar.isBusinessDay(calendar.localDate(newDate))) return refuse({ code: 'date-not-business-day', requested: newDate });
  const next: ComplaintLifecycle = {
    ...state,
    deadlines: { ...state.deadlines, resolveBy: newDate },
    extension: { reason: why, newDate, previousDate: resolveBy, at: now },
  };
  const event: DomainEvent = { ...base(ctx), type: 'extended', customerFacing: true, reason: why, newDate, previousDate: resolveBy };
  return done(ctx, next, [event], `resolution deadline extended to ${newDate.toISOString()}: ${why}`);
}

function merge(ctx: Context, into: string): Decision {
  const target = into.trim();
  if (!target) return refuse({ code: 'reference-required' });
  if (target === ctx.state.reference) return refuse({ code: 'merge-into-self', reference: target });
  // The pause is kept as it is, so an unmerge gives back the deadlines the complaint had.
  const next: ComplaintLifecycle = { ...ctx.state, state: 'merged', merge: { into: target, previousState: ctx.state.state } };
  return done(ctx, next, [{ ...base(ctx), type: 'merged', customerFacing: true, survivingReference: target }], `merged into ${target}`);
}

function unmerge(ctx: Context): Decision {
  const { state } = ctx;
  // Only merge() enters 'merged' and it always records where from; 'received' is a safe floor.
  const previousState = state.merge?.previousState ?? 'received';
  const into = state.merge?.into ?? '';
  const next: ComplaintLifecycle = { ...state, state: previousState, merge: undefined };
  return done(ctx, next, [{ ...base(ctx), type: 'unmerged', customerFacing: false, formerlyMergedInto: into }], `unmerged from ${into}`);
}
