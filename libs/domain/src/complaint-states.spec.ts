import { COMPLAINT_STATES } from './complaint';
import { FINAL_STATES, FINISHED_STATES, OPEN_STATES, RUNNING_STATES, runningDeadlines } from './complaint-states';

describe('complaint state sets', () => {
  it('splits every state into open, finished or merged, each once', () => {
    for (const state of COMPLAINT_STATES) {
      const groups = [OPEN_STATES.includes(state), FINISHED_STATES.includes(state), state === 'merged'].filter(Boolean);
      expect({ state, groups: groups.length }).toEqual({ state, groups: 1 });
    }
  });

  it('runs the clock only in open states, never while waiting for the customer', () => {
    expect(RUNNING_STATES.every((state) => OPEN_STATES.includes(state))).toBe(true);
    expect(RUNNING_STATES).not.toContain('waiting_for_customer');
  });

  it('keeps a resolved complaint out of retention until it is closed', () => {
    expect(FINAL_STATES).not.toContain('resolved');
    expect(FINAL_STATES).toContain('merged');
  });
});

describe('runningDeadlines', () => {
  const acceptBy = new Date('2026-03-05T19:59:59.999Z');
  const reviewBy = new Date('2026-03-10T19:59:59.999Z');
  const resolveBy = new Date('2026-03-16T19:59:59.999Z');

  it('runs accept and resolve while received', () => {
    expect(runningDeadlines({ state: 'received', acceptBy, reviewBy: null, resolveBy }).map((d) => d.deadline)).toEqual(['accept', 'resolve']);
  });

  it('runs review and resolve once accepted', () => {
    expect(runningDeadlines({ state: 'in_review', acceptBy, reviewBy, resolveBy })).toEqual([
      { deadline: 'review', dueAt: reviewBy },
      { deadline: 'resolve', dueAt: resolveBy },
    ]);
  });

  it('stops the review deadline once the review is finished', () => {
    const reviewedAt = new Date('2026-03-09T10:00:00.000Z');
    expect(runningDeadlines({ state: 'in_review', acceptBy, reviewBy, reviewedAt, resolveBy })).toEqual([{ deadline: 'resolve', dueAt: resolveBy }]);
    expect(runningDeadlines({ state: 'in_review', acceptBy, reviewBy, reviewedAt: null, resolveBy }).map((d) => d.deadline)).toEqual(['review', 'resolve']);
  });

  it('runs nothing while waiting for the customer or once finished', () => {
    for (const state of ['waiting_for_customer', 'resolved', 'closed', 'merged']) {
      expect(runningDeadlines({ state, acceptBy, reviewBy, resolveBy })).toEqual([]);
    }
  });
});
