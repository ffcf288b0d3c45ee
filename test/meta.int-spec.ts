import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type RunningPlaint, startPlaint } from '../apps/plaint/src/bootstrap';
import { FakeMetaGraph } from './support/fake-meta-graph';
import { freePort } from './support/free-port';
import { messagingEvent, messagingNotification, postMetaWebhook, whatsappMessage, whatsappStatus } from './support/meta-webhooks';
import { createTestDatabase, queryDatabase, type TestDatabase } from './support/postgres';
import { newInstallation, serviceEnv } from './support/plaint-services';
import { describeWithRealParts } from './support/real-parts';
import { Staff } from './support/staff';
import { waitFor } from './support/wait-for';

const APP_SECRET = 'meta-app-secret-for-tests';
const VERIFY_TOKEN = 'verify-token-for-tests';
const WHATSAPP_TOKEN = 'whatsapp-system-user-token';
const PAGE_TOKEN = 'messenger-page-token';
const INSTAGRAM_TOKEN = 'instagram-page-token';
const PHONE_NUMBER_ID = '106540352242922';
const PAGE_ID = '1234567890123';
const INSTAGRAM_ID = '17841400000000001';

const TEMPLATES = { 'complaint.received': { az: 'muraciet_qebul_edildi', en: 'complaint_received' } };
const DAY_MS = 24 * 3600_000;

interface StoredNotice {
  status: string;
  route: string | null;
  status_reason: string | null;
  message_id: string | null;
  receipt: string | null;
}

interface StoredMessage {
  channel: string;
  text: string;
  conversation: string;
  raw: string;
  complaint_id: string | null;
}

