import { randomUUID } from 'node:crypto';
import { Kafka, logLevel, Partitioners } from 'kafkajs';
import request from 'supertest';
import type { RunningPlaint } from '../apps/plaint/src/bootstrap';
import { greenMail } from './support/greenmail';
import { inboundMail } from './support/inbound-mail';
import { readInbox } from './support/mailbox';
import { createTestDatabase, queryDatabase, type TestDatabase } from './support/postgres';
import { newInstallation, serviceEnv, startServices, UNLIMITED_PUBLIC_RATES } from './support/plaint-services';
import { describeWithRealParts } from './support/real-parts';
import { askForLink, linksMailedTo } from './support/sign-in-links';
import { Staff } from './support/staff';
import { waitFor } from './support/wait-for';

const PAGE = 'https://care.example.az/my-complaints.html';

interface PageComplaint {
  reference: string;
  channel: string;
  status: string;
  waitingFor?: string[];
  messages: { id: string; text: string }[];
  canWrite: boolean;
}

/**
 * The customer's own page on the real parts (Kafka, Postgres, GreenMail): a customer signs in
 * with a link mailed to them and sees their complaints from every channel, never another's;
 * answers a request for details from the page, which reaches the complaint as any customer
 * message does; and links and sessions end when they should.
 */
describeWithRealParts("the customer's page on Kafka and Postgres", (parts) => {
  const mail = greenMail();
  let db: TestDatabase;
  let installation: ReturnType<typeof newInstallation>;
  let services: RunningPlaint[] = [];
  let core: RunningPlaint;
  let web: RunningPlaint;
  let staff: Staff;
  const kafka = new Kafka({ clientId: 'my-complaints-test', brokers: parts.kafkaBrokers.split(','), logLevel: logLevel.NOTHING });
  const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });

  beforeAll(async () => {
    db = await createTestDatabase(parts.postgresUrl);
    installation = newInstallation(db.url);
    const page = { ...UNLIMITED_PUBLIC_RATES, PLAINT_CUSTOMER_PAGE_URL: PAGE };
    services = await startServices([
      serviceEnv(parts, installation, 'core', page),
      serviceEnv(parts, installation, 'notifier', { ...page, PLAINT_SMTP_URL: `smtp://${mail.host}:${mail.smtpPort}`, PLAINT_MAIL_FROM: 'Care <care@plaint.test>' }),
      serviceEnv(parts, installation, 'ingest-web', page),
    ]);
    [core, , web] = services as [RunningPlaint, RunningPlaint, RunningPlaint];
    staff = await Staff.hire(core, [
      ['leyla', 'agent'],
      ['farid', 'supervisor'],
    ]);
    await producer.connect();
  }, 120_000);

  afterAll(async () => {
    await producer.disconnect();
    for (const service of services.reverse()) await service.close();
    await db?.drop();
  }, 120_000);

  const address = (who: string) => `${who}-${randomUUID().slice(0, 8)}@example.az`;
  const rows = <T>(sql: string, parameters: unknown[] = []) => queryDatabase<T>(db.url, sql, parameters);

  async function registered(where: string, parameters: unknown[]): Promise<string> {
    const [row] = await waitFor(() => rows<{ reference: string }>(`SELECT reference FROM complaints WHERE ${where}`, parameters), (found) => found.length === 1, {
      what: 'the complaint',
      timeoutMs: 30_000,
    });
    return row?.reference ?? '';
  }

  /** A customer's mail as the mailbox adapter puts it on the bus: the address it came from is proven. */
  async function emailComplaint(from: string, text: string): Promise<string> {
    const message = inboundMail({ from: { name: 'Aysel Məmmədova', email: from }, text, conversation: `<${randomUUID()}@customer.test>`, receivedAt: new Date(), mailbox: 'care@plaint.test/INBOX' });
    await producer.send({ topic: `${installation.topicPrefix}plaint.inbound.v1`, messages: [{ key: `email:${from}`, value: JSON.stringify(message) }] });
    return registered('id IN (SELECT complaint_id FROM messages WHERE external_id = $1)', [message.externalId]);
  }

  /** The "call me back" form with this address, through ingest-web. */
  async function formComplaint(email: string, message: string): Promise<string> {
    const sent = await request(web.url).post('/api/v1/callback-requests').send({ fullName: 'Aysel Məmmədova', email, message }).expect(202);
    return registered('reference = $1', [sent.body.reference]);
  }

  /**
   * Signs in with the `nth` link mailed to `email`. The page's address is https://, so the cookie
   * is Secure and a browser sends it back over HTTPS only; the test, on plain HTTP, sends it itself.
   */
  async function signIn(email: string, nth = 1) {
    await askForLink(core.url, email).expect(202);
    const tokens = await linksMailedTo(mail, email, nth);
    const opened = await request(core.url).post('/api/v1/customer/session').send({ token: tokens[nth - 1] }).expect(200);
    const setCookie = String(opened.headers['set-cookie']);
    expect(setCookie).toMatch(/; Secure;|; Secure$/);
    const cookie = setCookie.split(';')[0] ?? '';
    return {
      get: (path: string) => request(core.url).get(path).set('Cookie', cookie),
      post: (path: string) => request(core.url).post(path).set('Cookie', cookie),
      delete: (path: string) => request(core.url).delete(path).set('Cookie', cookie),
    };
  }

  const complaintsOn = async (browser: Awaited<ReturnType<typeof signIn>>): Promise<PageComplaint[]> =>
    (await browser.get('/api/v1/customer/complaints').expect(200)).body.complaints as PageComplaint[];

  it("shows a customer their complaints from e-mail and the form, and never lets another customer reach them", async () => {
    const aysel = address('aysel');
    const kamran = address('kamran');
    const byMail = await emailComplaint(aysel, 'Aldığım paltaryuyan maşın iki gündən sonra işləmədi.');
    const byForm = await formComplaint(aysel, 'Zəng gözləyirəm: kuryer maşını qırıq gətirdi.');
    const his = await emailComplaint(kamran, 'Televizorun pultu qutuda yox idi.');

    // An address nobody used gets the same answer, and no mail.
    const stranger = address('stranger');
    const unknown = await askForLink(core.url, stranger).expect(202);
    const ayselBrowser = await signIn(aysel);
    expect((await askForLink(core.url, aysel).expect(202)).body).toEqual(unknown.body);
    expect(await readInbox(mail, stranger)).toEqual([]);

    const hers = await complaintsOn(ayselBrowser);
    expect(hers.map((c) => [c.reference, c.channel])).toEqual([
      [byForm, 'web_form'],
      [byMail, 'email'],
    ]);
    expect(hers.every((c) => c.canWrite && c.status === 'received')).toBe(true);

    // Kamran, signed in, is told her complaint does not exist, exactly as for a made-up reference.
    const kamranBrowser = await signIn(kamran);
    expect((await complaintsOn(kamranBrowser)).map((c) => c.reference)).toEqual([his]);
    const notHis = await kamranBrowser.get(`/api/v1/customer/complaints/${byMail}`).expect(404);
    const madeUp = await kamranBrowser.get('/api/v1/customer/complaints/ZZZZ-ZZZZ-ZZZZ').expect(404);
    expect(notHis.body).toEqual(madeUp.body);
    const written = await kamranBrowser.post(`/api/v1/customer/complaints/${byMail.toLowerCase()}/messages`).send({ text: 'Bu mənim şikayətimdir', clientMessageId: randomUUID() }).expect(404);
    expect(written.body).toEqual(madeUp.body);
    await request(core.url).get('/api/v1/customer/complaints').expect(401);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(await rows('SELECT m.text FROM messages m JOIN complaints c ON c.id = m.complaint_id WHERE c.reference = $1 AND m.channel = $2', [byMail, 'customer_page'])).toEqual([]);
  });

  it('takes an answer to a request for details from the page as the customer’s answer, once, and the agent sees it on the complaint', async () => {
    const nigar = address('nigar');
    const reference = await emailComplaint(nigar, 'Soyuducu sifarişim bir həftədir gecikir.');
    const as = (who: string) => staff.as(who);
    await as('leyla').post(`/api/v1/agent/complaints/${reference}/accept`).expect(200);
    await as('leyla').post(`/api/v1/agent/complaints/${reference}/request-details`, { what: ['sifariş nömrəsi'] }).expect(200);

    const browser = await signIn(nigar);
    const [waiting] = await complaintsOn(browser);
    expect(waiting).toMatchObject({ reference, status: 'waiting_for_customer', waitingFor: ['sifariş nömrəsi'], canWrite: true });

    const answer = { text: 'Sifariş nömrəsi: 55-10293', clientMessageId: randomUUID(), language: 'az' };
    const first = await browser.post(`/api/v1/customer/complaints/${reference}/messages`).send(answer).expect(202);
    // The page sends it again (a lost answer, a double click): the same message, stored once.
    const again = await browser.post(`/api/v1/customer/complaints/${reference}/messages`).send(answer).expect(202);
    expect(again.body).toEqual(first.body);

    const detail = await waitFor(
      async () => (await as('leyla').get(`/api/v1/agent/complaints/${reference}`).expect(200)).body as { state: string; messages: { id: string; channel: string; text: string }[] },
      (complaint) => complaint.state === 'in_review',
      { what: 'the answer to resume the review', timeoutMs: 30_000 },
    );
    expect(detail.messages.filter((m) => m.channel === 'customer_page')).toEqual([expect.objectContaining({ id: first.body.messageId, text: 'Sifariş nömrəsi: 55-10293' })]);
    const [answered] = await complaintsOn(browser);
    expect(answered).toMatchObject({ status: 'in_review', messages: [{ id: first.body.messageId, text: 'Sifariş nömrəsi: 55-10293' }] });
    expect(answered?.waitingFor).toBeUndefined();
  });

  it('ends a session on sign-out and on erasure, and a link sent before an erasure opens nothing after it', async () => {
    const elvin = address('elvin');
    const reference = await emailComplaint(elvin, 'Mağazada mənə kobud cavab verdilər.');
    const signedIn = await signIn(elvin);
    await signedIn.delete('/api/v1/customer/session').expect(204);
    await signedIn.get('/api/v1/customer/complaints').expect(401);

    // A handled complaint, a session open on it, and a link still on its way.
    await staff.as('farid').post(`/api/v1/agent/complaints/${reference}/reject`, { reason: 'Mağaza ilə əlaqəli deyil' }).expect(200);
    const open = await signIn(elvin, 2);
    expect((await complaintsOn(open)).map((c) => [c.reference, c.status, c.canWrite])).toEqual([[reference, 'rejected', false]]);
    await open.post(`/api/v1/customer/complaints/${reference}/messages`).send({ text: 'Niyə?', clientMessageId: randomUUID() }).expect(409);
    await askForLink(core.url, elvin).expect(202);
    const [, , unused = ''] = await linksMailedTo(mail, elvin, 3);

    const detail = (await staff.as('admin').get(`/api/v1/agent/complaints/${reference}`).expect(200)).body as { customerId: string };
    await staff.as('admin').post(`/api/v1/agent/customers/${detail.customerId}/erase`).expect(200);
    await open.get('/api/v1/customer/complaints').expect(401);
    await request(core.url).post('/api/v1/customer/session').send({ token: unused }).expect(401);
    expect(await rows('SELECT recipient FROM notices WHERE event_type = $1 AND recipient = $2', ['customer.sign-in-link', elvin])).toEqual([]);
    expect(await rows('SELECT end_reason FROM customer_sessions WHERE contact = $1 AND ended_at IS NOT NULL ORDER BY created_at', [elvin])).toEqual([
      { end_reason: 'signed-out' },
      { end_reason: 'erased' },
    ]);
  });
});
