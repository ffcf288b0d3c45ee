import { createHash, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { deriveReference, referenceSeed } from '@plaint/domain';
import { type RunningPlaint, startPlaint } from '../apps/plaint/src/bootstrap';
import { MessageBus } from '../libs/bus/src';
import { INBOUND_TOPIC, type InboundMessageV1 } from '../libs/contracts/src';
import { AgentLinkCodeEntity } from '../libs/persistence/src';
import { ChatClient } from './support/chat-client';
import { ManualClock } from './support/manual-clock';
import { Staff } from './support/staff';
import { waitFor } from './support/wait-for';
import { embeddedEnv } from './support/plaint-services';
import { inboundMail } from './support/inbound-mail';

const DAY = 86_400_000;

interface NoticeView {
  eventType: string;
  channel: string;
  recipient: string | null;
  text: string;
  status: string;
  statusReason: string | null;
}

interface HistoryView {
  actor: { kind: string; id: string | null };
  from: string;
  to: string;
  why: string;
  step: string | null;
}

interface ComplaintView {
  id: string;
  reference: string;
  customerId: string;
  state: string;
  channel: string;
  customer: { name: string | null; email: string | null; phone: string | null };
  essence: string;
  assigneeId: string | null;
  receivedAt: string;
  deadlines: { acceptBy: string; reviewBy: string | null; resolveBy: string };
  mergedInto: string | null;
  loggedBy: string | null;
  employeeName: string | null;
  staffIntake: { store?: string; entryDate?: string; scan?: { sha256: string; contentType: string; size: number }; consultationKind?: string } | null;
  messages: { text: string }[];
  history: HistoryView[];
  notices: NoticeView[];
  callbackAttempts: { agentId: string; result: string; agreed: string | null }[];
  missingDetails: string[];
}

/**
 * The agent REST API as staff use it, on the one-process install (SQLite file, in-process bus,
 * no e-mail transport) with a clock the test moves. E-mail notices stay pending there, so what
 * the customer would be sent is read where an agent reads it: the complaint's notices.
 */
describe('the agent API on the embedded defaults', () => {
  // Monday 7 December 2026, 12:00 in Baku.
  const clock = new ManualClock(new Date('2026-12-07T08:00:00Z'));
  const dataDir = mkdtempSync(join(tmpdir(), 'plaint-agent-api-'));
  let plaint: RunningPlaint;
  const clients: ChatClient[] = [];
  let staff: Staff;

  beforeAll(async () => {
    plaint = await startPlaint({
      env: embeddedEnv(dataDir, {
        // The test drives time by hand; the SLA clock's own timer stays out of the way.
        PLAINT_SLA_TICK_MS: '3600000',
      }),
      overrides: { clock },
    });
    staff = await Staff.hire(plaint, [['aysel', 'agent'], ['kamran', 'agent'], ['sevda', 'supervisor']]);
  }, 60_000);

  afterAll(async () => {
    for (const client of clients) client.close();
    await plaint?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const signIn = (username: string) => staff.signIn(username);
  const id = (username: string): string => staff.id(username);
  const as = (username: string) => staff.as(username);

  /** A raw upload, as the desk's scanner sends it. */
  const upload = (contentType: string, bytes: Buffer) =>
    request(plaint.url).post('/api/v1/agent/scans').set('Authorization', `Bearer ${staff.token('aysel')}`).set('Content-Type', contentType).send(bytes);

  const view = async (reference: string, who = 'sevda'): Promise<ComplaintView> =>
    (await as(who).get(`/api/v1/agent/complaints/${reference}`).expect(200)).body as ComplaintView;

  /** The complaint once core has recorded it (intake travels the bus first). */
  const recorded = (reference: string, who = 'sevda') =>
    waitFor(
      async () => (await as(who).get(`/api/v1/agent/complaints/${reference}`)).status,
      (status) => status === 200,
      { what: `complaint ${reference} to be recorded` },
    ).then(() => view(reference, who));

  /** The complaint once the notice of `eventType` (or `count` of them) is in its notices. */
  const withNotice = (reference: string, eventType: string, count = 1) =>
    waitFor(
      () => view(reference),
      (complaint) => complaint.notices.filter((n) => n.eventType === eventType).length >= count,
      { what: `a ${eventType} notice on ${reference}` },
    );

  const phoneIntake = (who: string, body: Record<string, unknown> = {}) =>
    as(who).post('/api/v1/agent/intake', {
      channel: 'phone',
      fullName: 'Rəşad Məmmədov',
      phone: '050 123 45 67',
      email: 'reshad@example.az',
      essence: `The washing machine delivered on 1 December leaks water (${randomUUID()}).`,
      language: 'en',
      ...body,
    });

  /** A phone complaint an agent registered, once recorded. */
  async function registered(body: Record<string, unknown> = {}): Promise<ComplaintView> {
    const response = await phoneIntake('aysel', body).expect(202);
    return recorded(response.body.reference as string);
  }

  async function customerChat(fullName: string, email: string): Promise<ChatClient> {
    const client = await ChatClient.connect(plaint.url);
    clients.push(client);
    const started = await client.start({ fullName, email, language: 'en' });
    if (!started.ok) throw new Error(`chat:start refused: ${started.error.message}`);
    return client;
  }

  const chatLines = (client: ChatClient, n: number, what: string) =>
    waitFor(() => client.plaintLines(), (lines) => lines.length >= n, { what });

  /** The reference core would give a staff intake with this idempotency key (it is derived). */
  const staffReference = (channel: string, agent: string, key: string) =>
    deriveReference(plaint.config.referenceSecret, referenceSeed(channel, `key:${id(agent)}:${key}`));


  describe('staff intake', () => {
    it('registers a phone complaint as the agent logged it, with the phone in E.164 and a written acknowledgement', async () => {
      const response = await phoneIntake('aysel', { essence: 'The oven I bought on 2 December does not heat. Please replace it.' }).expect(202);
      const reference = response.body.reference as string;
      expect(reference).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);

      await recorded(reference);
      const complaint = await withNotice(reference, 'complaint.received');
      expect(complaint).toMatchObject({
        reference,
        state: 'received',
        channel: 'phone',
        loggedBy: id('aysel'),
        customer: { name: 'Rəşad Məmmədov', phone: '+994501234567', email: 'reshad@example.az' },
        essence: 'The oven I bought on 2 December does not heat. Please replace it.',
      });
      const [notice] = complaint.notices;
      expect(notice).toMatchObject({ eventType: 'complaint.received', recipient: 'reshad@example.az', status: 'pending' });
      expect(notice?.statusReason).toMatch(/e-mail delivery is not configured/);
      expect(notice?.text).toContain(reference);
      expect(complaint.history[0]).toMatchObject({ actor: { kind: 'agent', id: id('aysel') }, to: 'received' });
    });

    it('refuses an intake without contact details or a complaint-book entry without store and date, and records nothing', async () => {
      const noContact = await phoneIntake('aysel', { phone: undefined, email: undefined, idempotencyKey: 'no-contact-1' }).expect(400);
      expect(noContact.body.message).toMatch(/phone number or e-mail address/);
      const noStore = await as('aysel')
        .post('/api/v1/agent/intake', {
          channel: 'complaint_book',
          fullName: 'Aynur Quliyeva',
          phone: '+994551112233',
          essence: 'The shop assistant was rude to me.',
          idempotencyKey: 'no-store-1',
        })
        .expect(400);
      expect(noStore.body.message).toMatch(/store and the entry date/);
      const noDay = await as('aysel')
        .post('/api/v1/agent/intake', {
          channel: 'complaint_book',
          fullName: 'Aynur Quliyeva',
          phone: '+994551112233',
          essence: 'The shop assistant was rude to me.',
          store: 'Gənclik Mall',
          entryDate: '2026-11-31',
          idempotencyKey: 'no-day-1',
        })
        .expect(400);
      expect(noDay.body.message).toMatch(/2026-11-31 is not a date/);

      // A later good intake is recorded; the refused ones, whose references are derived from
      // their keys, never are.
      await registered({ idempotencyKey: 'after-refusals-1' });
      for (const [channel, key] of [['phone', 'no-contact-1'], ['complaint_book', 'no-store-1'], ['complaint_book', 'no-day-1']] as const) {
        await as('sevda').get(`/api/v1/agent/complaints/${staffReference(channel, 'aysel', key)}`).expect(404);
      }
    });

    it('registers a complaint-book entry with its scan, received on the day of the entry in Baku', async () => {
      const bytes = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from(randomUUID())]);
      const scan = await upload('image/png', bytes).set('X-Filename', 'page-12.png').expect(201);
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      expect(scan.body).toMatchObject({ contentType: 'image/png', size: bytes.length, sha256 });

      const response = await as('aysel')
        .post('/api/v1/agent/intake', {
          channel: 'complaint_book',
          fullName: 'Aynur Quliyeva',
          phone: '+994 55 111 22 33',
          essence: 'The shop assistant refused to show me the warranty terms.',
          language: 'en',
          store: 'Gənclik Mall',
          entryDate: '2026-12-03',
          scanId: scan.body.id as string,
        })
        .expect(202);
      const complaint = await recorded(response.body.reference as string);
      expect(complaint.channel).toBe('complaint_book');
      expect(complaint.loggedBy).toBe(id('aysel'));
      expect(complaint.staffIntake).toMatchObject({ store: 'Gənclik Mall', entryDate: '2026-12-03', scan: { sha256, contentType: 'image/png' } });
      // Thursday 3 December 2026, 00:00 in Baku (UTC+4): the policy's clock runs from then.
      expect(complaint.receivedAt).toBe('2026-12-02T20:00:00.000Z');
      // Three business days from Thursday: Tuesday 8 December, end of the day in Baku.
      expect(new Date(complaint.deadlines.acceptBy).getTime()).toBeLessThan(new Date('2026-12-09T00:00:00Z').getTime());
    });

    it('registers a complaint made in a mobile consultation, with its kind and consultant, answered by e-mail like a phone one', async () => {
      const response = await phoneIntake('aysel', {
        channel: 'consultation',
        consultationKind: 'mobile',
        employeeName: 'Nərmin Quliyeva',
        essence: 'During the consultation the installer could not tell me when my dishwasher will be fitted.',
      }).expect(202);
      const reference = response.body.reference as string;
      await recorded(reference);
      const complaint = await withNotice(reference, 'complaint.received');
      expect(complaint).toMatchObject({
        channel: 'consultation',
        loggedBy: id('aysel'),
        employeeName: 'Nərmin Quliyeva',
        staffIntake: { consultationKind: 'mobile' },
        customer: { phone: '+994501234567', email: 'reshad@example.az' },
      });
      expect(complaint.notices[0]).toMatchObject({ eventType: 'complaint.received', recipient: 'reshad@example.az' });
      expect(complaint.history[0]?.why).toBe('registered by staff from consultation');
    });

    it('refuses a consultation without its kind or consultant, and a kind on a phone complaint, naming the field; nothing is recorded', async () => {
      const consultation = { channel: 'consultation', consultationKind: 'video', employeeName: 'Nərmin Quliyeva' };
      const noKind = await phoneIntake('aysel', { ...consultation, consultationKind: undefined, idempotencyKey: 'no-kind-1' }).expect(400);
      expect(noKind.body).toMatchObject({ code: 'invalid', errors: [{ field: 'consultationKind', problems: [expect.stringMatching(/video or mobile/)] }] });
      expect(noKind.body.message).toMatch(/consultationKind/);
      const noConsultant = await phoneIntake('aysel', { ...consultation, employeeName: ' ', idempotencyKey: 'no-consultant-1' }).expect(400);
      expect(noConsultant.body.message).toMatch(/employeeName/);
      const kindOnPhone = await phoneIntake('aysel', { consultationKind: 'video', idempotencyKey: 'kind-on-phone-1' }).expect(400);
      expect(kindOnPhone.body.message).toMatch(/consultationKind belongs to consultation/);
      const unknownKind = await phoneIntake('aysel', { ...consultation, consultationKind: 'in-store', idempotencyKey: 'unknown-kind-1' }).expect(400);
      expect(JSON.stringify(unknownKind.body.errors)).toContain('consultationKind');

      await registered({ idempotencyKey: 'after-consultation-refusals-1' });
      for (const [channel, key] of [
        ['consultation', 'no-kind-1'],
        ['consultation', 'no-consultant-1'],
        ['phone', 'kind-on-phone-1'],
        ['consultation', 'unknown-kind-1'],
      ] as const) {
        await as('sevda').get(`/api/v1/agent/complaints/${staffReference(channel, 'aysel', key)}`).expect(404);
      }
    });

    it('refuses a scan that is not an image or a PDF', async () => {
      const refused = await upload('text/plain', Buffer.from('not a scan')).expect(400);
      expect(refused.body.message).toMatch(/image\/jpeg/);
    });

    it('makes one complaint of the same intake sent twice with one idempotency key', async () => {
      const essence = `The fridge door does not close (${randomUUID()}).`;
      const first = await phoneIntake('aysel', { essence, idempotencyKey: 'double-click-1' }).expect(202);
      const second = await phoneIntake('aysel', { essence, idempotencyKey: 'double-click-1' }).expect(202);
      expect(second.body.reference).toBe(first.body.reference);
      await recorded(first.body.reference as string);
      // A later intake of the same customer (same bus key, so in order) shows the resend was handled.
      const later = await phoneIntake('aysel', { idempotencyKey: 'double-click-sentinel' }).expect(202);
      await recorded(later.body.reference as string);

      const all = await as('sevda').get('/api/v1/agent/complaints?channel=phone&limit=200').expect(200);
      const same = (all.body.items as ComplaintView[]).filter((c) => c.essence === essence);
      expect(same).toHaveLength(1);
      expect((await view(first.body.reference as string)).messages).toHaveLength(1);
    });
  });

  describe('call-back tasks', () => {
    it('lists a call-me request until the customer is reached, and keeps every attempt on the complaint', async () => {
      const form = await request(plaint.url)
        .post('/api/v1/callback-requests')
        .send({ fullName: 'Elvin Həsənov', phone: '+994 55 765 43 21', message: 'Please call me about my TV repair.', language: 'en' })
        .expect(202);
      const reference = form.body.reference as string;
      type Task = { reference: string; phone: string | null; attempts: number; callBy: string };
      const tasks = async () => (await as('kamran').get('/api/v1/agent/callbacks').expect(200)).body as Task[];
      const listed = await waitFor(tasks, (list) => list.some((t) => t.reference === reference), { what: 'the call-back task' });
      // Due when the form told the customer the call would come at the latest.
      expect(listed.find((t) => t.reference === reference)).toMatchObject({ phone: '+994557654321', attempts: 0, callBy: form.body.callBy });

      await as('kamran').post(`/api/v1/agent/complaints/${reference}/callback-attempts`, { result: 'no_answer' }).expect(201);
      expect((await tasks()).find((t) => t.reference === reference)).toMatchObject({ attempts: 1 });
      await as('kamran')
        .post(`/api/v1/agent/complaints/${reference}/callback-attempts`, { result: 'reached', agreed: 'A technician visits on Thursday morning.' })
        .expect(201);
      expect((await tasks()).map((t) => t.reference)).not.toContain(reference);

      const complaint = await view(reference);
      expect(complaint.channel).toBe('web_form');
      expect(complaint.callbackAttempts).toEqual([
        expect.objectContaining({ agentId: id('kamran'), result: 'no_answer', agreed: null }),
        expect.objectContaining({ agentId: id('kamran'), result: 'reached', agreed: 'A technician visits on Thursday morning.' }),
      ]);
      const lines = complaint.history.filter((h) => h.actor.id === id('kamran')).map((h) => h.why);
      expect(lines).toEqual(expect.arrayContaining(['call-back no answer', 'call-back reached; agreed: A technician visits on Thursday morning.']));
    });
  });

  describe('an outcome given orally', () => {
    async function inReview(): Promise<ComplaintView> {
      const complaint = await registered();
      await as('aysel').post(`/api/v1/agent/complaints/${complaint.reference}/accept`).expect(200);
      await as('aysel').post(`/api/v1/agent/complaints/${complaint.reference}/review`).expect(200);
      return complaint;
    }

    it('needs the recorded agreement, and is confirmed in writing unless the customer declined it', async () => {
      const confirmed = await inReview();
      const resolve = (reference: string, oral: object) =>
        as('aysel').post(`/api/v1/agent/complaints/${reference}/resolve`, { outcome: 'The machine is replaced on 10 December.', rootCause: 'defective-product', oral });

      const refused = await resolve(confirmed.reference, { agreementRecorded: false, writtenConfirmation: true }).expect(422);
      expect(refused.body.code).toBe('oral-without-agreement');
      expect((await view(confirmed.reference)).state).toBe('in_review');

      await resolve(confirmed.reference, { agreementRecorded: true, writtenConfirmation: true }).expect(200);
      const written = await withNotice(confirmed.reference, 'complaint.resolved');
      expect(written.state).toBe('resolved');
      expect(written.notices.find((n) => n.eventType === 'complaint.resolved')?.text).toMatch(/told you orally[\s\S]*replaced on 10 December/);

      const declined = await inReview();
      const done = await resolve(declined.reference, { agreementRecorded: true, writtenConfirmation: false }).expect(200);
      expect(done.body.state).toBe('resolved');
      // Closing is told in writing; once that notice is there, any resolved notice would be too.
      await as('aysel').post(`/api/v1/agent/complaints/${declined.reference}/close`).expect(200);
      const closed = await withNotice(declined.reference, 'complaint.closed');
      expect(closed.notices.map((n) => n.eventType)).not.toContain('complaint.resolved');
      expect(closed.history.map((h) => h.why)).toContain('resolved orally by recorded agreement');
    });
  });

  describe('merging complaints', () => {
    it('lets a supervisor merge a duplicate and undo it, telling the customer the surviving reference', async () => {
      const a = await registered();
      const b = await registered();
      // A phone number staff type in proves nothing by itself: the same caller's two complaints
      // are two customer records until a supervisor links them.
      expect(b.customerId).not.toBe(a.customerId);
      await as('sevda').post(`/api/v1/agent/customers/${b.customerId}/merge`, { into: a.customerId }).expect(201);
      await as('aysel').post(`/api/v1/agent/complaints/${b.reference}/accept`).expect(200);

      await as('aysel').post(`/api/v1/agent/complaints/${b.reference}/merge`, { into: a.reference }).expect(403);
      await as('sevda').post(`/api/v1/agent/complaints/${b.reference}/merge`, { into: 'ZZZZ-ZZZZ-ZZZZ' }).expect(422);
      expect((await view(b.reference)).state).toBe('accepted');

      // A finished complaint cannot take a duplicate: the customer would be told "we go on there".
      const finished = await registered();
      await as('sevda').post(`/api/v1/agent/complaints/${finished.reference}/reject`, { reason: 'A test of a finished complaint.' }).expect(200);
      const intoFinished = await as('sevda').post(`/api/v1/agent/complaints/${b.reference}/merge`, { into: finished.reference }).expect(409);
      expect(intoFinished.body.code).toBe('merge-target-finished');

      // Nor does another customer's complaint: the customer would go on in a stranger's complaint.
      const stranger = await registered({ fullName: 'Zaur Babayev', email: 'zaur@example.az', phone: '055 987 65 43' });
      const intoStranger = await as('sevda').post(`/api/v1/agent/complaints/${b.reference}/merge`, { into: stranger.reference }).expect(409);
      expect(intoStranger.body.code).toBe('merge-target-other-customer');

      // The reference as a supervisor may type it: any case, without dashes.
      const typed = a.reference.toLowerCase().replace(/-/g, '');
      const merged = await as('sevda').post(`/api/v1/agent/complaints/${b.reference}/merge`, { into: typed }).expect(200);
      expect(merged.body).toMatchObject({ state: 'merged', mergedInto: a.reference });
      const told = await withNotice(b.reference, 'complaint.merged');
      expect(told.notices.find((n) => n.eventType === 'complaint.merged')?.text).toContain(a.reference);

      const unmerged = await as('sevda').post(`/api/v1/agent/complaints/${b.reference}/unmerge`).expect(200);
      expect(unmerged.body).toMatchObject({ state: 'accepted', mergedInto: null });
      const history = (await view(b.reference)).history;
      expect(history).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ actor: { kind: 'agent', id: id('sevda') }, from: 'accepted', to: 'merged' }),
          expect.objectContaining({ actor: { kind: 'agent', id: id('sevda') }, from: 'merged', to: 'accepted' }),
        ]),
      );
    });
  });

  describe('near-identical complaints of one customer (dedup level 3)', () => {
    /** A mail as the mailbox adapter publishes it: the address it came from is one the channel vouches for. */
    const mailFrom = (address: string, text: string): InboundMessageV1 => ({
      id: randomUUID(),
      channel: 'email',
      externalId: `<${randomUUID()}@customer.test>`,
      conversation: `<${randomUUID()}@customer.test>`,
      sender: { name: 'Nigar Əliyeva', email: address },
      text,
      attachments: [],
      receivedAt: clock.now().toISOString(),
      automated: false,
      replyTo: address,
      email: { mailbox: 'care@plaint.test/INBOX', references: [], subject: 'Dishwasher', rawUri: 'file:0000', mentionedReferences: [] },
    });
    const send = (message: InboundMessageV1) =>
      plaint.app.get(MessageBus).publish(INBOUND_TOPIC, [{ key: `email:${message.sender.email ?? ''}`, value: message, headers: {} }]);
    const complaintsOf = (address: string, count: number) =>
      waitFor(
        async () => ((await as('sevda').get('/api/v1/agent/complaints?channel=email&limit=200')).body.items as ComplaintView[]).filter((c) => c.customer.email === address),
        (items) => items.length >= count,
        { what: `${count} complaint(s) from ${address}` },
      );

    it('links a new mail with the same text to the open complaint, tells the customer, and lets a supervisor undo it', async () => {
      const address = 'nigar@example.az';
      const text = 'The dishwasher I bought last week stopped working after two days and shows error E24.';
      await send(mailFrom(address, text));
      const [first] = await complaintsOf(address, 1);
      const firstReference = first?.reference ?? '';

      await send(mailFrom(address, 'The dishwasher I bought last week stopped working after two days and shows error E24!!'));
      const secondReference = (await complaintsOf(address, 2)).find((c) => c.reference !== firstReference)?.reference ?? '';
      const second = await withNotice(secondReference, 'complaint.merged');
      expect(second).toMatchObject({ state: 'merged', mergedInto: firstReference });
      expect(second.notices.map((n) => n.eventType)).toEqual(['complaint.merged']);
      expect(second.notices[0]?.text).toContain(firstReference);
      expect(second.notices[0]?.text).toMatch(/joined your complaint/);
      const open = await as('sevda').get('/api/v1/agent/complaints?state=received,accepted,in_review,waiting_for_customer&limit=200').expect(200);
      const openOfHers = (open.body.items as ComplaintView[]).filter((c) => c.customer.email === address);
      expect(openOfHers.map((c) => c.reference)).toEqual([firstReference]);

      const unmerged = await as('sevda').post(`/api/v1/agent/complaints/${secondReference}/unmerge`).expect(200);
      expect(unmerged.body).toMatchObject({ state: 'received', mergedInto: null });
      // It is a complaint of its own again: the customer now gets its acknowledgement.
      const acknowledged = await withNotice(secondReference, 'complaint.received');
      expect(acknowledged.notices.find((n) => n.eventType === 'complaint.received')?.text).toMatch(/registered/);

      // Another matter from the same customer is a complaint of its own.
      await send(mailFrom(address, 'The courier scratched my new fridge while carrying it up the stairs.'));
      const own = (await complaintsOf(address, 3)).find((c) => ![firstReference, secondReference].includes(c.reference));
      expect(own?.state).toBe('received');
    });

    it('does not link a chat visitor by an e-mail address they typed: an agent sees it as an unverified match only', async () => {
      const text = 'The oven I ordered arrived with a broken door hinge and a dented side panel.';
      const address = 'samir@example.az';
      await send({ ...mailFrom(address, text), sender: { name: 'Samir Qasımov', email: address } });
      const [hers] = await complaintsOf(address, 1);

      const visitor = await customerChat('Samir Qasımov', address);
      await visitor.send(randomUUID(), text);
      const [told] = await chatLines(visitor, 1, "the visitor's acknowledgement");
      expect(told?.text).toMatch(/has been registered/);
      expect(told?.text).not.toContain(hers?.reference);
      const theirs = await view(told?.reference ?? '');
      expect(theirs.state).toBe('received');
      expect(theirs.customerId).not.toBe(hers?.customerId);
      const { unverifiedMatches } = (await as('sevda').get(`/api/v1/agent/complaints/${told?.reference ?? ''}`).expect(200)).body as {
        unverifiedMatches: { reference: string; sharedContact: { kind: string; value: string }; verified: boolean }[];
      };
      expect(unverifiedMatches).toEqual([
        expect.objectContaining({ reference: hers?.reference, sharedContact: { kind: 'email', value: address }, verified: false }),
      ]);
    });
  });

  describe('required details', () => {
    /** A mail as the mailbox adapter publishes it; this install reads no mailbox. */
    const mail = (conversation: string, from: { name?: string; email: string }, text: string): InboundMessageV1 =>
      inboundMail({ from, text, conversation, receivedAt: clock.now(), mailbox: 'care@plaint.test/INBOX', subject: 'Soyuducu' });

    it('asks for a missing full name in the acknowledgement and takes it from the answer', async () => {
      const conversation = `<${randomUUID()}@customer.test>`;
      const bus = plaint.app.get(MessageBus);
      await bus.publish(INBOUND_TOPIC, [{ key: 'email:elnur@example.az', value: mail(conversation, { email: 'elnur@example.az' }, 'Yeni soyuducu işləmir.'), headers: {} }]);
      const complaint = await waitFor(
        async () => (await as('sevda').get('/api/v1/agent/complaints?channel=email&state=received&limit=200')).body.items as ComplaintView[],
        (items) => items.some((c) => c.customer.email === 'elnur@example.az'),
        { what: 'the e-mailed complaint' },
      ).then((items) => items.find((c) => c.customer.email === 'elnur@example.az') as ComplaintView);
      expect(complaint.missingDetails).toEqual(['fullName']);
      const asked = (await withNotice(complaint.reference, 'complaint.received')).notices[0];
      expect(asked?.text).toMatch(/tam adınız/i);

      await bus.publish(INBOUND_TOPIC, [{ key: 'email:elnur@example.az', value: mail(conversation, { email: 'elnur@example.az' }, 'Elnur Rəhimov'), headers: {} }]);
      const completed = await waitFor(() => view(complaint.reference), (c) => c.missingDetails.length === 0, { what: 'the name to be taken' });
      expect(completed.customer.name).toBe('Elnur Rəhimov');
      expect(completed.history.map((h) => h.why)).toContain('customer gave fullName');
      // Nothing is missing any more, so acceptance does not ask again.
      const accepted = await as('aysel').post(`/api/v1/agent/complaints/${complaint.reference}/accept`).expect(200);
      expect(accepted.body.state).toBe('accepted');
    });
  });

  describe('where notices go', () => {
    it('sends notices by e-mail instead of the chat once the customer asks for it', async () => {
      const client = await customerChat('Tural Həsənov', 'tural@example.az');
      await client.send(randomUUID(), 'The oven door glass cracked on the first use.');
      const [received] = await chatLines(client, 1, 'the acknowledgement');
      const reference = received?.reference ?? '';
      await as('aysel').post(`/api/v1/agent/complaints/${reference}/notice-channel`, { channel: 'email' }).expect(200);
      await as('aysel').post(`/api/v1/agent/complaints/${reference}/replies`, { text: 'We will replace the door glass on Friday.' }).expect(200);
      const complaint = await withNotice(reference, 'complaint.reply');
      const reply = complaint.notices.find((n) => n.eventType === 'complaint.reply');
      expect(reply).toMatchObject({ channel: 'email', recipient: 'tural@example.az' });
      expect(reply?.text).toContain('We will replace the door glass on Friday.');
      // Only the acknowledgement came to the chat.
      expect(client.plaintLines()).toHaveLength(1);
    });

    it('refuses e-mail notices for a customer who gave no address', async () => {
      const phoneOnly = await registered({ email: undefined });
      const refused = await as('aysel').post(`/api/v1/agent/complaints/${phoneOnly.reference}/notice-channel`, { channel: 'email' }).expect(409);
      expect(refused.body.message).toMatch(/no e-mail address/);
    });
  });

  describe('customer records', () => {
    it('merges a chat customer and a call-me customer into one record, and undoes it exactly', async () => {
      const chat = await customerChat('Orxan Rzayev', 'orxan@example.az');
      await chat.send(randomUUID(), 'My laptop was sent for repair a month ago and nobody tells me anything.');
      const [ack] = await chatLines(chat, 1, 'the chat acknowledgement');
      const byChat = await view(ack?.reference ?? '');
      const form = await request(plaint.url)
        .post('/api/v1/callback-requests')
        .send({ fullName: 'Orxan Rzayev', phone: '+994 70 222 33 44', message: 'Call me about the laptop repair please.', language: 'en' })
        .expect(202);
      const byForm = await recorded(form.body.reference as string);
      expect(byForm.customerId).not.toBe(byChat.customerId);

      type Customer = { identities: { kind: string; value: string; verified: boolean }[]; complaints: { reference: string }[] };
      const customer = async (customerId: string) => (await as('sevda').get(`/api/v1/agent/customers/${customerId}`).expect(200)).body as Customer;
      const before = { chat: await customer(byChat.customerId), form: await customer(byForm.customerId) };

      await as('aysel').post(`/api/v1/agent/customers/${byForm.customerId}/merge`, { into: byChat.customerId }).expect(403);
      const merge = await as('sevda').post(`/api/v1/agent/customers/${byForm.customerId}/merge`, { into: byChat.customerId }).expect(201);
      const joined = await customer(byChat.customerId);
      // What the visitor and the caller typed is kept, unverified; the chat itself is proven.
      expect(joined.identities).toEqual(
        expect.arrayContaining([
          { kind: 'email', value: 'orxan@example.az', verified: false },
          { kind: 'phone', value: '+994702223344', verified: false },
          expect.objectContaining({ kind: 'platform', verified: true }),
        ]),
      );
      expect(joined.complaints.map((c) => c.reference).sort()).toEqual([byChat.reference, byForm.reference].sort());
      expect((await view(byForm.reference)).customerId).toBe(byChat.customerId);

      await as('sevda').post(`/api/v1/agent/customer-merges/${merge.body.id}/undo`).expect(200);
      const after = { chat: await customer(byChat.customerId), form: await customer(byForm.customerId) };
      expect(after.chat.identities).toEqual(before.chat.identities);
      expect(after.chat.complaints).toEqual(before.chat.complaints);
      expect(after.form.identities).toEqual(before.form.identities);
      expect(after.form.complaints).toEqual(before.form.complaints);
      await as('sevda').post(`/api/v1/agent/customer-merges/${merge.body.id}/undo`).expect(404);
    });
  });

  describe('status requests in the chat', () => {
    it('answers "status" with the state, and a stranger’s reference with the not-found text only', async () => {
      const other = await registered();
      await as('aysel').post(`/api/v1/agent/complaints/${other.reference}/accept`).expect(200);
      await as('aysel').post(`/api/v1/agent/complaints/${other.reference}/review`).expect(200);

      const client = await customerChat('Səbinə Kərimova', 'sabina@example.az');
      await client.send(randomUUID(), 'The vacuum cleaner I ordered was delivered without its charger.');
      const [ack] = await chatLines(client, 1, 'the acknowledgement');
      const reference = ack?.reference ?? '';

      await client.send(randomUUID(), 'status');
      const [, status] = await chatLines(client, 2, 'the status answer');
      expect(status?.reference).toBe(reference);
      expect(status?.text).toContain(`the current status of your complaint ${reference} is: Received.`);

      await client.send(randomUUID(), `status ${other.reference.toLowerCase()}`);
      const [, , unknown] = await chatLines(client, 3, 'the answer about someone else’s reference');
      expect(unknown?.text).toMatch(/could not find a complaint from you/);
      expect(unknown?.text).not.toContain(other.reference);
      expect(unknown?.text).not.toMatch(/Under review|Received/);
      // Nothing was filed: the two status questions are not complaints.
      expect((await view(reference)).messages).toHaveLength(2);

      // Someone who types her e-mail address in a new chat learns nothing without the reference.
      const stranger = await customerChat('Stranger', 'sabina@example.az');
      await stranger.send(randomUUID(), 'status');
      const [answer] = await chatLines(stranger, 1, 'the answer to a stranger');
      expect(answer?.text).toMatch(/could not find a complaint from you/);
      expect(answer?.text).not.toContain(reference);
    });
  });

  describe('who sees which complaints', () => {
    it('hides another agent’s complaints from an agent, not from a supervisor', async () => {
      const complaint = await registered();
      await as('aysel').post(`/api/v1/agent/complaints/${complaint.reference}/assign`).expect(200);

      const mine = await as('aysel').get(`/api/v1/agent/complaints?assignee=${id('aysel')}&limit=200`).expect(200);
      expect((mine.body.items as ComplaintView[]).map((c) => c.reference)).toContain(complaint.reference);
      const theirs = await as('kamran').get(`/api/v1/agent/complaints?assignee=${id('aysel')}`).expect(200);
      expect(theirs.body).toMatchObject({ total: 0, items: [] });
      const all = await as('kamran').get('/api/v1/agent/complaints?limit=200').expect(200);
      expect((all.body.items as ComplaintView[]).map((c) => c.reference)).not.toContain(complaint.reference);
      const supervised = await as('sevda').get(`/api/v1/agent/complaints?assignee=${id('aysel')}&limit=200`).expect(200);
      expect((supervised.body.items as ComplaintView[]).map((c) => c.reference)).toContain(complaint.reference);
    });

    it('keeps a finished complaint nobody took out of the queue: an agent can neither read nor take it', async () => {
      const complaint = await registered();
      // Supervisors act without taking a complaint, so this one stays unassigned when finished.
      await as('sevda').post(`/api/v1/agent/complaints/${complaint.reference}/reject`, { reason: 'Outside the scope of complaints.' }).expect(200);
      expect((await view(complaint.reference)).assigneeId).toBeNull();

      await as('kamran').get(`/api/v1/agent/complaints/${complaint.reference}`).expect(403);
      await as('kamran').post(`/api/v1/agent/complaints/${complaint.reference}/assign`).expect(403);
      const listed = await as('kamran').get('/api/v1/agent/complaints?assignee=none&limit=200').expect(200);
      expect((listed.body.items as ComplaintView[]).map((c) => c.reference)).not.toContain(complaint.reference);
      // An open one in the queue is still theirs to see and take.
      const open = await registered();
      await as('kamran').get(`/api/v1/agent/complaints/${open.reference}`).expect(200);
      const queue = await as('kamran').get('/api/v1/agent/complaints?assignee=none&limit=200').expect(200);
      expect((queue.body.items as ComplaintView[]).map((c) => c.reference)).toContain(open.reference);
      await as('sevda').get(`/api/v1/agent/complaints/${complaint.reference}`).expect(200);
    });
  });

  describe('an agent’s own channels', () => {
    it('issues no Telegram link code where staff Telegram is not configured: 409 saying so, and nothing stored', async () => {
      const refused = await as('kamran').post('/api/v1/agent/me/telegram-link').expect(409);
      expect(refused.body).toEqual({ statusCode: 409, code: 'conflict', message: expect.stringMatching(/Telegram is not configured/) });
      expect(await plaint.app.get(DataSource).getRepository(AgentLinkCodeEntity).countBy({ agentId: id('kamran') })).toBe(0);
      expect((await as('kamran').get('/api/v1/agent/me/notifications').expect(200)).body).toMatchObject({ telegramLinked: false });
    });
  });

  describe('the OpenAPI document', () => {
    it('describes the agent API only, with bearer security', async () => {
      const response = await request(plaint.url).get('/api/v1/openapi.json').expect(200);
      const document = response.body as {
        paths: Record<string, Record<string, { security?: Record<string, string[]>[] }>>;
        components: { securitySchemes: Record<string, { type: string; scheme: string }> };
      };
      const paths = Object.keys(document.paths);
      expect(paths).toEqual(expect.arrayContaining(['/api/v1/agent/complaints/{id}/extend', '/api/v1/agent/intake']));
      for (const path of paths) expect(path).toMatch(/^\/api\/v1\/agent\//);
      expect(document.components.securitySchemes).toMatchObject({ bearer: { type: 'http', scheme: 'bearer' } });
      expect(document.paths['/api/v1/agent/intake']?.post?.security).toEqual([{ bearer: [] }]);
    });

    it('describes what the routes answer, errors included', async () => {
      type Responses = Record<string, { content?: Record<string, { schema: { $ref?: string; type?: string; items?: { $ref?: string } } }> }>;
      const document = (await request(plaint.url).get('/api/v1/openapi.json').expect(200)).body as {
        paths: Record<string, Record<string, { responses: Responses }>>;
        components: { schemas: Record<string, { properties?: Record<string, unknown> }> };
      };
      const schemaOf = (path: string, method: string, status: string) => document.paths[path]?.[method]?.responses[status]?.content?.['application/json']?.schema;
      expect(schemaOf('/api/v1/agent/complaints/{id}', 'get', '200')).toEqual({ $ref: '#/components/schemas/ComplaintDetailView' });
      expect(schemaOf('/api/v1/agent/complaints/{id}/accept', 'post', '200')).toEqual({ $ref: '#/components/schemas/ComplaintSummaryView' });
      expect(schemaOf('/api/v1/agent/alerts', 'get', '200')).toEqual({ type: 'array', items: { $ref: '#/components/schemas/AlertView' } });
      expect(schemaOf('/api/v1/agent/complaints/{id}/extend', 'post', 'default')).toEqual({ $ref: '#/components/schemas/ErrorView' });
      expect(Object.keys(document.components.schemas.ComplaintDetailView?.properties ?? {})).toEqual(
        expect.arrayContaining(['reference', 'state', 'deadlines', 'history', 'notices', 'messages']),
      );
      expect(Object.keys(document.components.schemas.ErrorView?.properties ?? {})).toEqual(expect.arrayContaining(['message', 'code', 'errors']));
    });
  });

  describe('extending the resolution deadline', () => {
    // Last in this file: it moves the shared clock past a deadline.
    it('takes only a later date, only before the deadline passes; a rejection needs its reason', async () => {
      const complaint = await registered();
      await as('aysel').post(`/api/v1/agent/complaints/${complaint.reference}/accept`).expect(200);
      const resolveBy = new Date(complaint.deadlines.resolveBy);
      const extend = (newDate: string) =>
        as('aysel').post(`/api/v1/agent/complaints/${complaint.reference}/extend`, { reason: 'waiting for a spare part', newDate });

      const earlier = await extend('2026-12-10').expect(422);
      expect(earlier.body.code).toBe('date-not-after-deadline');

      clock.set(new Date(resolveBy.getTime() + DAY));
      // Tokens are short-lived on the same clock.
      for (const username of ['aysel', 'sevda']) await signIn(username);
      const late = await extend('2027-02-15').expect(409);
      expect(late.body.code).toBe('deadline-passed');
      expect((await view(complaint.reference)).deadlines.resolveBy).toBe(complaint.deadlines.resolveBy);

      const noReason = await as('sevda').post(`/api/v1/agent/complaints/${complaint.reference}/reject`, {}).expect(400);
      expect(noReason.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'reason' })]));
      // A blank reason passes the shape check but not the lifecycle's rule.
      const blank = await as('sevda').post(`/api/v1/agent/complaints/${complaint.reference}/reject`, { reason: '   ' }).expect(422);
      expect(blank.body.code).toBe('reason-required');
      expect((await view(complaint.reference)).state).toBe('accepted');
    });
  });
});
