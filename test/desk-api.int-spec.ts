import { randomUUID } from 'node:crypto';
import { io, type Socket } from 'socket.io-client';
import { type RunningPlaint, startPlaint } from '../apps/plaint/src/bootstrap';
import { MessageBus } from '../libs/bus/src';
import { INBOUND_TOPIC, type InboundMessageV1 } from '../libs/contracts/src';
import { ManualClock } from './support/manual-clock';
import { createTestDatabase, queryDatabase, type TestDatabase } from './support/postgres';
import { newInstallation, serviceEnv } from './support/plaint-services';
import { describeWithRealParts } from './support/real-parts';
import { Staff } from './support/staff';
import { waitFor } from './support/wait-for';
import { inboundMail } from './support/inbound-mail';

const DAY = 86_400_000;

interface Summary {
  id: string;
  reference: string;
  state: string;
  channel: string;
  assigneeId: string | null;
  deadlines: { next: { kind: string; by: string } | null };
}

interface TimelineItem {
  kind: 'message' | 'notice' | 'step' | 'note' | 'merge';
  at: string;
  channel?: string;
  text?: string;
  attachments?: number;
  eventType?: string;
  status?: string;
  reason?: string | null;
  actor?: { kind: string; id: string | null; name: string | null };
  from?: string;
  to?: string;
  why?: string;
  step?: string | null;
}

interface Timeline {
  complaint: Summary & { actions: string[] };
  customer: { id: string; name: string | null; identities: { kind: string; value: string; verified: boolean }[]; otherComplaints: { reference: string; state: string }[] };
  items: TimelineItem[];
}

interface Dashboard {
  byState: Record<string, number>;
  byDeadline: { overdue: number; today: number; week: number; later: number };
  breaches: Summary[];
  nearBreaches: Summary[];
}

/**
 * The agent API the desk is built on, over Kafka and Postgres: the inbox's search and deadline
 * filters, and one complaint's timeline with the actions it offers. What is asserted is what an
 * agent sees through the API, and that the desk's buttons match what the API then accepts.
 */
