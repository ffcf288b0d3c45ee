import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { Clock } from '@plaint/domain';
import { ComplaintEntity, ComplaintHistoryEntity, dataSourceOptions } from '@plaint/persistence';
import { CoreStore } from '../store/core-store';
import { LookUpStatus } from './look-up-status.use-case';
import { complaintRow } from '../../../../test/support/complaint-row';

class FixedClock extends Clock {
  constructor(public at: Date) {
    super();
  }
  now(): Date {
    return this.at;
  }
}

const AGENT_ID = '7d1c1c6e-9f59-4d7e-8a57-2f0c0d7f3a11';
const INTERNAL_WHY = 'Assigned to Rəşad Əliyev; supplier Bosch is slow again';

describe('LookUpStatus (real SQLite)', () => {
  let dir: string;
  let dataSource: DataSource;
  let clock: FixedClock;
  let lookUp: LookUpStatus;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'look-up-status-'));
    dataSource = await new DataSource(dataSourceOptions({ kind: 'sqlite', file: join(dir, 'plaint.sqlite') })).initialize();
    clock = new FixedClock(new Date('2026-11-10T08:00:00Z'));
    lookUp = new LookUpStatus(new CoreStore(dataSource), clock);
  });

  afterEach(async () => {
    await dataSource.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  async function complaint(reference: string, values: Partial<ComplaintEntity> = {}): Promise<ComplaintEntity> {
    const row = complaintRow(reference, {
      channel: 'web_form',
      conversation: `web:${reference}`,
      language: 'ru',
      fullName: 'Məmmədova Aysel',
      email: 'aysel@example.az',
      phone: '+994501234567',
      essence: 'Стиральная машина сломалась через два дня.',
      receivedAt: new Date('2026-11-02T05:00:00Z'),
      acceptBy: new Date('2026-11-05T19:59:59Z'),
      resolveBy: new Date('2026-11-16T19:59:59Z'),
      ...values,
    });
    await dataSource.getRepository(ComplaintEntity).insert(row);
    return row;
  }

  async function line(
    complaintId: string,
    at: string,
    values: { fromState: string; toState: string; why: string; step: string | null; details?: Record<string, string>; agent?: boolean },
  ): Promise<void> {
    await dataSource.getRepository(ComplaintHistoryEntity).insert({
      id: randomUUID(),
      complaintId,
      at: new Date(at),
      actorKind: values.agent ? 'agent' : 'system',
      actorId: values.agent ? AGENT_ID : null,
      fromState: values.fromState,
      toState: values.toState,
      why: values.why,
      step: values.step,
      details: values.details ?? null,
    });
  }

  it('shows the customer-facing steps oldest first, the dates, and the next date, never the internal lines', async () => {
    const c = await complaint('AB12-CD34-EF56', {
      state: 'in_review',
      reviewBy: new Date('2026-11-06T19:59:59Z'),
      resolveBy: new Date('2026-11-27T19:59:59Z'),
      acceptedAt: new Date('2026-11-03T07:00:00Z'),
    });
    // inserted out of order: the view sorts them
    await line(c.id, '2026-11-12T10:00:00Z', {
      fromState: 'in_review',
      toState: 'in_review',
      why: `resolution deadline extended: ${INTERNAL_WHY}`,
      step: 'complaint.extended',
      details: {
        resolveBy: '2026-11-27T19:59:59.000Z',
        previousResolveBy: '2026-11-16T19:59:59.000Z',
        reason: 'Ждём запчасть от производителя',
        rootCause: 'supplier-delay',
        agentName: 'Rəşad Əliyev',
      },
      agent: true,
    });
    await line(c.id, '2026-11-02T05:00:00Z', {
      fromState: 'received',
      toState: 'received',
      why: 'received',
      step: 'complaint.received',
      details: { acceptBy: '2026-11-05T19:59:59.000Z' },
    });
    await line(c.id, '2026-11-03T07:00:00Z', {
      fromState: 'received',
      toState: 'accepted',
      why: 'accepted',
      step: 'complaint.accepted',
      details: { reviewBy: '2026-11-06T19:59:59.000Z', resolveBy: '2026-11-16T19:59:59.000Z' },
      agent: true,
    });
    await line(c.id, '2026-11-03T07:30:00Z', { fromState: 'accepted', toState: 'accepted', why: INTERNAL_WHY, step: null, agent: true });
    await line(c.id, '2026-11-04T09:00:00Z', {
      fromState: 'accepted',
      toState: 'in_review',
      why: 'review started',
      step: 'complaint.review-started',
      details: { reviewBy: '2026-11-06T19:59:59.000Z' },
      agent: true,
    });

    const view = await lookUp.execute('ab12cd34ef56', 'AYSEL@example.az');

    expect(view).toEqual({
      reference: 'AB12-CD34-EF56',
      status: 'in_review',
      channel: 'web_form',
      receivedAt: '2026-11-02T05:00:00.000Z',
      deadlines: {
        acceptBy: '2026-11-05T19:59:59.000Z',
        reviewBy: '2026-11-06T19:59:59.000Z',
        resolveBy: '2026-11-27T19:59:59.000Z',
      },
      // the review date has passed (clock: 10 Nov), so the resolution date is the one to hold us to
      next: { kind: 'resolve', by: '2026-11-27T19:59:59.000Z' },
      history: [
        { at: '2026-11-02T05:00:00.000Z', step: 'complaint.received', details: { acceptBy: '2026-11-05T19:59:59.000Z' } },
        {
          at: '2026-11-03T07:00:00.000Z',
          step: 'complaint.accepted',
          details: { reviewBy: '2026-11-06T19:59:59.000Z', resolveBy: '2026-11-16T19:59:59.000Z' },
        },
        { at: '2026-11-04T09:00:00.000Z', step: 'complaint.review-started', details: { reviewBy: '2026-11-06T19:59:59.000Z' } },
        {
          at: '2026-11-12T10:00:00.000Z',
          step: 'complaint.extended',
          details: {
            resolveBy: '2026-11-27T19:59:59.000Z',
            previousResolveBy: '2026-11-16T19:59:59.000Z',
            reason: 'Ждём запчасть от производителя',
          },
        },
      ],
    });
    const json = JSON.stringify(view);
    for (const secret of [INTERNAL_WHY, 'Rəşad', AGENT_ID, 'supplier-delay', 'review started', 'agent']) {
      expect(json).not.toContain(secret);
    }
  });

  it('names the review date while it is still ahead', async () => {
    clock.at = new Date('2026-11-04T10:00:00Z');
    await complaint('RV12-RV34-RV56', { state: 'accepted', reviewBy: new Date('2026-11-06T19:59:59Z') });
    const view = await lookUp.execute('RV12-RV34-RV56', '+994 50 123 45 67');
    expect(view?.next).toEqual({ kind: 'review', by: '2026-11-06T19:59:59.000Z' });
  });

  it('shows the finished review with its result, and names the resolution date next though the review date is still ahead', async () => {
    clock.at = new Date('2026-11-05T10:00:00Z');
    const c = await complaint('RD12-RD34-RD56', { state: 'in_review', reviewBy: new Date('2026-11-06T19:59:59Z'), reviewedAt: new Date('2026-11-05T09:00:00Z') });
    await line(c.id, '2026-11-05T09:00:00Z', {
      fromState: 'in_review',
      toState: 'in_review',
      why: 'review finished',
      step: 'complaint.reviewed',
      details: { resolveBy: '2026-11-16T19:59:59.000Z', result: 'Мастер проверил машину: неисправен блок управления, заказали новый.' },
      agent: true,
    });
    const view = await lookUp.execute('RD12-RD34-RD56', 'aysel@example.az');
    expect(view?.history.at(-1)).toEqual({
      at: '2026-11-05T09:00:00.000Z',
      step: 'complaint.reviewed',
      details: { resolveBy: '2026-11-16T19:59:59.000Z', result: 'Мастер проверил машину: неисправен блок управления, заказали новый.' },
    });
    expect(view?.next).toEqual({ kind: 'resolve', by: '2026-11-16T19:59:59.000Z' });
  });

  it('gives an older complaint without history lines its arrival step and the acceptance date as next', async () => {
    await complaint('AGE1-AGE2-AGE3');
    const view = await lookUp.execute('AGE1-AGE2-AGE3', 'aysel@example.az');
    expect(view?.history).toEqual([
      { at: '2026-11-02T05:00:00.000Z', step: 'complaint.received', details: { acceptBy: '2026-11-05T19:59:59.000Z' } },
    ]);
    expect(view?.next).toEqual({ kind: 'accept', by: '2026-11-05T19:59:59.000Z' });
    expect(view?.deadlines).toEqual({ acceptBy: '2026-11-05T19:59:59.000Z', resolveBy: '2026-11-16T19:59:59.000Z' });
    expect(view).not.toHaveProperty('waitingFor');
    expect(view).not.toHaveProperty('mergedInto');
  });

  it('while waiting for the customer says what the last request asked for and names no date', async () => {
    const c = await complaint('WA12-WA34-WA56', { state: 'waiting_for_customer', reviewBy: new Date('2026-11-06T19:59:59Z') });
    await line(c.id, '2026-11-03T07:00:00Z', {
      fromState: 'received',
      toState: 'waiting_for_customer',
      why: 'accepted; required details missing: fullName',
      step: 'complaint.details-requested',
      details: { requested: 'fullName' },
    });
    await line(c.id, '2026-11-05T07:00:00Z', {
      fromState: 'in_review',
      toState: 'waiting_for_customer',
      why: 'details requested from customer: receipt photo',
      step: 'complaint.details-requested',
      details: { requested: 'essence, фото чека' },
      agent: true,
    });
    const view = await lookUp.execute('WA12-WA34-WA56', 'aysel@example.az');
    expect(view?.waitingFor).toEqual(['essence', 'фото чека']);
    expect(view).not.toHaveProperty('next');
    expect(view?.history.map((step) => step.step)).toEqual([
      'complaint.received',
      'complaint.details-requested',
      'complaint.details-requested',
    ]);
  });

  it('points a merged complaint at the one that goes on, without a date', async () => {
    const c = await complaint('ME12-ME34-ME56', { state: 'merged', mergedInto: 'SV12-SV34-SV56' });
    await line(c.id, '2026-11-03T07:00:00Z', {
      fromState: 'received',
      toState: 'merged',
      why: 'merged into SV12-SV34-SV56',
      step: 'complaint.merged',
      details: { survivingReference: 'SV12-SV34-SV56' },
    });
    const view = await lookUp.execute('ME12-ME34-ME56', 'aysel@example.az');
    expect(view?.mergedInto).toBe('SV12-SV34-SV56');
    expect(view).not.toHaveProperty('next');
    expect(view?.history.at(-1)).toEqual({
      at: '2026-11-03T07:00:00.000Z',
      step: 'complaint.merged',
      details: { survivingReference: 'SV12-SV34-SV56' },
    });
  });

  it('names no date once the complaint is resolved, and shows the outcome', async () => {
    const c = await complaint('RS12-RS34-RS56', { state: 'resolved', reviewBy: new Date('2026-11-06T19:59:59Z') });
    await line(c.id, '2026-11-09T07:00:00Z', {
      fromState: 'in_review',
      toState: 'resolved',
      why: 'resolved',
      step: 'complaint.resolved',
      details: { outcome: 'Машину заменили на новую.' },
      agent: true,
    });
    const view = await lookUp.execute('RS12-RS34-RS56', 'aysel@example.az');
    expect(view).not.toHaveProperty('next');
    expect(view?.history.at(-1)?.details).toEqual({ outcome: 'Машину заменили на новую.' });
  });

  it('answers "not found" alike for an unknown reference and for a contact that is not the complaint\'s', async () => {
    await complaint('NF12-NF34-NF56');
    expect(await lookUp.execute('NF12-NF34-NF56', 'aysel@example.az')).not.toBeNull();
    expect(await lookUp.execute('NF12-NF34-NF56', 'someone.else@example.az')).toBeNull();
    expect(await lookUp.execute('NF12-NF34-NF56', '+994509999999')).toBeNull();
    expect(await lookUp.execute('ZZZZ-ZZZZ-ZZZZ', 'aysel@example.az')).toBeNull();
    expect(await lookUp.execute('NF12-NF34-NF56', '')).toBeNull();
  });
});
