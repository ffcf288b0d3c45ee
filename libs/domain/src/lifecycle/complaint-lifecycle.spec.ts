import { BusinessCalendar } from '../business-calendar';
import { COMPLAINT_STATES, type ComplaintState } from '../complaint';
import { type ComplaintLifecycle, type Decision, decide, openLifecycle } from './complaint-lifecycle';
import type { Actor, HistoryEntry } from './history-entry';
import type { LifecycleCommand } from './lifecycle-command';
import type { DeadlinePolicy } from '../deadline-policy';
import { nextDeadline } from './next-deadline';
import { businessDaysWaited } from './sla-clock';
import { ALLOWED_FROM } from './transitions';

const baku = new BusinessCalendar({ timeZone: 'Asia/Baku', weekendDays: [6, 7] });
const policy: DeadlinePolicy = { acceptWithinBusinessDays: 3, reviewWithinBusinessDays: 3, resolveWithinBusinessDays: 10 };
const agent: Actor = { kind: 'agent', id: 'agent-7' };
const customer: Actor = { kind: 'customer' };

/** Baku is UTC+4 all year; these helpers keep the test dates readable in local time. */
const bakuTime = (isoLocal: string): Date => new Date(`${isoLocal}+04:00`);
const local = (instant: Date | undefined): string => (instant ? baku.localDate(instant) : 'none');

// Monday 23 Nov 2026, 10:00 Baku.
const ARRIVAL = bakuTime('2026-11-23T10:00:00');

function fresh(missing: ComplaintLifecycle['missingDetails'] = []): ComplaintLifecycle {
  return openLifecycle({ id: 'c-1', reference: 'K7Q-4MX', receivedAt: ARRIVAL, missingDetails: missing }, baku, policy);
}

function ok(decision: Decision): Extract<Decision, { ok: true }> {
  if (!decision.ok) throw new Error(`refused: ${JSON.stringify(decision.error)}`);
  return decision;
}

/** Applies commands in order, failing the test on any refusal; returns the state and the trail. */
function run(
  start: ComplaintLifecycle,
  steps: Array<[LifecycleCommand, Actor, Date]>,
): { state: ComplaintLifecycle; history: HistoryEntry[]; events: string[] } {
  let state = start;
  const history: HistoryEntry[] = [];
  const events: string[] = [];
  for (const [command, actor, at] of steps) {
    const decision = ok(decide(state, command, actor, at, baku, policy));
    state = decision.state;
    history.push(decision.history);
    events.push(...decision.events.map((event) => event.type));
  }
  return { state, history, events };
}

const inState = (state: ComplaintState, over: Partial<ComplaintLifecycle> = {}): ComplaintLifecycle => ({ ...fresh(), state, ...over });

describe('openLifecycle', () => {
  it('starts the accept and resolve clocks at arrival', () => {
    const state = fresh();
    expect(state.state).toBe('received');
    expect(local(state.deadlines.acceptBy)).toBe('2026-11-26');
    expect(local(state.deadlines.resolveBy)).toBe('2026-12-07');
    expect(state.deadlines.reviewBy).toBeUndefined();
  });
});