describeWithRealParts('the desk’s agent API, on Kafka and Postgres', (parts) => {
  // Monday 7 December 2026, 12:00 in Baku.
  const clock = new ManualClock(new Date('2026-12-07T08:00:00Z'));
  const run = randomUUID().slice(0, 8);
  let db: TestDatabase;
  let core: RunningPlaint;
  let notifier: RunningPlaint;
  let staff: Staff;
  const slow = { timeoutMs: 60_000, intervalMs: 200 };

  const as = (who: string) => staff.as(who);
  const list = async (who: string, query: Record<string, string>): Promise<Summary[]> =>
    (await as(who).get(`/api/v1/agent/complaints?${new URLSearchParams(query).toString()}`).expect(200)).body.items as Summary[];
  const references = async (who: string, query: Record<string, string>) => (await list(who, query)).map((complaint) => complaint.reference);
  const dashboard = async (): Promise<Dashboard> => (await as('sevda').get('/api/v1/agent/dashboard').expect(200)).body as Dashboard;
  const timeline = async (reference: string, who: string): Promise<Timeline> =>
    (await as(who).get(`/api/v1/agent/complaints/${reference}/timeline`).expect(200)).body as Timeline;

  /** A complaint taken by phone, once core has recorded it. */
  async function byPhone(who: string, body: Record<string, unknown>): Promise<string> {
    const response = await as(who)
      .post('/api/v1/agent/intake', { channel: 'phone', language: 'en', essence: `Complaint ${run}`, ...body })
      .expect(202);
    const reference = response.body.reference as string;
    await waitFor(async () => (await as('sevda').get(`/api/v1/agent/complaints/${reference}`)).status, (status) => status === 200, {
      ...slow,
      what: `complaint ${reference} to be recorded`,
    });
    return reference;
  }

  /** A customer's mail as the mailbox adapter publishes it. */
  const customerMail = (from: { name: string; email: string }, text: string, conversation: string): InboundMessageV1 =>
    inboundMail({ from, text, conversation, receivedAt: clock.now(), mailbox: `care-${run}@plaint.test/INBOX` });
  const deliver = (message: InboundMessageV1) =>
    core.app.get(MessageBus).publish(INBOUND_TOPIC, [{ key: `email:${message.sender.email ?? ''}`, value: message, headers: {} }]);
  const complaintOf = async (email: string): Promise<Summary> =>
    (await waitFor(() => list('sevda', { q: email }), (found) => found.length === 1, { ...slow, what: `the complaint of ${email}` }))[0] as Summary;

  beforeAll(async () => {
    db = await createTestDatabase(parts.postgresUrl);
    const installation = newInstallation(db.url);
    const env = { PLAINT_TIME_ZONE: 'Asia/Baku', PLAINT_DEFAULT_LANGUAGE: 'en', PLAINT_SLA_TICK_MS: '3600000', PLAINT_SLA_WARN_BEFORE_MINUTES: '120' };
    core = await startPlaint({ env: serviceEnv(parts, installation, 'core', env), overrides: { clock } });
    notifier = await startPlaint({ env: serviceEnv(parts, installation, 'notifier', env) });
    staff = await Staff.hire(core, [
      ['aysel', 'agent'],
      ['kamran', 'agent'],
      ['sevda', 'supervisor'],
    ]);
  }, 180_000);

  afterAll(async () => {
    await notifier?.close();
    await core?.close();
    await db?.drop();
  }, 120_000);

  describe('the inbox search', () => {
    let resad: string;
    let olga: string;
    let kamrans: string;
    const olgaEmail = `olga-${run}@customer.test`;

    beforeAll(async () => {
      resad = await byPhone('aysel', { fullName: 'Rəşad Məmmədov', phone: '050 123 45 67', essence: `The washing machine leaks (${run}).` });
      const conversation = `<${randomUUID()}@customer.test>`;
      await deliver(customerMail({ name: 'Ольга Петрова', email: olgaEmail }, `Возврат за заказ не пришёл (${run}).`, conversation));
      olga = (await complaintOf(olgaEmail)).reference;
      // A further message of the same conversation joins the complaint.
      await deliver(customerMail({ name: 'Ольга Петрова', email: olgaEmail }, 'And the courier left the DRUM dented.', conversation));
      await waitFor(() => timeline(olga, 'sevda'), (found) => found.items.filter((item) => item.kind === 'message').length === 2, {
        ...slow,
        what: 'the second message on the complaint',
      });
      kamrans = await byPhone('sevda', { fullName: `Kamran's customer ${run}`, phone: '+994 55 765 43 21', essence: `A private matter of ${run}.` });
      await as('sevda').post(`/api/v1/agent/complaints/${kamrans}/assign`, { agentId: staff.id('kamran') }).expect(200);
    }, 120_000);

    it('finds a complaint by its reference typed without dashes, in any case', async () => {
      expect(await references('aysel', { q: resad.replace(/-/g, '').toLowerCase() })).toEqual([resad]);
    });

    it('finds by the customer’s name in any case, Latin or Cyrillic, and by the e-mail address', async () => {
      expect(await references('aysel', { q: 'MƏMMƏDOV' })).toContain(resad);
      expect(await references('aysel', { q: `ольга ${run}` })).toEqual([olga]);
      expect(await references('aysel', { q: olgaEmail.toUpperCase() })).toEqual([olga]);
    });

    it('finds by the phone number’s digits, as the customer says them or in the international form', async () => {
      expect(await references('aysel', { q: '050 123 45 67' })).toContain(resad);
      expect(await references('aysel', { q: '+994501234567' })).toContain(resad);
    });

    it('finds by words of any message of the complaint, each word somewhere in it', async () => {
      expect(await references('aysel', { q: 'drum dented' })).toEqual([olga]);
      expect(await references('aysel', { q: `dented ${run}` })).toEqual([olga]);
      expect(await references('aysel', { q: 'drum washing' })).toEqual([]);
    });

    it('never shows an agent a complaint another agent has, however it is searched; a supervisor finds it', async () => {
      for (const q of [kamrans, `private matter ${run}`, '0557654321']) {
        expect(await references('aysel', { q })).toEqual([]);
        expect(await references('sevda', { q })).toEqual([kamrans]);
      }
      expect(await references('kamran', { q: kamrans })).toEqual([kamrans]);
    });
  });

  describe('deadline filters and order', () => {
    const marker = `deadline-${run}`;
    let waiting: string;
    let monday: string;
    let tuesday: string;

    beforeAll(async () => {
      // The oldest, but its clock stands still while the customer is asked for details.
      waiting = await byPhone('sevda', { fullName: 'Waiting Customer', phone: '050 000 00 00', essence: `Waits for a receipt ${marker}` });
      await as('sevda').post(`/api/v1/agent/complaints/${waiting}/accept`).expect(200);
      await as('sevda').post(`/api/v1/agent/complaints/${waiting}/request-details`, { what: ['receipt number'] }).expect(200);
      clock.advance(60_000);
      monday = await byPhone('sevda', { fullName: 'Monday Customer', phone: '050 000 00 01', essence: `Received on Monday ${marker}` });
      clock.advance(DAY);
      await staff.signIn('sevda');
      tuesday = await byPhone('sevda', { fullName: 'Tuesday Customer', phone: '050 000 00 02', essence: `Received on Tuesday ${marker}` });
    }, 120_000);

    it('puts the nearest running deadline first by default, those without one last; oldest or newest first when asked', async () => {
      expect(await references('sevda', { q: marker })).toEqual([monday, tuesday, waiting]);
      expect(await references('sevda', { q: marker, sort: 'oldest' })).toEqual([waiting, monday, tuesday]);
      expect(await references('sevda', { q: marker, sort: 'newest' })).toEqual([tuesday, monday, waiting]);
    });

    it('tells what is overdue and what is due today in the company’s time zone', async () => {
      // Friday 11 December, 10:00 in Baku: Monday's acceptance (by Thursday) has passed, Tuesday's ends today.
      clock.set(new Date('2026-12-11T06:00:00Z'));
      await staff.signIn('sevda');
      expect(await references('sevda', { q: marker, due: 'overdue' })).toEqual([monday]);
      expect(await references('sevda', { q: marker, due: 'today' })).toEqual([tuesday]);
      const board = await dashboard();
      expect(board.breaches.map((complaint) => complaint.reference)).toContain(monday);
      expect(board.breaches.map((complaint) => complaint.reference)).not.toContain(tuesday);
      expect(board.byDeadline.overdue).toBe(board.breaches.length);
      expect(board.byDeadline.today).toBeGreaterThanOrEqual(1);
      expect(board.byState.waiting_for_customer).toBeGreaterThanOrEqual(1);
      // Accepting Monday's starts its review: three business days from now, neither overdue nor due today.
      await as('sevda').post(`/api/v1/agent/complaints/${monday}/accept`).expect(200);
      expect(await references('sevda', { q: marker, due: 'overdue' })).toEqual([]);
      expect(await references('sevda', { q: marker })).toEqual([tuesday, monday, waiting]);
    });

    it('shows supervisors the complaints within the warning window of a deadline, and agents no dashboard', async () => {
      // Friday 22:30 in Baku: Tuesday's acceptance ends at midnight, inside the two hours' warning.
      clock.set(new Date('2026-12-11T18:30:00Z'));
      await staff.signIn('sevda');
      const board = await dashboard();
      expect(board.nearBreaches.map((complaint) => complaint.reference)).toContain(tuesday);
      expect(board.nearBreaches.map((complaint) => complaint.reference)).not.toContain(monday);
      expect(board.byState).toMatchObject({ received: expect.any(Number), accepted: expect.any(Number), waiting_for_customer: expect.any(Number) });
      await staff.signIn('aysel');
      await as('aysel').get('/api/v1/agent/dashboard').expect(403);
    });

    it('gives the compliance report of the period week by week, in JSON and CSV', async () => {
      await staff.signIn('sevda');
      const report = await as('sevda').get('/api/v1/agent/reports/compliance?from=2026-12-07&to=2026-12-21').expect(200);
      const weeks = report.body.byWeek as { week: string; complaints: number; acceptedWithinDeadline: number }[];
      // Every complaint of this file so far came in the week of Monday 7 December.
      expect(weeks.map((week) => week.week)).toEqual(['2026-12-07']);
      expect(weeks[0]?.complaints).toBe(report.body.complaints);
      const csv = await as('sevda').get('/api/v1/agent/reports/compliance?from=2026-12-07&to=2026-12-21&format=csv').expect(200);
      expect(csv.text).toContain(`week 2026-12-07,complaints,${String(report.body.complaints)}\r\n`);
    });

    it('refuses a due filter it does not know, saying which field', async () => {
      const refused = await as('sevda').get('/api/v1/agent/complaints?due=tomorrow').expect(400);
      expect(refused.body).toMatchObject({ statusCode: 400, code: 'invalid' });
      expect(JSON.stringify(refused.body.errors)).toContain('due');
    });
  });

  describe('one complaint’s timeline', () => {
    const nigar = { name: 'Nigar Əliyeva', email: `nigar-${run}@customer.test` };
    const conversation = `<${randomUUID()}@customer.test>`;
    let reference: string;
    const step = () => clock.advance(60_000);

    /** A valid body for each of the desk's actions, so only the complaint's state can refuse it. */
    const bodies: Record<string, object> = {
      accept: {},
      'request-details': { what: ['receipt number'] },
      review: {},
      'finish-review': { result: 'The warehouse photos show the drum was dented in transit.' },
      extend: { reason: 'The supplier answers next month', newDate: '2027-02-26' },
      resolve: { outcome: 'A new drum is fitted', rootCause: 'delivery-damage' },
      close: {},
      reject: { reason: 'Not ours' },
      unmerge: {},
    };

    beforeAll(async () => {
      await deliver(customerMail(nigar, `The dryer arrived with a dented DRUM (${run}).`, conversation));
      reference = (await complaintOf(nigar.email)).reference;
    }, 60_000);

    it('offers an agent only the actions the API then takes: every other one is refused and changes nothing', async () => {
      await staff.signIn('aysel');
      const offered = (await timeline(reference, 'aysel')).complaint.actions;
      expect(offered).toEqual(['accept', 'reply', 'note', 'extend', 'assign']);
      for (const [action, body] of Object.entries(bodies)) {
        if (offered.includes(action)) continue;
        const refused = await as('aysel').post(`/api/v1/agent/complaints/${reference}/${action}`, body);
        expect({ action, status: refused.status >= 400 && refused.status < 500 }).toEqual({ action, status: true });
        expect(typeof refused.body.message).toBe('string');
      }
      const merged = await as('aysel').post(`/api/v1/agent/complaints/${reference}/merge`, { into: reference });
      expect(merged.status).toBe(403);
      expect((await timeline(reference, 'aysel')).complaint).toMatchObject({ state: 'received', assigneeId: null });

      step();
      await as('aysel').post(`/api/v1/agent/complaints/${reference}/accept`).expect(200);
      const after = await timeline(reference, 'aysel');
      expect(after.complaint).toMatchObject({ state: 'accepted', assigneeId: staff.id('aysel') });
      expect(after.complaint.actions).toEqual(['request-details', 'review', 'finish-review', 'reply', 'note', 'extend']);
      await as('aysel').post(`/api/v1/agent/complaints/${reference}/close`).expect(409);
      // Another agent sees neither the complaint nor its actions now that it is Aysel's.
      await staff.signIn('kamran');
      await as('kamran').get(`/api/v1/agent/complaints/${reference}/timeline`).expect(403);
    });

    it('lists the messages, notices with their delivery state, steps and notes in the order they happened, with who did them', async () => {
      step();
      await as('aysel').post(`/api/v1/agent/complaints/${reference}/notes`, { text: 'Called the warehouse' }).expect(201);
      step();
      await as('aysel').post(`/api/v1/agent/complaints/${reference}/replies`, { text: 'We are checking with the warehouse.' }).expect(200);
      step();
      await deliver(customerMail(nigar, 'Any news? The DRUM still rattles.', conversation));
      const shown = await waitFor(
        () => timeline(reference, 'aysel'),
        (found) =>
          found.items.filter((item) => item.kind === 'message').length === 2 &&
          ['complaint.accepted', 'complaint.reply'].every((type) => found.items.some((item) => item.kind === 'notice' && item.eventType === type)),
        { ...slow, what: 'the second message and the notices on the timeline' },
      );
      const lines = shown.items
        .filter((item) => item.kind !== 'notice')
        .map((item) => (item.kind === 'message' ? `message: ${item.text ?? ''}` : item.kind === 'note' ? `note by ${item.actor?.name ?? '?'}: ${item.text ?? ''}` : `step by ${item.actor?.name ?? '?'}: ${item.why ?? ''}`));
      expect(lines).toEqual([
        'step by Nigar Əliyeva: received on email',
        `message: The dryer arrived with a dented DRUM (${run}).`,
        'step by aysel: taken by aysel',
        'step by aysel: accepted',
        'note by aysel: Called the warehouse',
        'step by aysel: replied to the customer',
        'message: Any news? The DRUM still rattles.',
      ]);
      const at = shown.items.map((item) => Date.parse(item.at));
      expect(at).toEqual([...at].sort((a, b) => a - b));
      const notices = shown.items.filter((item) => item.kind === 'notice');
      expect(notices.map((notice) => notice.eventType)).toEqual(expect.arrayContaining(['complaint.accepted', 'complaint.reply']));
      for (const notice of notices) expect(['pending', 'sent', 'failed']).toContain(notice.status);
      expect(shown.items.find((item) => item.kind === 'message')).toMatchObject({ channel: 'email', attachments: 0 });
      expect(shown.customer).toMatchObject({ name: 'Nigar Əliyeva', identities: [{ kind: 'email', value: nigar.email }], otherComplaints: [] });
    });

    it('shows a merge on the merged complaint, and the customer’s other complaint on the card', async () => {
      const other = { name: 'Nigar Əliyeva', email: `nigar-work-${run}@customer.test` };
      step();
      await deliver(customerMail(other, `The same dryer, written from work (${run}).`, `<${randomUUID()}@customer.test>`));
      const duplicate = await complaintOf(other.email);
      await staff.signIn('sevda');
      const card = (await timeline(reference, 'sevda')).customer;
      await as('sevda').post(`/api/v1/agent/customers/${(await timeline(duplicate.reference, 'sevda')).customer.id}/merge`, { into: card.id }).expect(201);
      step();
      await as('sevda').post(`/api/v1/agent/complaints/${duplicate.reference}/merge`, { into: reference }).expect(200);
      const merged = await timeline(duplicate.reference, 'sevda');
      expect(merged.items.filter((item) => item.kind === 'merge')).toEqual([
        expect.objectContaining({ text: `merged into ${reference}`, actor: { kind: 'agent', id: staff.id('sevda'), name: 'sevda' } }),
      ]);
      expect(merged.complaint.actions).toEqual(['note', 'assign', 'unmerge']);
      const survivor = await timeline(reference, 'sevda');
      expect(survivor.customer.otherComplaints).toEqual([{ id: duplicate.id, reference: duplicate.reference, state: 'merged' }]);
      expect(survivor.customer.identities.map((identity) => identity.value).sort()).toEqual([nigar.email, other.email].sort());
    });
  });

  describe('a complaint taken in a video or mobile consultation', () => {
    const customer = { fullName: 'Səbinə Rəhimova', phone: '050 444 55 66', email: `sabina-${run}@customer.test` };
    const consultation = { channel: 'consultation', consultationKind: 'video', employeeName: 'Nərmin Quliyeva', ...customer };
    /** The company's date now (Baku), YYYY-MM-DD, and the next one. */
    const companyDay = (offsetDays = 0) =>
      new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Baku' }).format(new Date(clock.now().getTime() + offsetDays * DAY));

    it('is registered through the agent API as a consultation, with its kind and consultant, and counted on its own in the report', async () => {
      const reference = await byPhone('aysel', { ...consultation, essence: `My video consultation ended before the warranty question was answered (${run}).` });
      const [listed] = await list('sevda', { channel: 'consultation', q: reference });
      expect(listed).toMatchObject({ reference, channel: 'consultation' });
      expect(await references('sevda', { channel: 'phone', q: reference })).toEqual([]);

      const detail = (await as('sevda').get(`/api/v1/agent/complaints/${reference}`).expect(200)).body as { employeeName: string | null; staffIntake: unknown };
      expect(detail).toMatchObject({ employeeName: 'Nərmin Quliyeva', staffIntake: { consultationKind: 'video' } });

      const report = await as('sevda').get(`/api/v1/agent/reports/compliance?from=${companyDay()}&to=${companyDay(1)}`).expect(200);
      const byChannel = report.body.byChannel as { channel: string; complaints: number }[];
      expect(byChannel.find((row) => row.channel === 'consultation')).toEqual({ channel: 'consultation', complaints: 1 });
      const csv = await as('sevda').get(`/api/v1/agent/reports/compliance?from=${companyDay()}&to=${companyDay(1)}&format=csv`).expect(200);
      expect(csv.text).toContain('byChannel,consultation,1\r\n');
    });

    it('is refused without its kind, and a kind is refused on a phone complaint, each naming the field; nothing is stored', async () => {
      const marker = `refused-${randomUUID()}`;
      const noKind = await as('aysel')
        .post('/api/v1/agent/intake', { ...consultation, consultationKind: undefined, essence: `No kind given (${marker}).` })
        .expect(400);
      expect(noKind.body).toMatchObject({ statusCode: 400, code: 'invalid', errors: [{ field: 'consultationKind', problems: [expect.any(String)] }] });
      expect(noKind.body.message).toMatch(/consultationKind is required/);
      const kindOnPhone = await as('aysel')
        .post('/api/v1/agent/intake', { channel: 'phone', ...customer, consultationKind: 'mobile', essence: `A kind on a phone complaint (${marker}).` })
        .expect(400);
      expect(kindOnPhone.body).toMatchObject({ statusCode: 400, code: 'invalid', errors: [{ field: 'consultationKind', problems: [expect.any(String)] }] });
      expect(kindOnPhone.body.message).toMatch(/consultationKind belongs to consultation complaints/);

      // The same customer's next intake travels the same bus key: once it is recorded, the refused ones would have been.
      await byPhone('aysel', { ...consultation, essence: `The next one (${randomUUID()}).` });
      const stored = await queryDatabase<{ count: string }>(
        db.url,
        'SELECT (SELECT count(*) FROM complaints WHERE essence LIKE $1) + (SELECT count(*) FROM messages WHERE text LIKE $1) AS count',
        [`%${marker}%`],
      );
      expect(stored).toEqual([{ count: '0' }]);
    });
  });

  describe('live updates on the /desk socket', () => {
    interface Changed {
      complaintId: string;
      reference: string;
      state: string;
      assigneeId: string | null;
      why: string;
    }
    const sockets: Socket[] = [];

    /** A desk's socket, signed in with `token`; resolves once connected, or with the refusal. */
    const connect = (token: string | undefined) =>
      new Promise<{ socket: Socket; changes: Changed[]; refused?: string }>((resolve) => {
        const socket = io(`${core.url}/desk`, { transports: ['websocket'], forceNew: true, reconnection: false, ...(token === undefined ? {} : { auth: { token } }) });
        sockets.push(socket);
        const changes: Changed[] = [];
        socket.on('complaint.changed', (change: Changed) => changes.push(change));
        socket.once('connect', () => resolve({ socket, changes }));
        socket.once('connect_error', (error: Error) => resolve({ socket, changes, refused: error.message }));
      });
    const heard = (changes: Changed[], reference: string, why: string) =>
      waitFor(() => Promise.resolve(changes.filter((change) => change.reference === reference && change.why === why)), (found) => found.length > 0, {
        ...slow,
        what: `complaint.changed (${why}) of ${reference}`,
      });

    afterAll(() => {
      for (const socket of sockets) socket.close();
    });

    it('refuses a connection without a token, or with one that is not valid', async () => {
      expect((await connect(undefined)).refused).toBe('unauthorized');
      expect((await connect('not-a-token')).refused).toBe('unauthorized');
    });

    it('tells each agent of the complaints they may see when a customer writes and when a step happens, and nobody of another agent’s', async () => {
      for (const who of ['aysel', 'kamran', 'sevda']) await staff.signIn(who);
      const aysel = await connect(staff.token('aysel'));
      const kamran = await connect(staff.token('kamran'));
      const sevda = await connect(staff.token('sevda'));
      expect([aysel.refused, kamran.refused, sevda.refused]).toEqual([undefined, undefined, undefined]);

      const leyla = { name: 'Leyla Həsənova', email: `leyla-${run}@customer.test` };
      const conversation = `<${randomUUID()}@customer.test>`;
      await deliver(customerMail(leyla, `The fridge stopped cooling (${run}).`, conversation));
      const { reference } = await complaintOf(leyla.email);
      // A new complaint is in everybody's queue.
      for (const desk of [aysel, kamran, sevda]) await heard(desk.changes, reference, 'new');

      // Aysel takes it; from then on it is hers, and Kamran hears nothing more of it.
      await as('aysel').post(`/api/v1/agent/complaints/${reference}/accept`).expect(200);
      const accepted = await heard(aysel.changes, reference, 'step');
      expect(accepted.at(-1)).toMatchObject({ state: 'accepted', assigneeId: staff.id('aysel') });
      await heard(sevda.changes, reference, 'step');

      await deliver(customerMail(leyla, 'It is warm inside now.', conversation));
      const message = await heard(aysel.changes, reference, 'message');
      expect(message[0]).toMatchObject({ reference, state: 'accepted', assigneeId: staff.id('aysel') });
      await heard(sevda.changes, reference, 'message');
      // Emitted to every socket at once: a moment is enough for one that was wrongly told to hear it.
      await new Promise((resolve) => setTimeout(resolve, 500));
      const kamranHeard = kamran.changes.filter((change) => change.reference === reference).map((change) => change.why);
      expect(kamranHeard).toEqual(['new']);
    });
  });
});
