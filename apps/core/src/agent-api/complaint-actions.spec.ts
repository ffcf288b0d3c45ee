import { BusinessCalendar, type DeadlinePolicy } from '@plaint/domain';
import type { ComplaintEntity } from '@plaint/persistence';
import { complaintRow } from '../../../../test/support/complaint-row';
import type { SignedInAgent } from '../auth/current-agent.decorator';
import { lifecycleOf } from '../lifecycle/stored-lifecycle';
import { complaintActions } from './complaint-actions';

const calendar = new BusinessCalendar({ timeZone: 'Asia/Baku', weekendDays: [6, 7] });
const policy: DeadlinePolicy = { acceptWithinBusinessDays: 3, reviewWithinBusinessDays: 3, resolveWithinBusinessDays: 10 };
// Tuesday 3 November 2026: complaintRow's deadlines are still ahead.
const now = new Date('2026-11-03T08:00:00Z');
const aysel: SignedInAgent = { id: 'a1', username: 'aysel', displayName: 'Aysel', role: 'agent' };
const sevda: SignedInAgent = { id: 's1', username: 'sevda', displayName: 'Sevda', role: 'supervisor' };

const actions = (row: ComplaintEntity, agent: SignedInAgent, at = now) => complaintActions(row, lifecycleOf(row), agent, { now: at, calendar, policy });

describe('the actions the desk offers', () => {
  it('offers an agent what the lifecycle takes on a new complaint in the queue, and no supervisor’s steps', () => {
    expect(actions(complaintRow('K7QM-4MXA-9ZZ1'), aysel)).toEqual(['accept', 'reply', 'note', 'extend', 'assign']);
  });

  it('offers a supervisor rejecting, merging and assigning a complaint someone else has', () => {
    const row = complaintRow('K7QM-4MXA-9ZZ1', { state: 'in_review', assigneeId: aysel.id });
    expect(actions(row, sevda)).toEqual(['request-details', 'finish-review', 'reply', 'note', 'extend', 'resolve', 'reject', 'assign', 'merge']);
  });

  it('offers finishing the review while it runs, and not again once it is finished', () => {
    const reviewing = complaintRow('K7QM-4MXA-9ZZ1', { state: 'in_review', assigneeId: aysel.id });
    expect(actions(reviewing, aysel)).toContain('finish-review');
    const reviewed = complaintRow('K7QM-4MXA-9ZZ1', { state: 'in_review', assigneeId: aysel.id, reviewedAt: new Date('2026-11-03T07:00:00Z') });
    expect(actions(reviewed, aysel)).toEqual(['request-details', 'reply', 'note', 'extend', 'resolve']);
  });

  it('offers no extension while the clock waits for the customer, nor once the deadline has passed', () => {
    const waiting = complaintRow('K7QM-4MXA-9ZZ1', { state: 'waiting_for_customer', assigneeId: aysel.id, lifecycle: { pausedBusinessDays: 0, providedDetails: {}, pause: { since: now.toISOString() } } });
    expect(actions(waiting, aysel)).toEqual(['reply', 'note']);
    const late = complaintRow('K7QM-4MXA-9ZZ1', { state: 'accepted', assigneeId: aysel.id });
    expect(actions(late, aysel, new Date('2026-11-17T08:00:00Z'))).toEqual(['request-details', 'review', 'finish-review', 'reply', 'note']);
  });

  it('offers nothing on another agent’s complaint, and only undoing on a merged one', () => {
    expect(actions(complaintRow('K7QM-4MXA-9ZZ1', { assigneeId: 'someone else' }), aysel)).toEqual([]);
    const merged = complaintRow('K7QM-4MXA-9ZZ1', { state: 'merged', mergedInto: 'K7QM-4MXA-9ZZ2', lifecycle: { pausedBusinessDays: 0, providedDetails: {}, merge: { into: 'K7QM-4MXA-9ZZ2', previousState: 'received' } } });
    expect(actions(merged, sevda)).toEqual(['note', 'assign', 'unmerge']);
  });
});