describe('a complaint through every state', () => {
  it('goes received → waiting (missing details) → in_review ⇄ waiting → resolved → closed', () => {
    const { state, history, events } = run(fresh(['fullName']), [
      [{ type: 'accept' }, { kind: 'system' }, bakuTime('2026-11-23T11:00:00')],
      [{ type: 'customerAnswered', details: { fullName: 'Aysel Mammadova' } }, customer, bakuTime('2026-11-23T15:00:00')],
      [{ type: 'requestDetails', what: ['receipt number'], from: 'customer' }, agent, bakuTime('2026-11-24T09:00:00')],
      [{ type: 'customerAnswered' }, customer, bakuTime('2026-11-24T12:00:00')],
      [{ type: 'resolve', outcome: 'Replaced the kettle', rootCause: 'faulty batch' }, agent, bakuTime('2026-11-25T10:00:00')],
      [{ type: 'close' }, agent, bakuTime('2026-11-26T10:00:00')],
    ]);
    expect(history.map((entry) => `${entry.from}→${entry.to}`)).toEqual([
      'received→waiting_for_customer',
      'waiting_for_customer→in_review',
      'in_review→waiting_for_customer',
      'waiting_for_customer→in_review',
      'in_review→resolved',
      'resolved→closed',
    ]);
    expect(events).toEqual([
      'accepted',
      'details-requested',
      'customer-answered',
      'review-started',
      'details-requested',
      'customer-answered',
      'resolved',
      'closed',
    ]);
    expect(state.providedDetails).toEqual({ fullName: 'Aysel Mammadova' });
    expect(state.missingDetails).toEqual([]);
    expect(state.outcome).toMatchObject({ text: 'Replaced the kettle', delivery: 'written', writtenConfirmation: true });
    expect(history[0]).toMatchObject({ actor: { kind: 'system' }, why: 'accepted; required details missing: fullName' });
  });

  it('goes received → accepted → in_review when nothing is missing, with the review deadline from acceptance', () => {
    const { state, history, events } = run(fresh(), [
      [{ type: 'accept' }, agent, bakuTime('2026-11-24T10:00:00')],
      [{ type: 'startReview' }, agent, bakuTime('2026-11-24T11:00:00')],
    ]);
    expect(history.map((entry) => entry.to)).toEqual(['accepted', 'in_review']);
    expect(events).toEqual(['accepted', 'review-started']);
    expect(local(state.deadlines.reviewBy)).toBe('2026-11-27');
  });

  it.each<[LifecycleCommand, ComplaintState, string]>([
    [{ type: 'reject', reason: 'not our product' }, 'rejected', 'rejected'],
    [{ type: 'withdraw' }, 'withdrawn', 'withdrawn'],
    [{ type: 'merge', into: 'ZZ9-PLR' }, 'merged', 'merged'],
  ])('ends in %j', (command, to, event) => {
    const decision = ok(decide(inState('in_review'), command, agent, bakuTime('2026-11-24T10:00:00'), baku, policy));
    expect(decision.state.state).toBe(to);
    expect(decision.events.map((e) => e.type)).toEqual([event]);
    expect(decision.history).toMatchObject({ from: 'in_review', to });
  });

  it('keeps partial answers waiting and asks again for what is still missing', () => {
    const { state, events } = run(fresh(['fullName', 'contact']), [
      [{ type: 'accept' }, { kind: 'system' }, ARRIVAL],
      [{ type: 'customerAnswered', details: { contact: '+994501234567', fullName: '  ' } }, customer, ARRIVAL],
    ]);
    expect(state.state).toBe('waiting_for_customer');
    expect(state.missingDetails).toEqual(['fullName']);
    expect(state.requested).toEqual({ what: ['fullName'], from: 'customer' });
    expect(events).toEqual(['accepted', 'details-requested', 'customer-answered', 'details-requested']);
  });
});

