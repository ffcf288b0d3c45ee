import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { io, type Socket } from 'socket.io-client';
import { type RunningPlaint, startPlaint } from '../apps/plaint/src/bootstrap';
import { embeddedEnv } from './support/plaint-services';
import { Staff } from './support/staff';
import { waitFor } from './support/wait-for';

interface Changed {
  reference: string;
  state: string;
  why: string;
}

/**
 * The desk's API on the one-process install (SQLite, in-process bus): the search folds case in
 * every alphabet there too, and the /desk socket hears changes from the in-process bus.
 */
describe('the desk’s agent API on the embedded defaults', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'plaint-desk-api-'));
  let plaint: RunningPlaint;
  let staff: Staff;
  let socket: Socket | undefined;

  beforeAll(async () => {
    plaint = await startPlaint({ env: embeddedEnv(dataDir) });
    staff = await Staff.hire(plaint, [['aysel', 'agent']]);
  }, 60_000);

  afterAll(async () => {
    socket?.close();
    await plaint?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('tells a connected agent of a new complaint and its steps, and finds it by a Cyrillic name in any case', async () => {
    const changes: Changed[] = [];
    socket = io(`${plaint.url}/desk`, { transports: ['websocket'], forceNew: true, reconnection: false, auth: { token: staff.token('aysel') } });
    socket.on('complaint.changed', (change: Changed) => changes.push(change));
    await new Promise<void>((resolve, reject) => {
      socket?.once('connect', resolve);
      socket?.once('connect_error', reject);
    });

    const registered = await staff
      .as('aysel')
      .post('/api/v1/agent/intake', { channel: 'phone', fullName: 'Ольга Петрова', phone: '050 765 43 21', essence: 'Возврат не пришёл.', language: 'ru' })
      .expect(202);
    const reference = registered.body.reference as string;
    await waitFor(() => Promise.resolve(changes.filter((change) => change.reference === reference)), (found) => found.some((change) => change.why === 'new'), {
      what: 'complaint.changed (new)',
    });

    const found = await staff.as('aysel').get('/api/v1/agent/complaints?q=ОЛЬГА').expect(200);
    expect(found.body.items.map((complaint: { reference: string }) => complaint.reference)).toEqual([reference]);

    await staff.as('aysel').post(`/api/v1/agent/complaints/${reference}/accept`).expect(200);
    await waitFor(() => Promise.resolve(changes.filter((change) => change.reference === reference && change.why === 'step')), (steps) => steps.some((change) => change.state === 'accepted'), {
      what: 'complaint.changed (step) after accepting',
    });
  });

  it('counts the dashboard on SQLite as on Postgres', async () => {
    await staff.as('aysel').post('/api/v1/agent/intake', { channel: 'phone', fullName: 'Rəşad', phone: '050 111 22 33', essence: 'Still waiting.', language: 'az' }).expect(202);
    const board = await waitFor(
      async () => (await staff.as('admin').get('/api/v1/agent/dashboard').expect(200)).body as { byState: Record<string, number>; byDeadline: Record<string, number> },
      (found) => found.byState.received === 1,
      { what: 'the second complaint on the dashboard' },
    );
    expect(board.byState).toMatchObject({ received: 1, accepted: 1, waiting_for_customer: 0 });
    // Both were received just now: their earliest deadlines are business days ahead (past the week only around long holidays).
    expect({ ...board.byDeadline, ahead: (board.byDeadline.week ?? 0) + (board.byDeadline.later ?? 0) }).toMatchObject({ overdue: 0, today: 0, ahead: 2 });
  });

  it('keeps each agent’s desk language, the company’s until they choose, and refuses one the desk does not speak', async () => {
    const before = await staff.as('aysel').get('/api/v1/agent/me/preferences').expect(200);
    expect(before.body).toEqual({ language: plaint.config.policy.defaultLanguage, timeZone: plaint.config.policy.timeZone });
    expect((await staff.as('aysel').put('/api/v1/agent/me/preferences', { language: 'ru' }).expect(200)).body).toMatchObject({ language: 'ru' });
    expect((await staff.as('aysel').get('/api/v1/agent/me/preferences').expect(200)).body).toMatchObject({ language: 'ru' });
    // Another agent's choice is their own.
    expect((await staff.as('admin').get('/api/v1/agent/me/preferences').expect(200)).body).toMatchObject({ language: plaint.config.policy.defaultLanguage });
    const refused = await staff.as('aysel').put('/api/v1/agent/me/preferences', { language: 'de' }).expect(400);
    expect(refused.body).toMatchObject({ code: 'invalid', errors: [expect.objectContaining({ field: 'language' })] });
    await staff.as('aysel').put('/api/v1/agent/me/preferences', { language: 'en', extra: true }).expect(400);
  });
});
