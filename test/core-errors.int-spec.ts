import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { type RunningPlaint, startPlaint } from '../apps/plaint/src/bootstrap';
import { LogSink } from './support/log-sink';
import { ManualClock } from './support/manual-clock';
import { Staff } from './support/staff';
import { embeddedEnv } from './support/plaint-services';

/**
 * A clock that breaks on demand inside staff intake's use case only, as a bug there would: the
 * sign-in check before it reads the clock too and must still pass.
 */
class BreakableClock extends ManualClock {
  broken = false;

  override now(): Date {
    if (this.broken && new Error().stack?.includes('register-staff-complaint')) throw new TypeError('clock fault while registering');
    return super.now();
  }
}

/**
 * Core's one error convention on the one-process install: every route answers errors in one
 * shape, and a fault of ours is logged with its stack and answered 500, not dressed up as an
 * outage the client should retry.
 */
describe('errors on core’s routes', () => {
  const clock = new BreakableClock(new Date('2026-12-07T08:00:00Z'));
  const dataDir = mkdtempSync(join(tmpdir(), 'plaint-errors-'));
  const destination = new LogSink();
  let plaint: RunningPlaint;
  let staff: Staff;

  beforeAll(async () => {
    plaint = await startPlaint({
      env: embeddedEnv(dataDir, { PLAINT_SLA_TICK_MS: '3600000' }),
      overrides: { clock },
      logDestination: destination,
    });
    staff = await Staff.hire(plaint, [['aysel', 'agent']]);
  }, 60_000);

  afterAll(async () => {
    clock.broken = false;
    await plaint?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers a fault inside staff intake 500, and logs it with its stack first', async () => {
    clock.broken = true;
    try {
      const answer = await staff
        .as('aysel')
        .post('/api/v1/agent/intake', { channel: 'phone', fullName: 'Leyla Aliyeva', phone: '+994501234567', essence: 'The parcel never came.' })
        .expect(500);
      expect(answer.body).toEqual({ statusCode: 500, code: 'internal', message: 'Something went wrong on our side; please try again later' });
    } finally {
      clock.broken = false;
    }
    expect(destination.text).toContain('TypeError: clock fault while registering');
    expect(destination.text).not.toContain('not accepted by the bus');
  });

  it('answers refusals in the same shape on every route', async () => {
    const unknown = await staff.as('aysel').get('/api/v1/agent/complaints/AAAA-BBBB-CCCC').expect(404);
    expect(unknown.body).toEqual({ statusCode: 404, code: 'complaint-not-found', message: 'No such complaint' });
    const invalid = await staff.as('aysel').post('/api/v1/agent/intake', { channel: 'phone' }).expect(400);
    expect(invalid.body).toMatchObject({ statusCode: 400, code: 'invalid', message: 'Some fields are not valid', errors: expect.any(Array) });
    const status = await request(plaint.url).get('/api/v1/complaints/status?reference=AAAA-BBBB-CCCC&contact=someone@mail.test').expect(404);
    expect(status.body).toEqual({ statusCode: 404, code: 'complaint-not-found', message: 'No complaint found for this reference and contact' });
    const unsigned = await request(plaint.url).get('/api/v1/agent/alerts').expect(401);
    expect(unsigned.body).toMatchObject({ statusCode: 401, code: 'unauthorized', message: expect.any(String) });
  });
});