describe('refused transitions', () => {
  const commands: LifecycleCommand[] = [
    { type: 'accept' },
    { type: 'startReview' },
    { type: 'finishReview', result: 'r' },
    { type: 'requestDetails', what: ['x'], from: 'customer' },
    { type: 'customerAnswered' },
    { type: 'resolve', outcome: 'o', rootCause: 'r' },
    { type: 'close' },
    { type: 'reject', reason: 'r' },
    { type: 'withdraw' },
    { type: 'extend', reason: 'r', newDate: bakuTime('2026-12-20T00:00:00') },
    { type: 'merge', into: 'ZZ9-PLR' },
    { type: 'unmerge' },
  ];
  const refusals = commands.flatMap((command) =>
    COMPLAINT_STATES.filter((state) => !ALLOWED_FROM[command.type].includes(state)).map((state) => [command.type, state, command] as const),
  );

  it.each(refusals)('refuses %s in %s', (_type, state, command) => {
    const decision = decide(inState(state), command, agent, ARRIVAL, baku, policy);
    expect(decision).toEqual({ ok: false, error: { code: 'invalid-transition', command: command.type, state } });
  });

  it.each<[ComplaintState, LifecycleCommand, string]>([
    ['in_review', { type: 'reject', reason: '  ' }, 'reason-required'],
    ['in_review', { type: 'extend', reason: '', newDate: bakuTime('2026-12-20T00:00:00') }, 'reason-required'],
    ['in_review', { type: 'requestDetails', what: [' '], from: 'customer' }, 'nothing-requested'],
    ['in_review', { type: 'resolve', outcome: ' ', rootCause: 'r' }, 'outcome-required'],
    ['in_review', { type: 'finishReview', result: ' \n ' }, 'result-required'],
    ['accepted', { type: 'finishReview', result: 'x'.repeat(10001) }, 'result-too-long'],
    ['in_review', { type: 'resolve', outcome: 'o', rootCause: '' }, 'root-cause-required'],
    ['waiting_for_customer', { type: 'extend', reason: 'r', newDate: bakuTime('2026-12-20T00:00:00') }, 'clock-paused'],
    ['in_review', { type: 'merge', into: ' ' }, 'reference-required'],
    ['in_review', { type: 'merge', into: 'K7Q-4MX' }, 'merge-into-self'],
  ])('in %s refuses %j with %s', (state, command, code) => {
    const decision = decide(inState(state), command, agent, ARRIVAL, baku, policy);
    expect(decision.ok ? 'accepted' : decision.error.code).toBe(code);
  });
});

describe('the SLA clock pauses while waiting for the customer', () => {
  function waitingSince(pausedAt: Date): ComplaintLifecycle {
    return run(fresh(), [
      [{ type: 'accept' }, agent, ARRIVAL],
      [{ type: 'startReview' }, agent, ARRIVAL],
      [{ type: 'requestDetails', what: ['receipt photo'], from: 'customer' }, agent, pausedAt],
    ]).state;
  }

  it('pushes review and resolve deadlines by one day for a Friday → Monday wait', () => {
    const waiting = waitingSince(bakuTime('2026-11-27T15:00:00')); // Friday
    expect(local(waiting.deadlines.reviewBy)).toBe('2026-11-26');
    const answered = ok(decide(waiting, { type: 'customerAnswered' }, customer, bakuTime('2026-11-30T10:00:00'), baku, policy));
    expect(local(answered.state.deadlines.reviewBy)).toBe('2026-11-27');
    expect(local(answered.state.deadlines.resolveBy)).toBe('2026-12-08');
    expect(answered.state.pausedBusinessDays).toBe(1);
    expect(answered.state.pause).toBeUndefined();
    expect(answered.events[0]).toMatchObject({ type: 'customer-answered', businessDaysPaused: 1 });
  });

  it('counts two days for a Friday → Tuesday wait, and none for a same-day or Friday → Sunday answer', () => {
    const friday = bakuTime('2026-11-27T15:00:00');
    expect(businessDaysWaited(friday, bakuTime('2026-12-01T09:00:00'), baku)).toBe(2);
    expect(businessDaysWaited(friday, bakuTime('2026-11-27T18:00:00'), baku)).toBe(0);
    expect(businessDaysWaited(friday, bakuTime('2026-11-29T18:00:00'), baku)).toBe(0);
    const waiting = waitingSince(friday);
    const answered = ok(decide(waiting, { type: 'customerAnswered' }, customer, bakuTime('2026-12-01T09:00:00'), baku, policy));
    expect(local(answered.state.deadlines.resolveBy)).toBe('2026-12-09');
  });

  it('counts local Baku days, not UTC days', () => {
    // 21:30 UTC Sunday is already Monday 01:30 in Baku, so Monday counts.
    expect(businessDaysWaited(bakuTime('2026-11-27T15:00:00'), new Date('2026-11-29T21:30:00Z'), baku)).toBe(1);
  });

  it('skips holidays both in the wait and when pushing the deadline', () => {
    const withHoliday = new BusinessCalendar({ timeZone: 'Asia/Baku', weekendDays: [6, 7], holidays: new Set(['2026-11-30', '2026-12-09']) });
    // Friday → Tuesday with Monday a holiday: only Tuesday counts.
    expect(businessDaysWaited(bakuTime('2026-11-27T15:00:00'), bakuTime('2026-12-01T10:00:00'), withHoliday)).toBe(1);
    const start = openLifecycle({ id: 'c-2', reference: 'AB2-CD3', receivedAt: ARRIVAL, missingDetails: ['contact'] }, withHoliday, policy);
    expect(withHoliday.localDate(start.deadlines.resolveBy)).toBe('2026-12-08');
    const waiting = ok(decide(start, { type: 'accept' }, agent, ARRIVAL, withHoliday, policy)).state;
    const answered = ok(
      decide(waiting, { type: 'customerAnswered', details: { contact: 'a@b.az' } }, customer, bakuTime('2026-11-24T10:00:00'), withHoliday, policy),
    );
    // One day waited (Tuesday 24th) moves Tuesday 8 Dec past the holiday on the 9th.
    expect(withHoliday.localDate(answered.state.deadlines.resolveBy)).toBe('2026-12-10');
  });
});

