import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import request from 'supertest';
import { type RunningPlaint, startPlaint } from '../apps/plaint/src/bootstrap';
import { RunRetention } from '../apps/core/src/privacy/run-retention.use-case';
import { LoadComplianceRows } from '../apps/core/src/reports/load-compliance-rows';
import { SendNotices } from '../apps/notifier/src/send-notices.use-case';
import type { BusRecord } from '../libs/bus/src';
import { COMPLAINT_EVENTS_TOPIC, type ComplaintEventV1 } from '../libs/contracts/src';
import { ChatClient } from './support/chat-client';
import { ManualClock } from './support/manual-clock';
import { Staff } from './support/staff';
import { RejectingSmtp } from './support/rejecting-smtp';
import { createTestDatabase, queryDatabase, type TestDatabase } from './support/postgres';
import { newInstallation, serviceEnv } from './support/plaint-services';
import { describeWithRealParts } from './support/real-parts';
import { waitFor } from './support/wait-for';

const DAY = 86_400_000;

/** Every log line the services write, kept to be searched for personal data. */
class CapturedLog extends Writable {
  text = '';
  override _write(chunk: Buffer, _encoding: BufferEncoding, done: () => void): void {
    this.text += chunk.toString();
    done();
  }
}

/** The customers of this test: every value here is personal data that must not leak. */
const NARGIZ = {
  fullName: 'Nərgiz Qasımova',
  email: 'nargiz.qasimova@example.az',
  phone: '050 321 65 98',
  e164: '+994503216598',
  words: 'kondisioner damcılayır tavandan',
};
const TURAL = { fullName: 'Tural Hüseynov', phone: '+994 70 555 12 34', e164: '+994705551234', words: 'televizorun pultu yandı' };
const AYNUR = { fullName: 'Aynur Vəliyeva', phone: '055 444 33 22', e164: '+994554443322', words: 'kassir qəbz vermədi' };
const OPEN = { fullName: 'Kamal Rzayev', email: 'kamal.rzayev@example.az', words: 'paltaryuyan səs salır' };

/**
 * The personal data policy over Kafka and PostgreSQL, with a clock the test moves: an admin
 * exports and erases what is held about a customer, retention erases complaints closed longer
 * than the period in batches and only once, the compliance report keeps their rows, staff reads
 * and account changes are in the audit trail, and nothing personal reaches the logs.
 */