describeWithRealParts('Meta channels through the real webhook (WhatsApp, Messenger, Instagram)', (parts) => {
  let db: TestDatabase;
  let graph: FakeMetaGraph;
  let blobDir: string;
  let plaint: RunningPlaint;
  let installation: ReturnType<typeof newInstallation>;
  let metaEnv: Record<string, string>;
  /** A webhook service of its own, for the restart. */
  let social: RunningPlaint | undefined;
  const signed = { appSecret: APP_SECRET };
  const unique = () => randomBytes(6).toString('hex');
  const waId = () => `99450${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`;

  const messages = (channel: string, externalId: string) =>
    queryDatabase<StoredMessage>(db.url, 'SELECT channel, text, conversation, raw, complaint_id FROM messages WHERE channel = $1 AND external_id = $2', [channel, externalId]);
  const stored = (channel: string, externalId: string) =>
    waitFor(() => messages(channel, externalId), (rows) => rows.length > 0 && rows[0]!.complaint_id !== null, { what: `${channel} message ${externalId} in a complaint` }).then((rows) => rows[0]!);
  const noticeOf = async (complaintId: string | null) =>
    (await queryDatabase<StoredNotice>(db.url, 'SELECT status, route, status_reason, message_id, receipt FROM notices WHERE complaint_id = $1', [complaintId]))[0];
  const noticeUntil = (complaintId: string | null, done: (notice: StoredNotice | undefined) => boolean, what: string) =>
    waitFor(() => noticeOf(complaintId), done, { what }).then((notice) => notice!);
  const sendsTo = (customerId: string) =>
    graph.sends().filter((call) => call.body?.to === customerId || (call.body?.recipient as { id?: string } | undefined)?.id === customerId);
  const referenceOf = async (complaintId: string | null) =>
    (await queryDatabase<{ reference: string }>(db.url, 'SELECT reference FROM complaints WHERE id = $1', [complaintId]))[0]!.reference;
  const count = async (sql: string, params: unknown[]) => Number((await queryDatabase<{ n: string }>(db.url, sql, params))[0]?.n ?? 0);

  beforeAll(async () => {
    db = await createTestDatabase(parts.postgresUrl);
    graph = await FakeMetaGraph.start({ whatsapp: WHATSAPP_TOKEN, pages: [PAGE_TOKEN, INSTAGRAM_TOKEN] });
    blobDir = await mkdtemp(join(tmpdir(), 'plaint-meta-blobs-'));
    installation = newInstallation(db.url);
    metaEnv = {
      PLAINT_BLOB_DIR: blobDir,
      PLAINT_META_APP_SECRET: APP_SECRET,
      PLAINT_META_VERIFY_TOKEN: VERIFY_TOKEN,
      PLAINT_META_GRAPH_URL: graph.url,
      PLAINT_META_WHATSAPP_TOKEN: WHATSAPP_TOKEN,
      PLAINT_META_PAGE_TOKENS: JSON.stringify({ [PAGE_ID]: PAGE_TOKEN, [INSTAGRAM_ID]: INSTAGRAM_TOKEN }),
      PLAINT_META_MAX_MEDIA_BYTES: '4096',
      PLAINT_META_WHATSAPP_TEMPLATES: JSON.stringify(TEMPLATES),
    };
    plaint = await startPlaint({ env: serviceEnv(parts, installation, 'core,notifier,ingest-social', metaEnv) });
  }, 120_000);

  afterAll(async () => {
    await social?.close();
    await plaint?.close();
    await graph?.close();
    await db?.drop();
    if (blobDir) await rm(blobDir, { recursive: true, force: true });
  }, 60_000);

  it('answers Meta’s subscription handshake with the challenge, and refuses a wrong verify token', async () => {
    const handshake = (token: string) => fetch(`${plaint.url}/webhooks/meta?hub.mode=subscribe&hub.verify_token=${token}&hub.challenge=1158201444`);
    const accepted = await handshake(VERIFY_TOKEN);
    expect(accepted.status).toBe(200);
    expect(await accepted.text()).toBe('1158201444');
    expect((await handshake('guessed')).status).toBe(403);
  });

  it('refuses unsigned and wrongly signed posts with 401 and stores nothing of them', async () => {
    const forged = whatsappMessage(PHONE_NUMBER_ID, { waId: waId(), name: 'Forger' }, { id: `wamid.forged${unique()}`, type: 'text', content: { body: 'Forged complaint' } });
    expect((await postMetaWebhook(plaint.url, forged, {})).status).toBe(401);
    expect((await postMetaWebhook(plaint.url, forged, { signature: 'sha256=' + '0'.repeat(64) })).status).toBe(401);
    expect((await postMetaWebhook(plaint.url, forged, { appSecret: 'another app’s secret' })).status).toBe(401);

    // A signed message posted after them is stored: had the forged one gone anywhere, it would be too.
    const realId = `wamid.real${unique()}`;
    const real = whatsappMessage(PHONE_NUMBER_ID, { waId: waId(), name: 'Real Customer' }, { id: realId, type: 'text', content: { body: 'A real complaint' } });
    expect((await postMetaWebhook(plaint.url, real, signed)).status).toBe(200);
    await stored('whatsapp', realId);
    expect(await count("SELECT count(*) AS n FROM messages WHERE text = 'Forged complaint'", [])).toBe(0);
  });

  it('keeps a WhatsApp message Meta delivers three times as one message, one complaint and one acknowledgement', async () => {
    const customer = { waId: waId(), name: 'Aysel Məmmədova' };
    const id = `wamid.HBgM${unique()}`;
    const post = whatsappMessage(PHONE_NUMBER_ID, customer, { id, type: 'text', content: { body: 'Soyuducu işləmir, iki gündür gözləyirəm.' } });
    for (let i = 0; i < 3; i += 1) expect(await postMetaWebhook(plaint.url, post, signed)).toEqual({ status: 200, text: 'EVENT_RECEIVED' });

    const message = await stored('whatsapp', id);
    expect(message.text).toBe('Soyuducu işləmir, iki gündür gözləyirəm.');
    expect(message.conversation).toBe(`${PHONE_NUMBER_ID}:${customer.waId}`);
    const [complaint] = await queryDatabase<{ channel: string; reply_to: string; full_name: string; phone: string }>(
      db.url,
      'SELECT channel, reply_to, full_name, phone FROM complaints WHERE id = $1',
      [message.complaint_id],
    );
    expect(complaint).toEqual({ channel: 'whatsapp', reply_to: `${PHONE_NUMBER_ID}:${customer.waId}`, full_name: customer.name, phone: `+${customer.waId}` });
    const identities = await queryDatabase<{ value: string; verified: boolean }>(
      db.url,
      "SELECT value, verified FROM customer_identities WHERE kind = 'platform' AND value = $1",
      [`whatsapp:${customer.waId}`],
    );
    expect(identities).toEqual([{ value: `whatsapp:${customer.waId}`, verified: true }]);

    await noticeUntil(message.complaint_id, (notice) => notice?.status === 'sent', 'the acknowledgement sent');
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(await count('SELECT count(*) AS n FROM messages WHERE external_id = $1', [id])).toBe(1);
    expect(await count('SELECT count(*) AS n FROM notices WHERE complaint_id = $1', [message.complaint_id])).toBe(1);
    expect(sendsTo(customer.waId)).toHaveLength(1);
  });

  it('fetches a WhatsApp photo through the Graph API into the blob store, with its caption as the words', async () => {
    const photo = Buffer.from('\xff\xd8\xff\xe0 a small jpeg of a broken screen', 'latin1');
    const mediaId = `media${unique()}`;
    graph.addWhatsAppMedia(mediaId, photo, 'image/jpeg');
    const id = `wamid.photo${unique()}`;
    const post = whatsappMessage(PHONE_NUMBER_ID, { waId: waId(), name: 'Rəşad' }, { id, type: 'image', content: { id: mediaId, mime_type: 'image/jpeg', sha256: 'x', caption: 'The screen arrived broken' } });
    expect((await postMetaWebhook(plaint.url, post, signed)).status).toBe(200);

    const message = await stored('whatsapp', id);
    expect(message.text).toBe('The screen arrived broken');
    const [attachment] = JSON.parse(message.raw).attachments;
    expect(attachment).toMatchObject({ filename: 'image.jpeg', contentType: 'image/jpeg', size: photo.length });
    const sha256 = attachment.sha256 as string;
    expect(await readFile(join(blobDir, sha256.slice(0, 2), sha256.slice(2, 4), `${sha256}.bin`))).toEqual(photo);
    expect(graph.calls.filter((call) => call.path === `/${mediaId}`)).toHaveLength(1);
  });

  it('keeps the words of a WhatsApp message whose file cannot be downloaded, and says which file is missing', async () => {
    const expiredId = `media${unique()}`;
    graph.addWhatsAppMedia(expiredId, Buffer.from('%PDF-1.7 receipt'), 'application/pdf', { broken: true });
    const tooLargeId = `media${unique()}`;
    graph.addWhatsAppMedia(tooLargeId, Buffer.alloc(5000, 1), 'image/png');
    const expired = `wamid.expired${unique()}`;
    const tooLarge = `wamid.large${unique()}`;
    const customer = { waId: waId(), name: 'Murad' };
    expect((await postMetaWebhook(plaint.url, whatsappMessage(PHONE_NUMBER_ID, customer, { id: expired, type: 'document', content: { id: expiredId, filename: 'receipt.pdf', mime_type: 'application/pdf', caption: 'My receipt' } }), signed)).status).toBe(200);
    expect((await postMetaWebhook(plaint.url, whatsappMessage(PHONE_NUMBER_ID, customer, { id: tooLarge, type: 'image', content: { id: tooLargeId, mime_type: 'image/png' } }), signed)).status).toBe(200);

    const first = await stored('whatsapp', expired);
    expect(first.text).toMatch(/^My receipt\n\n\[The document "receipt.pdf" sent with this message could not be downloaded: .+\]$/);
    expect(JSON.parse(first.raw).attachments).toEqual([]);
    const second = await stored('whatsapp', tooLarge);
    expect(second.text).toMatch(/^\[The image sent with this message could not be downloaded: the file is larger than the 4096-byte limit\]$/);
  });

  it('takes the title of a WhatsApp button or list reply as the words, and ignores reactions', async () => {
    const customer = { waId: waId(), name: 'Leyla' };
    const button = `wamid.button${unique()}`;
    const list = `wamid.list${unique()}`;
    const reaction = `wamid.reaction${unique()}`;
    const posts = [
      whatsappMessage(PHONE_NUMBER_ID, customer, { id: reaction, type: 'reaction', content: { message_id: 'wamid.ours', emoji: '👍' } }),
      whatsappMessage(PHONE_NUMBER_ID, customer, { id: button, type: 'interactive', content: { type: 'button_reply', button_reply: { id: 'refund', title: 'I want a refund' } } }),
      whatsappMessage(PHONE_NUMBER_ID, customer, { id: list, type: 'interactive', content: { type: 'list_reply', list_reply: { id: 'store-2', title: 'Nərimanov store', description: 'Baku' } } }),
    ];
    for (const post of posts) expect((await postMetaWebhook(plaint.url, post, signed)).status).toBe(200);

    expect((await stored('whatsapp', button)).text).toBe('I want a refund');
    expect((await stored('whatsapp', list)).text).toBe('Nərimanov store');
    expect(await messages('whatsapp', reaction)).toEqual([]);
  });

  it('takes Messenger texts, files, quick replies and postbacks, and ignores echoes and reactions', async () => {
    const psid = `psid${unique()}`;
    const picture = graph.addAttachment(`photo-${unique()}.jpg`, Buffer.from('jpeg bytes of a dented kettle'), 'image/jpeg');
    const [text, quickReply, postback, echo, reaction] = ['text', 'quick', 'postback', 'echo', 'reaction'].map((kind) => `m_${kind}${unique()}`) as [string, string, string, string, string];
    const events = [
      messagingEvent(PAGE_ID, psid, { message: { mid: text, text: 'The kettle came dented', attachments: [{ type: 'image', payload: { url: picture } }] } }),
      messagingEvent(PAGE_ID, psid, { message: { mid: quickReply, text: 'Delivery problem', quick_reply: { payload: 'DELIVERY' } } }),
      messagingEvent(PAGE_ID, psid, { postback: { mid: postback, title: 'Talk to support', payload: 'SUPPORT' } }),
      { sender: { id: PAGE_ID }, recipient: { id: psid }, timestamp: Date.now(), message: { mid: echo, is_echo: true, app_id: 1517, text: 'Our own answer' } },
      messagingEvent(PAGE_ID, psid, { reaction: { mid: reaction, action: 'react', reaction: 'love', emoji: '❤️' } }),
    ];
    expect((await postMetaWebhook(plaint.url, messagingNotification('page', PAGE_ID, events), signed)).status).toBe(200);

    const first = await stored('messenger', text);
    expect(first.text).toBe('The kettle came dented');
    expect(first.conversation).toBe(`${PAGE_ID}:${psid}`);
    expect(JSON.parse(first.raw).attachments).toEqual([expect.objectContaining({ filename: 'image.jpeg', contentType: 'image/jpeg' })]);
    expect((await stored('messenger', quickReply)).text).toBe('Delivery problem');
    expect((await stored('messenger', postback)).text).toBe('Talk to support');
    expect(await count('SELECT count(*) AS n FROM messages WHERE external_id IN ($1, $2)', [echo, reaction])).toBe(0);
    const identities = await queryDatabase<{ verified: boolean }>(db.url, "SELECT verified FROM customer_identities WHERE value = $1", [`messenger:${psid}`]);
    expect(identities).toEqual([{ verified: true }]);
  });

  it('takes an Instagram direct message as a complaint on Instagram', async () => {
    const igsid = `igsid${unique()}`;
    const mid = `aWdfZAG1faXRlbToxOklH${unique()}`;
    const post = messagingNotification('instagram', INSTAGRAM_ID, [messagingEvent(INSTAGRAM_ID, igsid, { message: { mid, text: 'Sifarişim hələ gəlməyib' } })]);
    expect((await postMetaWebhook(plaint.url, post, signed)).status).toBe(200);

    const message = await stored('instagram', mid);
    expect(message.text).toBe('Sifarişim hələ gəlməyib');
    const [complaint] = await queryDatabase<{ channel: string; reply_to: string }>(db.url, 'SELECT channel, reply_to FROM complaints WHERE id = $1', [message.complaint_id]);
    expect(complaint).toEqual({ channel: 'instagram', reply_to: `${INSTAGRAM_ID}:${igsid}` });
  });

  it('answers a WhatsApp customer in their conversation with text, and shows when it was delivered and read', async () => {
    const customer = { waId: waId(), name: 'Nigar' };
    const id = `wamid.fresh${unique()}`;
    const post = whatsappMessage(PHONE_NUMBER_ID, customer, { id, type: 'text', content: { body: 'The washing machine leaks water.' } });
    expect((await postMetaWebhook(plaint.url, post, signed)).status).toBe(200);

    const [send] = await waitFor(() => sendsTo(customer.waId), (sends) => sends.length > 0, { what: 'the acknowledgement on WhatsApp' });
    expect(send).toMatchObject({ path: `/${PHONE_NUMBER_ID}/messages`, authorization: `Bearer ${WHATSAPP_TOKEN}`, body: { messaging_product: 'whatsapp', to: customer.waId, type: 'text' } });
    const { complaint_id: complaintId } = await stored('whatsapp', id);
    expect((send!.body!.text as { body: string }).body).toContain(await referenceOf(complaintId));
    const sent = await noticeUntil(complaintId, (notice) => notice?.status === 'sent', 'the notice sent');
    expect(sent).toMatchObject({ route: 'whatsapp', message_id: expect.stringMatching(/^wamid\./) });

    for (const status of ['delivered', 'read', 'delivered', 'read']) {
      expect((await postMetaWebhook(plaint.url, whatsappStatus(PHONE_NUMBER_ID, { id: sent.message_id!, status, recipient: customer.waId }), signed)).status).toBe(200);
    }
    await noticeUntil(complaintId, (notice) => notice?.receipt === 'read', 'the read receipt');
  });

  it('takes a notice WhatsApp reports as failed off WhatsApp, with WhatsApp’s reason for agents', async () => {
    const customer = { waId: waId(), name: 'Tural' };
    const id = `wamid.tofail${unique()}`;
    expect((await postMetaWebhook(plaint.url, whatsappMessage(PHONE_NUMBER_ID, customer, { id, type: 'text', content: { body: 'Zəmanət kartı verilmədi.' } }), signed)).status).toBe(200);
    const { complaint_id: complaintId } = await stored('whatsapp', id);
    const sent = await noticeUntil(complaintId, (notice) => notice?.status === 'sent', 'the notice sent');

    const errors = [{ code: 131026, title: 'Message undeliverable', message: 'Message undeliverable', error_data: { details: 'The recipient’s phone number is not a WhatsApp phone number' } }];
    expect((await postMetaWebhook(plaint.url, whatsappStatus(PHONE_NUMBER_ID, { id: sent.message_id!, status: 'failed', recipient: customer.waId, errors }), signed)).status).toBe(200);
    // The customer's phone is the next route: SMS, which this installation has not configured.
    const moved = await noticeUntil(complaintId, (notice) => notice?.route === 'sms', 'the notice moved to the next route');
    expect(moved.status).toBe('pending');
    expect(moved.status_reason).toContain('WhatsApp: Message undeliverable The recipient’s phone number is not a WhatsApp phone number (code 131026)');
  });

  it('answers a WhatsApp customer who wrote more than 24 hours ago with the approved template for the notice', async () => {
    const customer = { waId: waId(), name: 'Kamran' };
    const id = `wamid.stale${unique()}`;
    const at = new Date(Date.now() - 2 * DAY_MS);
    expect((await postMetaWebhook(plaint.url, whatsappMessage(PHONE_NUMBER_ID, customer, { id, type: 'text', content: { body: 'Televizorun ekranı ikinci gün sındı.' }, at }), signed)).status).toBe(200);
    const { complaint_id: complaintId } = await stored('whatsapp', id);

    const [send] = await waitFor(() => sendsTo(customer.waId), (sends) => sends.length > 0, { what: 'the template on WhatsApp' });
    const reference = await referenceOf(complaintId);
    expect(send!.body).toEqual({
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to: customer.waId,
      type: 'template',
      template: { name: 'muraciet_qebul_edildi', language: { policy: 'deterministic', code: 'az' }, components: [{ type: 'body', parameters: [{ type: 'text', text: reference }] }] },
    });
    await noticeUntil(complaintId, (notice) => notice?.status === 'sent', 'the template notice sent');
  });

  it('sends nothing on WhatsApp after 24 hours when no template fits, and says why on the notice', async () => {
    const customer = { waId: waId(), name: 'Ivan Petrov' };
    const id = `wamid.notemplate${unique()}`;
    const at = new Date(Date.now() - 2 * DAY_MS);
    const post = whatsappMessage(PHONE_NUMBER_ID, customer, { id, type: 'text', content: { body: 'Здравствуйте, холодильник сломался через неделю после покупки.' }, at });
    expect((await postMetaWebhook(plaint.url, post, signed)).status).toBe(200);
    const { complaint_id: complaintId } = await stored('whatsapp', id);

    const notice = await noticeUntil(complaintId, (row) => row?.route === 'sms', 'the notice moved off WhatsApp');
    expect(notice.status_reason).toContain('none is configured for complaint.received in "ru" (PLAINT_META_WHATSAPP_TEMPLATES)');
    expect(sendsTo(customer.waId)).toEqual([]);
  });

  /** A Messenger customer whose message Meta delivers two days after they wrote it. */
  async function messengerComplaintTwoDaysOld(text: string): Promise<{ psid: string; complaintId: string | null }> {
    const psid = `psid${unique()}`;
    const mid = `m_stale${unique()}`;
    const at = new Date(Date.now() - 2 * DAY_MS);
    const post = messagingNotification('page', PAGE_ID, [messagingEvent(PAGE_ID, psid, { message: { mid, text } }, at)]);
    expect((await postMetaWebhook(plaint.url, post, signed)).status).toBe(200);
    return { psid, complaintId: (await stored('messenger', mid)).complaint_id };
  }

  it('sends no automatic notice on Messenger after 24 hours, and marks it failed with the reason when the customer has no other route', async () => {
    const { psid, complaintId } = await messengerComplaintTwoDaysOld('Nobody answered my complaint');
    const notice = await noticeUntil(complaintId, (row) => row?.status === 'failed', 'the notice failed');
    expect(notice.status_reason).toContain('Messenger takes no automatic notice then');
    expect(sendsTo(psid)).toEqual([]);
  });

  it('sends an agent’s reply on Messenger days after the customer wrote, tagged HUMAN_AGENT, where the automatic notice could not go', async () => {
    const staff = await Staff.hire(plaint, [['sevinc', 'supervisor']]);
    const { psid, complaintId } = await messengerComplaintTwoDaysOld('Still waiting for the refund');
    await noticeUntil(complaintId, (row) => row?.status === 'failed', 'the acknowledgement failed');

    const reference = await referenceOf(complaintId);
    await staff.as('sevinc').post(`/api/v1/agent/complaints/${reference}/replies`, { text: 'Your refund was sent today.' }).expect(200);
    const [send] = await waitFor(() => sendsTo(psid), (sends) => sends.length > 0, { what: 'the agent’s reply on Messenger' });
    expect(send!.body).toMatchObject({ recipient: { id: psid }, messaging_type: 'MESSAGE_TAG', tag: 'HUMAN_AGENT' });
    expect((send!.body!.message as { text: string }).text).toContain('Your refund was sent today.');
  });

  it('waits as long as Meta says after a 429 and then sends the notice once; a delivery receipt names it', async () => {
    // Earlier notices settled first, so that the refusal goes to this one.
    await waitFor(() => count("SELECT count(*) AS n FROM notices WHERE status = 'pending' AND route IN ('whatsapp', 'messenger', 'instagram')", []), (n) => n === 0, { what: 'earlier notices settled' });
    graph.failNextSends({ status: 429, code: 613, message: 'Calls to this API have exceeded the rate limit.', retryAfterSeconds: 1 });
    const psid = `psid${unique()}`;
    const mid = `m_rate${unique()}`;
    expect((await postMetaWebhook(plaint.url, messagingNotification('page', PAGE_ID, [messagingEvent(PAGE_ID, psid, { message: { mid, text: 'My order is late' } })]), signed)).status).toBe(200);
    const { complaint_id: complaintId } = await stored('messenger', mid);

    const sent = await noticeUntil(complaintId, (notice) => notice?.status === 'sent', 'the notice sent after the wait');
    expect(sendsTo(psid)).toHaveLength(2);
    expect(sendsTo(psid)[1]).toMatchObject({ path: '/me/messages', authorization: `Bearer ${PAGE_TOKEN}`, body: { recipient: { id: psid }, messaging_type: 'RESPONSE' } });

    const delivery = messagingNotification('page', PAGE_ID, [messagingEvent(PAGE_ID, psid, { delivery: { mids: [sent.message_id], watermark: Date.now() } })]);
    expect((await postMetaWebhook(plaint.url, delivery, signed)).status).toBe(200);
    await noticeUntil(complaintId, (notice) => notice?.receipt === 'delivered', 'the delivery receipt');
  });

  it('loses and doubles nothing when the webhook service restarts in the middle of a burst that Meta keeps delivering', async () => {
    const port = await freePort();
    const env = serviceEnv(parts, installation, 'ingest-social', { ...metaEnv, PORT: String(port) });
    social = await startPlaint({ env });
    const customers = Array.from({ length: 30 }, (_, i) => ({ waId: waId(), name: `Burst ${i}`, id: `wamid.burst${unique()}` }));
    const posts = customers.map((customer) => whatsappMessage(PHONE_NUMBER_ID, customer, { id: customer.id, type: 'text', content: { body: `Complaint number ${customer.name}` } }));
    let answered = 0;
    let refused = 0;
    // What Meta does: a post that is not answered 200 is delivered again, until it is.
    const deliver = async (post: unknown) => {
      for (;;) {
        const status = await postMetaWebhook(`http://127.0.0.1:${port}`, post, signed).then((r) => r.status, () => 0);
        if (status === 200) return void (answered += 1);
        refused += 1;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    };
    const burst = Promise.all(posts.map((post, i) => new Promise((resolve) => setTimeout(resolve, i * 20)).then(() => deliver(post))));
    await waitFor(() => answered, (n) => n >= 5, { what: 'part of the burst taken' });
    await social.close();
    social = undefined;
    social = await startPlaint({ env });
    await burst;
    expect(refused).toBeGreaterThan(0); // the restart did cut into the burst
    // Meta also repeats posts it had an answer to.
    for (const post of posts.slice(0, 5)) await deliver(post);

    for (const customer of customers) await stored('whatsapp', customer.id);
    const ids = customers.map((customer) => customer.id);
    expect(await count('SELECT count(*) AS n FROM messages WHERE external_id = ANY($1)', [ids])).toBe(customers.length);
    const complaintIds = (await queryDatabase<{ complaint_id: string }>(db.url, 'SELECT complaint_id FROM messages WHERE external_id = ANY($1)', [ids])).map((row) => row.complaint_id);
    expect(new Set(complaintIds).size).toBe(customers.length);
    await waitFor(() => count("SELECT count(*) AS n FROM notices WHERE complaint_id = ANY($1) AND status = 'sent'", [complaintIds]), (n) => n === customers.length, { what: 'every acknowledgement sent' });
    expect(await count('SELECT count(*) AS n FROM notices WHERE complaint_id = ANY($1)', [complaintIds])).toBe(customers.length);
    expect(customers.map((customer) => sendsTo(customer.waId).length)).toEqual(customers.map(() => 1));
  }, 120_000);
});