describe('finishing the review', () => {
  // Accepted Tuesday 24 Nov 2026: the review is due by Friday 27 Nov, the resolution by Monday 7 Dec.
  const accepted = (): ComplaintLifecycle => ok(decide(fresh(), { type: 'accept' }, agent, bakuTime('2026-11-24T10:00:00'), baku, policy)).state;
  const reviewing = (): ComplaintLifecycle => ok(decide(accepted(), { type: 'startReview' }, agent, bakuTime('2026-11-24T11:00:00'), baku, policy)).state;
  const RESULT = 'We checked the delivery records: the courier left the parcel at the wrong address. We have asked the courier for it back.';

  it('records when the review ended and tells the customer its result and the date the resolution is due by', () => {
    const at = bakuTime('2026-11-26T15:00:00');
    const decision = ok(decide(reviewing(), { type: 'finishReview', result: `  ${RESULT}  ` }, agent, at, baku, policy));
    expect(decision.state).toMatchObject({ state: 'in_review', reviewedAt: at, reviewResult: RESULT, reviewStartedAt: bakuTime('2026-11-24T11:00:00') });
    expect(decision.events).toEqual([
      {
        type: 'reviewed',
        customerFacing: true,
        complaintId: 'c-1',
        reference: 'K7Q-4MX',
        at,
        result: RESULT,
        resolveBy: decision.state.deadlines.resolveBy,
        withinDeadline: true,
      },
    ]);
    expect(local(decision.state.deadlines.resolveBy)).toBe('2026-12-07');
    expect(decision.history).toEqual({ at, actor: agent, from: 'in_review', to: 'in_review', why: 'review finished' });
  });

  it('from accepted takes the review as started then', () => {
    const at = bakuTime('2026-11-25T09:30:00');
    const decision = ok(decide(accepted(), { type: 'finishReview', result: RESULT }, agent, at, baku, policy));
    expect(decision.state).toMatchObject({ state: 'in_review', reviewStartedAt: at, reviewedAt: at });
    expect(decision.events.map((event) => event.type)).toEqual(['reviewed']);
    expect(decision.history).toMatchObject({ from: 'accepted', to: 'in_review' });
  });

  it('says when it ended after the review deadline', () => {
    const decision = ok(decide(reviewing(), { type: 'finishReview', result: RESULT }, agent, bakuTime('2026-11-30T10:00:00'), baku, policy));
    expect(decision.events[0]).toMatchObject({ type: 'reviewed', withinDeadline: false });
    expect(decision.history.why).toBe('review finished after its deadline');
  });

  it('is refused a second time, with when the review ended', () => {
    const first = bakuTime('2026-11-25T10:00:00');
    const finished = ok(decide(reviewing(), { type: 'finishReview', result: RESULT }, agent, first, baku, policy)).state;
    expect(decide(finished, { type: 'finishReview', result: 'again' }, agent, bakuTime('2026-11-25T11:00:00'), baku, policy)).toEqual({
      ok: false,
      error: { code: 'review-already-finished', reviewedAt: first },
    });
  });

  it('is refused while waiting for the customer and after the resolution', () => {
    const waiting = ok(decide(reviewing(), { type: 'requestDetails', what: ['receipt'], from: 'customer' }, agent, bakuTime('2026-11-25T10:00:00'), baku, policy)).state;
    expect(decide(waiting, { type: 'finishReview', result: RESULT }, agent, bakuTime('2026-11-25T11:00:00'), baku, policy)).toEqual({
      ok: false,
      error: { code: 'invalid-transition', command: 'finishReview', state: 'waiting_for_customer' },
    });
    const resolved = ok(decide(reviewing(), { type: 'resolve', outcome: 'Refunded', rootCause: 'courier' }, agent, bakuTime('2026-11-25T10:00:00'), baku, policy)).state;
    expect(decide(resolved, { type: 'finishReview', result: RESULT }, agent, bakuTime('2026-11-25T11:00:00'), baku, policy)).toEqual({
      ok: false,
      error: { code: 'invalid-transition', command: 'finishReview', state: 'resolved' },
    });
  });

  it('stops the review deadline: the next date is the resolution, and the resolution comes later', () => {
    const thursday = bakuTime('2026-11-26T15:00:00');
    expect(nextDeadline(reviewing(), thursday)).toEqual({ kind: 'review', by: reviewing().deadlines.reviewBy });
    const finished = ok(decide(reviewing(), { type: 'finishReview', result: RESULT }, agent, thursday, baku, policy)).state;
    expect(nextDeadline(finished, thursday)).toEqual({ kind: 'resolve', by: finished.deadlines.resolveBy });
    const { state, history } = run(finished, [[{ type: 'resolve', outcome: 'The parcel was delivered again', rootCause: 'courier' }, agent, bakuTime('2026-12-02T12:00:00')]]);
    expect(state).toMatchObject({ state: 'resolved', reviewedAt: thursday });
    expect(history.map((entry) => `${entry.from}→${entry.to}`)).toEqual(['in_review→resolved']);
  });
});