describeWithRealParts('personal data through Kafka and Postgres', (parts) => {
  // Monday 7 December 2026, 12:00 in Baku.
  const clock = new ManualClock(new Date('2026-12-07T08:00:00Z'));
  const log = new CapturedLog();
  const blobDir = mkdtempSync(join(tmpdir(), 'plaint-privacy-blobs-'));
  let db: TestDatabase;
  const services: RunningPlaint[] = [];
  let core: RunningPlaint;
  let notifier: RunningPlaint;
  let chat: RunningPlaint;
  let web: RunningPlaint;
  const clients: ChatClient[] = [];
  let staff: Staff;
  let smtp: RejectingSmtp;

  const rows = <T>(sql: string, params: unknown[] = []) => queryDatabase<T>(db.url, sql, params);

  beforeAll(async () => {
    db = await createTestDatabase(parts.postgresUrl);
    // Every notice by e-mail bounces at once, with the address quoted in the server's answer.
    smtp = await RejectingSmtp.start();
    const installation = newInstallation(db.url);
    const env = (app: string) =>
      serviceEnv(parts, installation, app, {
        // The default level: what production writes.
        PLAINT_LOG_LEVEL: 'info',
        PLAINT_BLOB_DIR: blobDir,
        PLAINT_RETENTION_DAYS: '30',
        PLAINT_RETENTION_BATCH: '1',
        // The test runs retention itself; the timers stay out of the way.
        PLAINT_RETENTION_TICK_MS: '3600000',
        PLAINT_SLA_TICK_MS: '3600000',
        PLAINT_SMTP_URL: smtp.url,
      });
    for (const app of ['core', 'notifier', 'ingest-chat', 'ingest-web']) {
      services.push(await startPlaint({ env: env(app), overrides: { clock }, logDestination: log }));
    }
    [core, notifier, chat, web] = services as [RunningPlaint, RunningPlaint, RunningPlaint, RunningPlaint];
    staff = await Staff.hire(core, [['aysel', 'agent'], ['sevda', 'supervisor'], ['kamran', 'agent']]);
  }, 180_000);

  afterAll(async () => {
    for (const client of clients) client.close();
    for (const service of services.reverse()) await service.close();
    await db?.drop();
    await smtp?.close();
    rmSync(blobDir, { recursive: true, force: true });
  }, 120_000);

  const as = (username: string) => staff.as(username);

  interface ComplaintView {
    id: string;
    reference: string;
    customerId: string;
    state: string;
    notices: { eventType: string }[];
  }

  /** The complaint once core has recorded it and the notifier has written its acknowledgement. */
  const acknowledged = (reference: string) =>
    waitFor(
      async () => {
        const response = await as('sevda').get(`/api/v1/agent/complaints/${reference}`);
        return response.status === 200 ? (response.body as ComplaintView) : undefined;
      },
      (complaint) => (complaint?.notices.length ?? 0) >= 1,
      { what: `complaint ${reference} and its acknowledgement`, timeoutMs: 30_000 },
    ).then((complaint) => complaint as ComplaintView);

  async function formComplaint(customer: { fullName: string; email?: string; phone?: string; words: string }): Promise<ComplaintView> {
    const response = await request(web.url)
      .post('/api/v1/callback-requests')
      .send({ fullName: customer.fullName, email: customer.email, phone: customer.phone, message: `Salam, ${customer.words}. Kömək edin.`, language: 'az' })
      .expect(202);
    return acknowledged(response.body.reference as string);
  }

  /** Once the notifier has recorded the notice of `eventType`: the step has gone all the way. */
  const noticeRecorded = (reference: string, eventType: string) =>
    waitFor(
      () => rows<{ id: string }>('SELECT id FROM notices WHERE reference = $1 AND event_type = $2', [reference, eventType]),
      (found) => found.length === 1,
      { what: `the ${eventType} notice of ${reference}`, timeoutMs: 30_000 },
    );

  const closeAsResolved = async (reference: string) => {
    await as('sevda').post(`/api/v1/agent/complaints/${reference}/accept`).expect(200);
    await as('sevda').post(`/api/v1/agent/complaints/${reference}/review`).expect(200);
    await as('sevda')
      .post(`/api/v1/agent/complaints/${reference}/resolve`, { outcome: `Usta ${NARGIZ.fullName} xanıma 9 dekabrda gəldi.`, rootCause: 'installation' })
      .expect(200);
    await as('sevda').post(`/api/v1/agent/complaints/${reference}/close`).expect(200);
  };

  /** Every text column of the tables that can hold a customer's data, as one string. */
  async function storedText(): Promise<string> {
    const tables = ['customers', 'customer_identities', 'complaints', 'messages', 'notices', 'outbox', 'complaint_history', 'callback_attempts', 'chat_conversations', 'chat_lines'];
    const dumps = await Promise.all(tables.map((table) => rows(`SELECT * FROM ${table}`)));
    return JSON.stringify(dumps);
  }

  let nargiz: ComplaintView;

  it('gives an admin everything held about a customer as JSON, refuses agents and supervisors, and audits the export', async () => {
    nargiz = await formComplaint(NARGIZ);
    await as('aysel').get(`/api/v1/agent/customers/${nargiz.customerId}/export`).expect(403);
    await as('sevda').get(`/api/v1/agent/customers/${nargiz.customerId}/export`).expect(403);

    const exported = (await as('admin').get(`/api/v1/agent/customers/${nargiz.customerId}/export`).expect(200)).body;
    expect(exported.customer).toMatchObject({ id: nargiz.customerId, fullName: NARGIZ.fullName });
    expect(exported.identities.map((i: { value: string }) => i.value).sort()).toEqual([NARGIZ.email, NARGIZ.e164].sort());
    expect(exported.complaints).toHaveLength(1);
    expect(exported.complaints[0]).toMatchObject({ reference: nargiz.reference, fullName: NARGIZ.fullName, email: NARGIZ.email, phone: NARGIZ.e164 });
    expect(exported.complaints[0].messages[0].text).toContain(NARGIZ.words);
    expect(exported.complaints[0].notices[0]).toMatchObject({ eventType: 'complaint.received' });
    // The mail server refused the acknowledgement, naming the address: the notice goes to her
    // phone instead, and the log must not repeat the address.
    const [moved] = await waitFor(
      () => rows<{ route: string; status_reason: string }>("SELECT route, status_reason FROM notices WHERE reference = $1 AND event_type = 'complaint.received'", [nargiz.reference]),
      (found) => found[0]?.route === 'sms',
      { what: 'the bounced acknowledgement' },
    );
    expect(moved?.status_reason).toMatch(/^email: 550 5\.1\.1 .*; trying sms instead/);
    expect(log.text).toMatch(/goes by sms: email: 550 5\.1\.1 <\*\*\*@example\.az>/);

    const audit = await as('admin').get(`/api/v1/agent/audit?action=customer.exported&subjectId=${nargiz.customerId}`).expect(200);
    expect(audit.body.items).toEqual([
      expect.objectContaining({ actorId: staff.id('admin'), action: 'customer.exported', subject: { kind: 'customer', id: nargiz.customerId } }),
    ]);
    expect(JSON.stringify(audit.body)).not.toContain(NARGIZ.email);
    await as('sevda').get('/api/v1/agent/audit').expect(403);

    const document = (await request(core.url).get('/api/v1/openapi.json').expect(200)).body as { paths: Record<string, Record<string, unknown>> };
    expect(Object.keys(document.paths['/api/v1/agent/customers/{id}/export'] ?? {})).toEqual(['get']);
    expect(Object.keys(document.paths['/api/v1/agent/customers/{id}/erase'] ?? {})).toEqual(['post']);
    expect(Object.keys(document.paths['/api/v1/agent/audit'] ?? {})).toEqual(['get']);
  });

  it('records staff reads of a complaint and changes to staff accounts in the audit trail', async () => {
    await as('sevda').get(`/api/v1/agent/complaints/${nargiz.reference}`).expect(200);
    const patched = await request(core.url)
      .patch(`/api/v1/agent/agents/${staff.id('kamran')}`)
      .set('Authorization', `Bearer ${staff.token('admin')}`)
      .send({ role: 'supervisor', displayName: 'Kamran Əhmədov' })
      .expect(200);
    expect(patched.body.role).toBe('supervisor');

    const reads = await as('admin').get(`/api/v1/agent/audit?action=complaint.read&subjectId=${nargiz.id}&actorId=${staff.id('sevda')}`).expect(200);
    expect(reads.body.total).toBeGreaterThanOrEqual(1);
    expect(reads.body.items[0]).toMatchObject({ subject: { kind: 'complaint', id: nargiz.id }, details: { reference: nargiz.reference } });

    await as('aysel').get('/api/v1/agent/callbacks').expect(200);
    const lists = await as('admin').get(`/api/v1/agent/audit?action=complaints.listed&actorId=${staff.id('aysel')}`).expect(200);
    expect(lists.body.items[0]).toMatchObject({ details: { list: 'callbacks', count: 1 } });

    const accounts = await as('admin').get('/api/v1/agent/audit?subjectKind=agent').expect(200);
    const lines = accounts.body.items as { action: string; actorId: string; subject: { id: string }; details: Record<string, unknown> }[];
    expect(lines).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ action: 'agent.created', actorId: staff.id('admin'), subject: { kind: 'agent', id: staff.id('aysel') } }),
        expect.objectContaining({
          action: 'agent.updated',
          actorId: staff.id('admin'),
          subject: { kind: 'agent', id: staff.id('kamran') },
          details: { changed: 'displayName,role', role: 'supervisor' },
        }),
      ]),
    );
    expect(JSON.stringify(lines)).not.toContain('Kamran Əhmədov');
  });

  it('refuses to erase a customer whose complaint is still being handled, then erases everything personal and keeps the record', async () => {
    const refused = await as('admin').post(`/api/v1/agent/customers/${nargiz.customerId}/erase`).expect(409);
    expect(refused.body.message).toContain(nargiz.reference);
    expect(await storedText()).toContain(NARGIZ.email);

    await closeAsResolved(nargiz.reference);
    await noticeRecorded(nargiz.reference, 'complaint.closed');
    await as('sevda').post(`/api/v1/agent/customers/${nargiz.customerId}/erase`).expect(403);
    const erased = await as('admin').post(`/api/v1/agent/customers/${nargiz.customerId}/erase`).expect(200);
    expect(erased.body).toMatchObject({ customerId: nargiz.customerId, complaintsErased: 1 });

    const stored = await storedText();
    for (const value of [NARGIZ.fullName, NARGIZ.email, NARGIZ.e164, NARGIZ.words, 'Usta']) expect(stored).not.toContain(value);
    const [complaint] = await rows<{ reference: string; state: string; root_cause: string; personal_data_erased_at: Date | null; accepted_at: Date | null }>(
      'SELECT reference, state, root_cause, personal_data_erased_at, accepted_at FROM complaints WHERE id = $1',
      [nargiz.id],
    );
    expect(complaint).toMatchObject({ reference: nargiz.reference, state: 'closed', root_cause: 'installation' });
    expect(complaint?.personal_data_erased_at).not.toBeNull();
    expect(complaint?.accepted_at).not.toBeNull();
    const steps = await rows<{ to_state: string }>('SELECT to_state FROM complaint_history WHERE complaint_id = $1 ORDER BY at', [nargiz.id]);
    expect(steps.map((s) => s.to_state)).toEqual(expect.arrayContaining(['accepted', 'in_review', 'resolved', 'closed']));

    // The compliance report still counts it, with its dates and root cause.
    const report = await core.app.get(LoadComplianceRows).execute({ from: new Date('2026-12-01T00:00:00Z'), to: new Date('2027-01-01T00:00:00Z') });
    expect(report.find((row) => row.reference === nargiz.reference)).toMatchObject({ state: 'closed', rootCause: 'installation', channel: 'web_form' });

    const exported = (await as('admin').get(`/api/v1/agent/customers/${nargiz.customerId}/export`).expect(200)).body;
    expect(exported.identities).toEqual([]);
    expect(exported.customer.fullName).toBeNull();
    expect(exported.complaints[0]).toMatchObject({ reference: nargiz.reference, essence: '', email: null });

    const audit = await as('admin').get(`/api/v1/agent/audit?action=customer.erased`).expect(200);
    expect(audit.body.items).toEqual([expect.objectContaining({ actorId: staff.id('admin'), subject: { kind: 'customer', id: nargiz.customerId }, details: { complaints: 1 } })]);
  });

  it('turns an event still on its way when its complaint was erased into no notice', async () => {
    // What a relay that read the event just before the erasure would have published.
    const eventId = randomUUID();
    await notifier.app.get(SendNotices).execute([
      {
        topic: COMPLAINT_EVENTS_TOPIC,
        partition: 0,
        offset: '0',
        key: nargiz.id,
        headers: {},
        value: {
          eventId,
          type: 'complaint.closed',
          complaintId: nargiz.id,
          reference: nargiz.reference,
          occurredAt: clock.now().toISOString(),
          channel: 'web_form',
          language: 'az',
          customer: { name: NARGIZ.fullName, email: NARGIZ.email },
          deadlines: {},
          replyTo: NARGIZ.email,
        },
      } satisfies BusRecord<ComplaintEventV1>,
    ]);
    const [notice] = await rows<{ text: string; recipient: string | null; status: string }>('SELECT text, recipient, status FROM notices WHERE event_id = $1', [eventId]);
    expect(notice).toEqual({ text: '', recipient: null, status: 'failed' });
    expect(await storedText()).not.toContain(NARGIZ.fullName);
  });

  it('erases, after the retention period, the complaints that ended before it, batch by batch and only once, with their chats and files', async () => {
    // A chat complaint.
    const client = await ChatClient.connect(chat.url);
    clients.push(client);
    const started = await client.start({ fullName: TURAL.fullName, phone: TURAL.phone, language: 'az' });
    if (!started.ok) throw new Error(`chat:start refused: ${started.error.message}`);
    await client.send(randomUUID(), `Salam, ${TURAL.words}.`);
    const [line] = await waitFor(() => client.plaintLines(), (lines) => lines.length >= 1, { what: 'the chat acknowledgement', timeoutMs: 30_000 });
    const tural = await acknowledged(line?.reference ?? '');

    // A complaint-book entry with its scan.
    const scan = await request(core.url)
      .post('/api/v1/agent/scans')
      .set('Authorization', `Bearer ${staff.token('aysel')}`)
      .set('Content-Type', 'image/png')
      .send(Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47]), Buffer.from(randomUUID())]))
      .expect(201);
    const scanFiles = () => readdirSync(join(blobDir, 'complaint-book-scans')).filter((name) => name.startsWith(scan.body.id as string));
    expect(scanFiles()).toHaveLength(2);
    const book = await as('aysel')
      .post('/api/v1/agent/intake', {
        channel: 'complaint_book',
        fullName: AYNUR.fullName,
        phone: AYNUR.phone,
        essence: `Müştəri yazır: ${AYNUR.words}.`,
        employeeName: 'Səbinə kassir',
        store: 'Gənclik Mall',
        entryDate: '2026-12-05',
        scanId: scan.body.id as string,
        language: 'az',
      })
      .expect(202);
    const aynur = await acknowledged(book.body.reference as string);

    // One that stays open.
    const open = await formComplaint(OPEN);

    await as('sevda').post(`/api/v1/agent/complaints/${tural.reference}/reject`, { reason: `${TURAL.fullName} istifadə qaydalarını pozub` }).expect(200);
    await as('sevda').post(`/api/v1/agent/complaints/${aynur.reference}/reject`, { reason: 'kassa qəbzi yoxdur' }).expect(200);
    await noticeRecorded(tural.reference, 'complaint.rejected');
    await noticeRecorded(aynur.reference, 'complaint.rejected');
    await waitFor(() => client.plaintLines(), (lines) => lines.length >= 2, { what: 'the rejection in the chat' });

    // Twenty days on: nothing is due yet.
    clock.advance(20 * DAY);
    const retention = core.app.get(RunRetention);
    expect((await retention.execute()).complaints).toBe(0);
    expect(await storedText()).toContain(TURAL.words);

    // Thirty-one days after they ended, both go, one per batch, in one run.
    clock.advance(11 * DAY);
    const first = await retention.execute();
    expect(first).toMatchObject({ complaints: 2 });
    expect(log.text).toMatch(/retention: erased personal data of 2 complaint\(s\)/);
    expect((await retention.execute()).complaints).toBe(0);

    const stored = await storedText();
    for (const value of [TURAL.fullName, TURAL.e164, TURAL.words, AYNUR.fullName, AYNUR.e164, AYNUR.words, 'Səbinə kassir', 'qaydalarını', 'kassa qəbzi']) {
      expect(stored).not.toContain(value);
    }
    expect(stored).toContain(OPEN.words);
    expect(stored).toContain(OPEN.email);
    expect(scanFiles()).toEqual([]);
    expect(existsSync(join(blobDir, 'complaint-book-scans'))).toBe(true);

    const [rejected] = await rows<{ why: string }>("SELECT why FROM complaint_history WHERE complaint_id = $1 AND to_state = 'rejected' AND from_state <> 'rejected'", [tural.id]);
    expect(rejected?.why).toBe('rejected: [erased]');
    const erasedStates = await rows<{ reference: string; state: string; channel: string }>(
      'SELECT reference, state, channel FROM complaints WHERE personal_data_erased_at IS NOT NULL ORDER BY reference',
    );
    expect(erasedStates).toEqual(
      [
        { reference: nargiz.reference, state: 'closed', channel: 'web_form' },
        { reference: tural.reference, state: 'rejected', channel: 'chat' },
        { reference: aynur.reference, state: 'rejected', channel: 'complaint_book' },
      ].sort((a, b) => a.reference.localeCompare(b.reference)),
    );
    const report = await core.app.get(LoadComplianceRows).execute({ from: new Date('2026-12-01T00:00:00Z'), to: new Date('2027-01-01T00:00:00Z') });
    expect(report.map((row) => row.reference)).toEqual(expect.arrayContaining([tural.reference, aynur.reference, open.reference]));

    await staff.signIn('admin'); // tokens are short-lived on the moved clock
    const runs = await as('admin').get('/api/v1/agent/audit?action=retention.run').expect(200);
    expect(runs.body.items).toEqual([expect.objectContaining({ actorId: null, subject: { kind: 'retention', id: null }, details: expect.objectContaining({ complaints: 2 }) })]);
  });

  it('writes no customer names, contacts or complaint texts to the log', () => {
    // The run did log: the scan below has something to look at.
    expect(log.text).toMatch(/retention: erased personal data/);
    expect(log.text).toMatch(/Plaint serving core/);
    const personal = [NARGIZ, TURAL, AYNUR, OPEN].flatMap((customer) => [
      customer.fullName,
      ...customer.words.split(' '),
      ...('email' in customer ? [customer.email] : []),
      ...('phone' in customer ? [customer.phone, customer.e164] : []),
    ]);
    for (const value of [...personal, 'Kamran Əhmədov', 'Səbinə kassir']) expect(log.text).not.toContain(value);
  });
});
