import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { type RunningPlaint, startPlaint } from '../apps/plaint/src/bootstrap';
import { SlaClock } from '../apps/core/src/sla/sla-clock';
import { ChatClient } from './support/chat-client';
import { ManualClock } from './support/manual-clock';
import { Staff, STAFF_PASSWORD } from './support/staff';
import { createTestDatabase, queryDatabase, type TestDatabase } from './support/postgres';
import { newInstallation, serviceEnv } from './support/plaint-services';
import { describeWithRealParts } from './support/real-parts';
import { waitFor } from './support/wait-for';

const DAY = 86_400_000;

/**
 * The complaint policy end to end, as separate services on Kafka and Postgres with a clock the
 * test moves: a complaint walks through every step with agents working it over the REST API,
 * and the customer gets each written notice on the chat socket, in Russian, in order.
 */
describeWithRealParts('the complaint policy through Kafka and Postgres', (parts) => {
  // Monday 7 December 2026, 12:00 in Baku.
  const clock = new ManualClock(new Date('2026-12-07T08:00:00Z'));
  let db: TestDatabase;
  const services: RunningPlaint[] = [];
  let core: RunningPlaint;
  let secondCore: RunningPlaint;
  let chat: RunningPlaint;
  const clients: ChatClient[] = [];
  let staff: Staff;

  const rows = <T>(sql: string, params: unknown[] = []) => queryDatabase<T>(db.url, sql, params);

  beforeAll(async () => {
    db = await createTestDatabase(parts.postgresUrl);
    const installation = newInstallation(db.url);
    // The SLA clock's own timer is slowed right down: the test drives it with tick().
    const env = (app: string) => serviceEnv(parts, installation, app, { PLAINT_SLA_TICK_MS: '3600000' });
    for (const app of ['core', 'core', 'notifier', 'ingest-chat', 'ingest-web']) {
      services.push(await startPlaint({ env: env(app), overrides: { clock } }));
    }
    [core, secondCore, , chat] = services as [RunningPlaint, RunningPlaint, RunningPlaint, RunningPlaint];
    staff = await Staff.hire(core, [['aysel', 'agent'], ['kamran', 'agent'], ['sevda', 'supervisor']]);
  }, 180_000);

  afterAll(async () => {
    for (const client of clients) client.close();
    for (const service of services.reverse()) await service.close();
    await db?.drop();
  }, 120_000);

  const signIn = (username: string) => staff.signIn(username);
  const as = (username: string) => staff.as(username);

  async function customerChat(fullName: string, email: string) {
    const client = await ChatClient.connect(chat.url);
    clients.push(client);
    const started = await client.start({ fullName, email, language: 'ru' });
    if (!started.ok) throw new Error(`chat:start refused: ${started.error.message}`);
    return client;
  }

  async function noticeCount(client: ChatClient, n: number, what: string) {
    return waitFor(() => client.plaintLines(), (lines) => lines.length >= n, { what, timeoutMs: 30_000 });
  }

  it('walks a complaint through every step, each told to the customer in writing, in Russian, in order', async () => {
    const client = await customerChat('Олег Смирнов', 'oleg@example.az');
    await client.send(randomUUID(), 'Холодильник, купленный неделю назад, не морозит. Прошу заменить.');
    const [received] = await noticeCount(client, 1, 'the acknowledgement');
    const reference = received?.reference ?? '';
    expect(received?.text).toMatch(/зарегистрирована/i);

    // The complaint is in the unassigned queue; an agent takes it by working on it.
    const queue = await as('aysel').get('/api/v1/agent/complaints?state=received&assignee=none').expect(200);
    expect(queue.body.items.map((c: { reference: string }) => c.reference)).toContain(reference);
    const accepted = await as('aysel').post(`/api/v1/agent/complaints/${reference}/accept`).expect(200);
    expect(accepted.body).toMatchObject({ state: 'accepted', assigneeId: staff.id('aysel') });
    await as('aysel').post(`/api/v1/agent/complaints/${reference}/review`).expect(200);
    await as('aysel').post(`/api/v1/agent/complaints/${reference}/request-details`, { what: ['номер чека'] }).expect(200);
    await noticeCount(client, 4, 'accepted, review and request notices');

    // The clock stands still while the customer is asked; "статус" is answered, not filed.
    clock.advance(DAY);
    await client.send(randomUUID(), 'статус');
    const [, , , , status] = await noticeCount(client, 5, 'the status answer');
    expect(status?.text).toMatch(/номер чека/);

    clock.advance(DAY);
    await client.send(randomUUID(), 'Номер чека 4471-2209');
    // Bearer tokens are short-lived on the same clock: two days on, the agent signs in again.
    await as('aysel').get('/api/v1/agent/agents/me').expect(401);
    await signIn('aysel');
    await waitFor(
      async () => (await as('aysel').get(`/api/v1/agent/complaints/${reference}`)).body.state as string,
      (state) => state === 'in_review',
      { what: 'the answer to resume the review' },
    );

    const complaint = (await as('aysel').get(`/api/v1/agent/complaints/${reference}`).expect(200)).body;
    const newDate = '2027-01-15';
    await as('aysel').post(`/api/v1/agent/complaints/${reference}/extend`, { reason: 'ждём запчасть от производителя', newDate }).expect(200);
    await as('aysel')
      .post(`/api/v1/agent/complaints/${reference}/resolve`, { outcome: 'Холодильник заменён на новый 20 декабря.', rootCause: 'defective-product' })
      .expect(200);
    await as('aysel').post(`/api/v1/agent/complaints/${reference}/close`).expect(200);

    const lines = await noticeCount(client, 8, 'every notice');
    expect(lines).toHaveLength(8);
    const texts = lines.map((line) => line.text);
    // received, accepted, review started, details requested, status, extended, resolved, closed
    expect(texts[1]).toMatch(/принята/i);
    expect(texts[2]).toMatch(/рассмотр/i);
    expect(texts[3]).toMatch(/номер чека/);
    expect(texts[5]).toMatch(/ждём запчасть от производителя/);
    expect(texts[5]).toMatch(/15 января 2027/);
    expect(texts[6]).toMatch(/Холодильник заменён на новый/);
    expect(texts[7]).toMatch(/закрыт/i);
    for (const text of texts) expect(text).toMatch(/[а-яё]{4}/i);
    for (const line of lines) expect(line.reference).toBe(reference);
    expect(complaint.history.map((h: { actor: { kind: string } }) => h.actor.kind)).toEqual(expect.arrayContaining(['customer', 'agent']));

    // The web lookup shows the steps meant for the customer, and none of the internal lines.
    const lookup = await request(core.url)
      .get('/api/v1/complaints/status')
      .query({ reference, contact: 'oleg@example.az' })
      .expect(200);
    expect(lookup.body.status).toBe('closed');
    expect(lookup.body.history.map((h: { step: string }) => h.step)).toEqual([
      'complaint.received',
      'complaint.accepted',
      'complaint.review-started',
      'complaint.details-requested',
      'complaint.extended',
      'complaint.resolved',
      'complaint.closed',
    ]);
    expect(JSON.stringify(lookup.body)).not.toMatch(/aysel|customer answered|defective-product/);

    // Every change is in the audit history with the agent's id.
    const audit = await rows<{ actor_id: string; why: string }>(
      `SELECT h.actor_id, h.why FROM complaint_history h JOIN complaints c ON c.id = h.complaint_id
        WHERE c.reference = $1 AND h.actor_kind = 'agent' ORDER BY h.at`,
      [reference],
    );
    expect(audit.length).toBeGreaterThanOrEqual(6);
    expect(new Set(audit.map((line) => line.actor_id))).toEqual(new Set([staff.id('aysel')]));
  }, 120_000);

  it('escalates a breached deadline to supervisors exactly once, though two core instances run the clock', async () => {
    const client = await customerChat('Лейла Алиева', 'leyla@example.az');
    await client.send(randomUUID(), 'Курьер не привёз заказанную стиральную машину в назначенный день.');
    const [received] = await noticeCount(client, 1, 'the acknowledgement');
    const reference = received?.reference ?? '';
    const [complaint] = await rows<{ id: string; accept_by: Date }>('SELECT id, accept_by FROM complaints WHERE reference = $1', [reference]);

    // Just before the deadline: the queue is warned, nobody is escalated.
    clock.set(new Date(new Date(complaint!.accept_by).getTime() - 3_600_000));
    await Promise.all([core.app.get(SlaClock).tick(), secondCore.app.get(SlaClock).tick()]);
    clock.set(new Date(new Date(complaint!.accept_by).getTime() + 60_000));
    const passes = await Promise.all([
      core.app.get(SlaClock).tick(),
      secondCore.app.get(SlaClock).tick(),
      core.app.get(SlaClock).tick(),
      secondCore.app.get(SlaClock).tick(),
    ]);
    const raisedHere = passes.flat().filter((alert) => alert.complaintId === complaint!.id && alert.kind === 'breach');
    expect(raisedHere).toHaveLength(1);

    const alerts = await rows<{ kind: string; deadline: string; audience: string }>(
      'SELECT kind, deadline, audience FROM sla_alerts WHERE complaint_id = $1 ORDER BY created_at, kind',
      [complaint!.id],
    );
    expect(alerts).toEqual([
      { kind: 'warning', deadline: 'accept', audience: 'assignee' },
      { kind: 'breach', deadline: 'accept', audience: 'supervisors' },
    ]);
    const escalations = await rows('SELECT 1 FROM complaint_history WHERE complaint_id = $1 AND why LIKE $2', [complaint!.id, '%escalated to supervisors%']);
    expect(escalations).toHaveLength(1);

    // Tokens are short-lived: the clock moved days, so everyone signs in again.
    for (const username of ['sevda', 'aysel']) await signIn(username);
    const seen = await as('sevda').get('/api/v1/agent/alerts').expect(200);
    expect(seen.body).toEqual(expect.arrayContaining([expect.objectContaining({ complaintId: complaint!.id, kind: 'breach', audience: 'supervisors' })]));
    const agentView = await as('aysel').get('/api/v1/agent/alerts').expect(200);
    expect(agentView.body.some((a: { kind: string }) => a.kind === 'breach')).toBe(false);
  }, 120_000);

  it('refuses calls without a valid token, and calls the role does not allow', async () => {
    await request(core.url).get('/api/v1/agent/complaints').expect(401);
    await request(core.url).get('/api/v1/agent/complaints').set('Authorization', 'Bearer not-a-token').expect(401);
    await request(core.url).post('/api/v1/agent/intake').send({}).expect(401);
    for (const username of ['aysel', 'kamran', 'sevda']) await signIn(username);
    await as('aysel').get('/api/v1/agent/reports/compliance?from=2026-12-01&to=2027-01-01').expect(403);
    await as('aysel').post('/api/v1/agent/agents', { username: 'intruder', displayName: 'x', password: STAFF_PASSWORD, role: 'admin' }).expect(403);

    // A complaint Aysel took is not Kamran's to work on, nor to read.
    const client = await customerChat('Иван Петров', 'ivan@example.az');
    await client.send(randomUUID(), 'Телевизор привезли с трещиной на экране.');
    const [received] = await noticeCount(client, 1, 'the acknowledgement');
    const reference = received?.reference ?? '';
    await as('aysel').post(`/api/v1/agent/complaints/${reference}/assign`).expect(200);
    await as('kamran').post(`/api/v1/agent/complaints/${reference}/accept`).expect(403);
    await as('kamran').get(`/api/v1/agent/complaints/${reference}`).expect(403);
    await as('kamran').post(`/api/v1/agent/complaints/${reference}/assign`, { agentId: staff.id('kamran') }).expect(403);
    // A supervisor may reassign it, and the refusals changed nothing.
    const [row] = await rows<{ state: string }>('SELECT state FROM complaints WHERE reference = $1', [reference]);
    expect(row?.state).toBe('received');
    // Nor can a supervisor hand it to an account that does not exist.
    const nobody = await as('sevda').post(`/api/v1/agent/complaints/${reference}/assign`, { agentId: randomUUID() }).expect(400);
    expect(nobody.body).toMatchObject({ message: expect.stringMatching(/no active staff account/), errors: [{ field: 'agentId' }] });
    await as('sevda').post(`/api/v1/agent/complaints/${reference}/assign`, { agentId: staff.id('kamran') }).expect(200);
    await as('kamran').post(`/api/v1/agent/complaints/${reference}/accept`).expect(200);
  }, 120_000);

  it('lets exactly one of several simultaneous acceptances through; the others are refused with the reason', async () => {
    const client = await customerChat('Rauf Məmmədov', 'rauf@example.az');
    await client.send(randomUUID(), 'Tozsoran iki həftədir təmirdədir, heç kim zəng etmir.');
    const [received] = await noticeCount(client, 1, 'the acknowledgement');
    const reference = received?.reference ?? '';
    await signIn('sevda');
    const answers = await Promise.all([
      as('sevda').post(`/api/v1/agent/complaints/${reference}/accept`),
      as('sevda').post(`/api/v1/agent/complaints/${reference}/accept`),
      as('sevda').post(`/api/v1/agent/complaints/${reference}/accept`),
    ]);
    const statuses = answers.map((answer) => answer.status).sort();
    expect(statuses).toEqual([200, 409, 409]);
    const [complaint] = await rows<{ id: string; state: string }>('SELECT id, state FROM complaints WHERE reference = $1', [reference]);
    expect(complaint?.state).toBe('accepted');
    const steps = await rows<{ step: string }>('SELECT step FROM complaint_history WHERE complaint_id = $1 AND step IS NOT NULL ORDER BY at, id', [complaint!.id]);
    expect(steps.map((line) => line.step)).toEqual(['complaint.accepted']);
    const conflict = answers.find((answer) => answer.status === 409);
    expect(conflict?.body).toMatchObject({ code: 'invalid-transition', message: 'The complaint is accepted, so it cannot be accepted now' });
  }, 60_000);

  it('finishes the review on its own: the customer gets its result in writing, the review deadline stops, and the report counts it met though the resolution comes later', async () => {
    const client = await customerChat('Нигяр Гасанова', 'nigar@example.az');
    await client.send(randomUUID(), 'Посудомоечная машина протекает с первого дня.');
    const [received] = await noticeCount(client, 1, 'the acknowledgement');
    const reference = received?.reference ?? '';
    await signIn('aysel');
    await as('aysel').post(`/api/v1/agent/complaints/${reference}/accept`).expect(200);
    await as('aysel').post(`/api/v1/agent/complaints/${reference}/review`).expect(200);
    const [complaint] = await rows<{ id: string; review_by: Date; resolve_by: Date }>('SELECT id, review_by, resolve_by FROM complaints WHERE reference = $1', [reference]);

    // The result is required in writing, and no longer than a notice may be.
    const missing = await as('aysel').post(`/api/v1/agent/complaints/${reference}/finish-review`, {}).expect(400);
    expect(missing.body).toMatchObject({ message: 'Some fields are not valid', errors: [{ field: 'result', problems: expect.arrayContaining(['result should not be empty']) }] });
    const long = await as('aysel').post(`/api/v1/agent/complaints/${reference}/finish-review`, { result: 'я'.repeat(10_001) }).expect(400);
    expect(long.body.errors).toEqual([{ field: 'result', problems: ['result must be shorter than or equal to 10000 characters'] }]);
    const blank = await as('aysel').post(`/api/v1/agent/complaints/${reference}/finish-review`, { result: '  \n ' }).expect(422);
    expect(blank.body).toMatchObject({ code: 'result-required' });

    clock.advance(DAY);
    await signIn('aysel');
    const result = 'Мастер осмотрел машину: трещина в сливном шланге. Мы заказали новый шланг у производителя.';
    const reviewed = await as('aysel').post(`/api/v1/agent/complaints/${reference}/finish-review`, { result }).expect(200);
    expect(reviewed.body).toMatchObject({ state: 'in_review', deadlines: { next: { kind: 'resolve' } } });
    const again = await as('aysel').post(`/api/v1/agent/complaints/${reference}/finish-review`, { result: 'ещё раз' }).expect(409);
    expect(again.body).toMatchObject({ code: 'review-already-finished' });
    const [stored] = await rows<{ reviewed_at: Date }>('SELECT reviewed_at FROM complaints WHERE id = $1', [complaint!.id]);
    expect(new Date(stored!.reviewed_at).getTime()).toBe(clock.now().getTime());

    // The customer's written notice, on the chat, in Russian: the result and the date the resolution is due by.
    const lines = await noticeCount(client, 4, 'the review notice');
    expect(lines[3]?.text).toContain(result);
    expect(lines[3]?.text).toMatch(/рассмотрение вашей жалобы № .* завершено/i);
    const resolveDay = new Intl.DateTimeFormat('ru-RU', { dateStyle: 'long', timeZone: 'Asia/Baku' }).format(new Date(complaint!.resolve_by));
    expect(lines[3]?.text).toContain(`не позднее ${resolveDay}`);

    // Past the review deadline the SLA clock raises nothing for the review: it was finished.
    clock.set(new Date(new Date(complaint!.review_by).getTime() + 60_000));
    await core.app.get(SlaClock).tick();
    expect(await rows('SELECT 1 FROM sla_alerts WHERE complaint_id = $1 AND deadline = $2', [complaint!.id, 'review'])).toEqual([]);

    // The fix takes longer: the resolution comes after the review deadline, within its own.
    clock.advance(DAY);
    await signIn('aysel');
    await as('aysel')
      .post(`/api/v1/agent/complaints/${reference}/resolve`, { outcome: 'Шланг заменён, машина не протекает.', rootCause: 'courier-error' })
      .expect(200);
    await noticeCount(client, 5, 'the resolution notice');

    const lookup = await request(core.url).get('/api/v1/complaints/status').query({ reference, contact: 'nigar@example.az' }).expect(200);
    expect(lookup.body.history.map((h: { step: string }) => h.step)).toEqual([
      'complaint.received',
      'complaint.accepted',
      'complaint.review-started',
      'complaint.reviewed',
      'complaint.resolved',
    ]);
    expect(lookup.body.history[3].details).toMatchObject({ result });

    await signIn('sevda');
    const list = await as('sevda').get('/api/v1/agent/reports/compliance/complaints?from=2026-12-01&to=2027-01-01').expect(200);
    const row = (list.body.complaints as { reference: string }[]).find((r) => r.reference === reference);
    expect(row).toMatchObject({
      reviewedAt: new Date(stored!.reviewed_at).toISOString(),
      review: { by: new Date(complaint!.review_by).toISOString(), status: 'met' },
      resolve: { status: 'met' },
      outcome: 'met',
      notices: expect.arrayContaining([expect.objectContaining({ event: 'complaint.reviewed', channel: 'chat' })]),
    });
    expect(new Date((row as unknown as { resolvedAt: string }).resolvedAt).getTime()).toBeGreaterThan(new Date(complaint!.review_by).getTime());
  }, 120_000);

  it('gives supervisors the compliance report as JSON and CSV', async () => {
    await signIn('sevda');
    const json = await as('sevda').get('/api/v1/agent/reports/compliance?from=2026-12-01&to=2027-01-01').expect(200);
    expect(json.body.complaints).toBeGreaterThanOrEqual(3);
    expect(json.body.extended).toBe(1);
    expect(json.body.breached).toBeGreaterThanOrEqual(1);
    expect(json.body.byRootCause).toEqual([
      { rootCause: 'courier-error', complaints: 1 },
      { rootCause: 'defective-product', complaints: 1 },
    ]);
    const csv = await as('sevda').get('/api/v1/agent/reports/compliance?from=2026-12-01&to=2027-01-01&format=csv').expect(200);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    expect(csv.text.split('\r\n')[0]).toBe('section,metric,value');
    expect(csv.text).toMatch(/defective-product/);

    // Complaint by complaint: the extended one shows its reason, its deadlines and its notices, and no one's name or address.
    type Row = { reference: string; outcome: string; resolve: { status: string }; extensions: { reason: string }[]; notices: { event: string; status: string }[] };
    const list = await as('sevda').get('/api/v1/agent/reports/compliance/complaints?from=2026-12-01&to=2027-01-01').expect(200);
    const listed = list.body.complaints as Row[];
    const extended = listed.filter((row) => row.extensions.length > 0);
    expect(extended).toHaveLength(1);
    expect(extended[0]).toMatchObject({ resolve: { status: 'met' }, extensions: [{ reason: 'ждём запчасть от производителя' }] });
    expect(extended[0]?.notices.map((notice) => notice.event)).toEqual(expect.arrayContaining(['complaint.accepted', 'complaint.extended', 'complaint.resolved']));
    expect(JSON.stringify(list.body)).not.toMatch(/Олег|oleg@example\.az/);
    const missed = await as('sevda').get('/api/v1/agent/reports/compliance/complaints?from=2026-12-01&to=2027-01-01&outcome=missed').expect(200);
    // The breached complaint of the escalation test missed a deadline; the extended one did not.
    const [breached] = await rows<{ reference: string }>("SELECT c.reference FROM complaints c JOIN sla_alerts a ON a.complaint_id = c.id WHERE a.kind = 'breach' LIMIT 1");
    const missedReferences = (missed.body.complaints as Row[]).map((row) => row.reference);
    expect(missedReferences).toContain(breached?.reference);
    expect(missedReferences).not.toContain(extended[0]?.reference);
    expect((missed.body.complaints as Row[]).every((row) => row.outcome === 'missed')).toBe(true);
    const rowsCsv = await as('sevda').get('/api/v1/agent/reports/compliance/complaints?from=2026-12-01&to=2027-01-01&format=csv').expect(200);
    expect(rowsCsv.headers['content-type']).toMatch(/text\/csv/);
    expect(rowsCsv.text.split('\r\n')).toHaveLength(listed.length + 2);
  }, 60_000);
});