describe('extensions', () => {
  const reviewing = inState('in_review'); // resolveBy: end of Monday 7 Dec, Baku.

  it('moves the resolve deadline and tells the customer the reason and the new date', () => {
    const newDate = bakuTime('2026-12-14T23:59:59.999');
    const decision = ok(decide(reviewing, { type: 'extend', reason: 'spare part on order', newDate }, agent, bakuTime('2026-12-03T10:00:00'), baku, policy));
    expect(decision.state.deadlines.resolveBy).toEqual(newDate);
    expect(decision.state.state).toBe('in_review');
    expect(decision.events).toEqual([
      expect.objectContaining({ type: 'extended', customerFacing: true, reason: 'spare part on order', newDate, previousDate: reviewing.deadlines.resolveBy }),
    ]);
    expect(decision.history).toMatchObject({ from: 'in_review', to: 'in_review' });
  });

  it('is still possible on the last day, but refused once the deadline has passed', () => {
    const newDate = bakuTime('2026-12-14T23:59:59.999');
    const lastDay = decide(reviewing, { type: 'extend', reason: 'part', newDate }, agent, bakuTime('2026-12-07T23:00:00'), baku, policy);
    expect(lastDay.ok).toBe(true);
    const late = decide(reviewing, { type: 'extend', reason: 'part', newDate }, agent, bakuTime('2026-12-08T00:00:01'), baku, policy);
    expect(late).toEqual({ ok: false, error: { code: 'deadline-passed', resolveBy: reviewing.deadlines.resolveBy } });
  });

  it('needs a date after the current deadline', () => {
    const requested = bakuTime('2026-12-07T12:00:00');
    const decision = decide(reviewing, { type: 'extend', reason: 'part', newDate: requested }, agent, bakuTime('2026-12-03T10:00:00'), baku, policy);
    expect(decision).toEqual({ ok: false, error: { code: 'date-not-after-deadline', resolveBy: reviewing.deadlines.resolveBy, requested } });
  });

  it('needs a business day: neither a weekend day nor a holiday', () => {
    const withHoliday = new BusinessCalendar({ timeZone: 'Asia/Baku', weekendDays: [6, 7], holidays: new Set(['2026-12-15']) });
    const extendTo = (date: string) =>
      decide(reviewing, { type: 'extend', reason: 'part', newDate: withHoliday.endOfDay(date) }, agent, bakuTime('2026-12-03T10:00:00'), withHoliday, policy);
    for (const date of ['2026-12-12', '2026-12-13', '2026-12-15']) {
      expect(extendTo(date)).toEqual({ ok: false, error: { code: 'date-not-business-day', requested: withHoliday.endOfDay(date) } });
    }
    expect(extendTo('2026-12-14').ok).toBe(true);
  });
});

