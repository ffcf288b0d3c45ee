import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { type RunningPlaint, startPlaint } from '../apps/plaint/src/bootstrap';
import { ManualClock } from './support/manual-clock';
import { embeddedEnv } from './support/plaint-services';
import { Staff } from './support/staff';
import { waitFor } from './support/wait-for';

interface BusinessTimeLeft {
  overdue: boolean;
  days: number;
  hours: number;
  minutes: number;
}

interface Summary {
  reference: string;
  state: string;
  deadlines: { next: { kind: string; by: string; businessTimeLeft: BusinessTimeLeft } | null };
}

/**
 * Business time on the agent API, on the one-process install with the installation's clock
 * moved by hand: the time left to a complaint's next deadline on the Azerbaijani business
 * calendar in every answer that carries it, the business days of a period for the desk's date
 * picker, and an extension refused on a day off.
 */
describe('business time on the agent API', () => {
  // Friday 18 December 2026, noon in Baku.
  const clock = new ManualClock(new Date('2026-12-18T08:00:00Z'));
  const dataDir = mkdtempSync(join(tmpdir(), 'plaint-business-time-'));
  let plaint: RunningPlaint;
  let staff: Staff;
  let reference: string;

  const as = (who: string) => staff.as(who);
  const listed = async (): Promise<Summary> =>
    ((await as('aysel').get(`/api/v1/agent/complaints?q=${reference}`).expect(200)).body.items as Summary[])[0] as Summary;
  const calendar = (query: string) => as('aysel').get(`/api/v1/agent/calendar${query}`);

  beforeAll(async () => {
    plaint = await startPlaint({ env: embeddedEnv(dataDir, { PLAINT_TIME_ZONE: 'Asia/Baku', PLAINT_HOLIDAY_COUNTRY: 'AZ' }), overrides: { clock } });
    staff = await Staff.hire(plaint, [['aysel', 'agent']]);
    const registered = await as('aysel')
      .post('/api/v1/agent/intake', { channel: 'phone', fullName: 'Rəşad Məmmədov', phone: '050 123 45 67', essence: 'The washing machine leaks.', language: 'en' })
      .expect(202);
    reference = registered.body.reference as string;
    await waitFor(async () => (await as('aysel').get(`/api/v1/agent/complaints/${reference}`)).status, (status) => status === 200, {
      what: `complaint ${reference} to be recorded`,
    });
  }, 60_000);

  afterAll(async () => {
    await plaint?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('leaves the weekend out of the time left: Friday noon to the end of Wednesday is three business days and twelve hours', async () => {
    const expected = { kind: 'accept', by: '2026-12-23T19:59:59.999Z', businessTimeLeft: { overdue: false, days: 3, hours: 12, minutes: 0 } };
    expect((await listed()).deadlines.next).toEqual(expected);
    expect((await as('aysel').get(`/api/v1/agent/complaints/${reference}`).expect(200)).body.deadlines.next).toEqual(expected);
    expect((await as('aysel').get(`/api/v1/agent/complaints/${reference}/timeline`).expect(200)).body.complaint.deadlines.next).toEqual(expected);
  });

  it('counts the business time since a passed deadline, and the public holidays out of the next one', async () => {
    // Tuesday 29 December, 10:00: Thursday 24, Friday 25, Monday 28 and ten hours since the end of Wednesday 23.
    clock.set(new Date('2026-12-29T06:00:00Z'));
    await staff.signIn('aysel');
    expect((await listed()).deadlines.next?.businessTimeLeft).toEqual({ overdue: true, days: 3, hours: 10, minutes: 0 });

    // Accepted now, it is reviewed within three business days: Wednesday 30 December, then (after
    // Solidarity Day, New Year and the Monday New Year's Saturday moves to) 5 and 6 January.
    const accepted = (await as('aysel').post(`/api/v1/agent/complaints/${reference}/accept`).expect(200)).body as Summary;
    expect(accepted.deadlines.next).toEqual({ kind: 'review', by: '2027-01-06T19:59:59.999Z', businessTimeLeft: { overdue: false, days: 3, hours: 14, minutes: 0 } });
  });

  it('gives the business days of a period, and of this month without one', async () => {
    const period = await calendar('?from=2026-12-28&to=2027-01-08').expect(200);
    expect(period.body).toEqual({
      timeZone: 'Asia/Baku',
      today: '2026-12-29',
      from: '2026-12-28',
      to: '2027-01-08',
      businessDays: ['2026-12-28', '2026-12-29', '2026-12-30', '2027-01-05', '2027-01-06', '2027-01-07', '2027-01-08'],
    });
    const month = await calendar('').expect(200);
    expect(month.body).toMatchObject({ today: '2026-12-29', from: '2026-12-01', to: '2026-12-31' });
    expect(month.body.businessDays).toHaveLength(22);
    expect(month.body.businessDays).not.toContain('2026-12-31');
  });

  it('refuses a period that is not one: a missing end, an impossible date, backwards, or longer than a year', async () => {
    for (const query of ['?from=2026-12-01', '?from=2026-02-30&to=2026-03-10', '?from=2026-12-10&to=2026-12-01', '?from=2026-01-01&to=2027-01-02', '?from=tomorrow&to=2026-12-31']) {
      const refused = await calendar(query);
      expect({ query, status: refused.status, code: refused.body.code }).toEqual({ query, status: 400, code: 'invalid' });
    }
    await calendar('?from=2026-01-01&to=2027-01-01').expect(200);
    await request(plaint.url).get('/api/v1/agent/calendar').expect(401);
  });

  it('refuses to extend to a day off, and takes a business day', async () => {
    const extend = (newDate: string) => as('aysel').post(`/api/v1/agent/complaints/${reference}/extend`, { reason: 'The part comes from the factory', newDate });
    // Resolution is due by the end of Wednesday 6 January; the weekend after it is off.
    for (const newDate of ['2027-01-09', '2027-01-10']) {
      const refused = await extend(newDate).expect(422);
      expect(refused.body).toMatchObject({ code: 'date-not-business-day', message: `${newDate} is not a business day; choose a working day` });
    }
    const extended = (await extend('2027-01-08').expect(200)).body as { deadlines: { resolveBy: string } };
    expect(extended.deadlines.resolveBy).toBe('2027-01-08T19:59:59.999Z');
  });

  it('describes the business time left and the calendar in the OpenAPI document', async () => {
    const document = (await request(plaint.url).get('/api/v1/openapi.json').expect(200)).body as {
      paths: Record<string, unknown>;
      components: { schemas: Record<string, { properties?: Record<string, { allOf?: { $ref: string }[] }> }> };
    };
    expect(Object.keys(document.paths)).toContain('/api/v1/agent/calendar');
    expect(document.components.schemas.NextDeadlineView?.properties?.businessTimeLeft?.allOf).toEqual([{ $ref: '#/components/schemas/BusinessTimeLeftView' }]);
    expect(Object.keys(document.components.schemas.BusinessTimeLeftView?.properties ?? {})).toEqual(['overdue', 'days', 'hours', 'minutes']);
    expect(Object.keys(document.components.schemas.BusinessDaysView?.properties ?? {})).toEqual(['timeZone', 'today', 'from', 'to', 'businessDays']);
  });
});
