import { dueAlerts } from './due-alerts';

const hour = 3_600_000;
const acceptBy = new Date('2026-12-03T19:59:59.999Z');
const reviewBy = new Date('2026-12-08T19:59:59.999Z');
const resolveBy = new Date('2026-12-14T19:59:59.999Z');

describe('dueAlerts', () => {
  it('raises nothing while every deadline is further away than the warning time', () => {
    expect(dueAlerts({ state: 'received', acceptBy, reviewBy: null, reviewedAt: null, resolveBy }, new Date('2026-12-01T10:00:00Z'), 24 * hour)).toEqual([]);
  });

  it('warns within the warning time and escalates once the deadline has passed', () => {
    const complaint = { state: 'received', acceptBy, reviewBy: null, reviewedAt: null, resolveBy };
    expect(dueAlerts(complaint, new Date('2026-12-03T10:00:00Z'), 24 * hour)).toEqual([{ deadline: 'accept', dueAt: acceptBy, kind: 'warning' }]);
    expect(dueAlerts(complaint, new Date('2026-12-04T06:00:00Z'), 24 * hour)).toEqual([{ deadline: 'accept', dueAt: acceptBy, kind: 'breach' }]);
  });

  it('watches the review and the resolution once accepted, and nothing while waiting for the customer', () => {
    const late = new Date('2026-12-15T06:00:00Z');
    expect(dueAlerts({ state: 'in_review', acceptBy, reviewBy, reviewedAt: null, resolveBy }, late, hour).map((a) => `${a.deadline}:${a.kind}`)).toEqual([
      'review:breach',
      'resolve:breach',
    ]);
    expect(dueAlerts({ state: 'waiting_for_customer', acceptBy, reviewBy, reviewedAt: null, resolveBy }, late, hour)).toEqual([]);
    expect(dueAlerts({ state: 'resolved', acceptBy, reviewBy, reviewedAt: null, resolveBy }, late, hour)).toEqual([]);
  });

  it('neither warns of nor escalates the review deadline once the review is finished; the resolution still runs', () => {
    const reviewed = { state: 'in_review', acceptBy, reviewBy, reviewedAt: new Date('2026-12-07T10:00:00Z'), resolveBy };
    expect(dueAlerts(reviewed, new Date('2026-12-08T10:00:00Z'), 24 * hour)).toEqual([]);
    expect(dueAlerts(reviewed, new Date('2026-12-15T06:00:00Z'), hour)).toEqual([{ deadline: 'resolve', dueAt: resolveBy, kind: 'breach' }]);
  });
});