describe('oral outcomes', () => {
  const at = bakuTime('2026-11-25T10:00:00');

  it('are refused without a recorded agreement', () => {
    const command: LifecycleCommand = { type: 'resolve', outcome: 'Refund', rootCause: 'billing', oral: { agreementRecorded: false, writtenConfirmation: true } };
    expect(decide(inState('in_review'), command, agent, at, baku, policy)).toEqual({ ok: false, error: { code: 'oral-without-agreement' } });
  });

  it('still send a written confirmation unless the customer declined it', () => {
    const resolveOrally = (writtenConfirmation: boolean): Decision =>
      decide(inState('in_review'), { type: 'resolve', outcome: 'Refund', rootCause: 'billing', oral: { agreementRecorded: true, writtenConfirmation } }, agent, at, baku, policy);
    expect(ok(resolveOrally(true)).events[0]).toMatchObject({ type: 'resolved', delivery: 'oral', writtenNotice: true, withinDeadline: true });
    expect(ok(resolveOrally(false)).events[0]).toMatchObject({ type: 'resolved', delivery: 'oral', writtenNotice: false });
  });
});

describe('merge and unmerge', () => {
  it('audits both and returns the complaint to where it was, with its pause intact', () => {
    const pausedAt = bakuTime('2026-11-24T10:00:00');
    const { state, history, events } = run(fresh(), [
      [{ type: 'accept' }, agent, ARRIVAL],
      [{ type: 'startReview' }, agent, ARRIVAL],
      [{ type: 'requestDetails', what: ['order number'], from: 'customer' }, agent, pausedAt],
      [{ type: 'merge', into: 'ZZ9-PLR' }, { kind: 'system' }, bakuTime('2026-11-24T11:00:00')],
      [{ type: 'unmerge' }, agent, bakuTime('2026-11-24T12:00:00')],
    ]);
    expect(history.slice(3)).toEqual([
      { at: bakuTime('2026-11-24T11:00:00'), actor: { kind: 'system' }, from: 'waiting_for_customer', to: 'merged', why: 'merged into ZZ9-PLR' },
      { at: bakuTime('2026-11-24T12:00:00'), actor: agent, from: 'merged', to: 'waiting_for_customer', why: 'unmerged from ZZ9-PLR' },
    ]);
    expect(events.slice(3)).toEqual(['merged', 'unmerged']);
    expect(state.state).toBe('waiting_for_customer');
    expect(state.merge).toBeUndefined();
    expect(state.pause).toEqual({ since: pausedAt });
  });

  it('tells the customer the surviving reference', () => {
    const decision = ok(decide(inState('received'), { type: 'merge', into: 'ZZ9-PLR' }, agent, ARRIVAL, baku, policy));
    expect(decision.events).toEqual([expect.objectContaining({ type: 'merged', customerFacing: true, survivingReference: 'ZZ9-PLR' })]);
  });
});
