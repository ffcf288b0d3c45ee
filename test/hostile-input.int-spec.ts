import { Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { io, type Socket } from 'socket.io-client';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { SCAN_DIR } from '../apps/core/src/agent-api/store-scan.use-case';
import { ChatTranscript } from '../apps/ingest-chat/src/chat-transcript';
import { type RunningPlaint, startPlaint } from '../apps/plaint/src/bootstrap';
import { MessageBus } from '../libs/bus/src';
import { ContractViolation, INBOUND_TOPIC } from '../libs/contracts/src';
import { Staff } from './support/staff';
import { waitFor } from './support/wait-for';
import { embeddedEnv, UNLIMITED_PUBLIC_RATES } from './support/plaint-services';

/** Put into every hostile payload: no answer may ever quote it back. */
const MARKER = 'HOSTILE-MARKER-7f3a';

/** `{"a":[{"a":[…MARKER…]}]}` nested `levels` deep: about 3 kB at 500 levels. */
function nested(levels: number): unknown {
  let value: unknown = MARKER;
  for (let i = 0; i < levels; i++) value = i % 2 === 0 ? [value] : { a: value };
  return value;
}

/** The same as raw JSON text, built without recursion (JSON.stringify would overflow too). */
function nestedJson(levels: number): string {
  return `${'{"a":['.repeat(levels)}"${MARKER}"${']}'.repeat(levels)}`;
}

const FORM = '/api/v1/callback-requests';
const validForm = { fullName: 'Aysel Məmmədova', email: 'aysel@example.az', message: 'The fridge I bought does not cool.', language: 'en' };

type Ack = { ok: true; conversationId?: string; messageId?: string } | { ok: false; error: { code: string; message: string; fields?: unknown } };

/** A raw socket.io client: sends whatever it is told to, and records every `exception` event. */
class RawSocket {
  readonly exceptions: unknown[] = [];
  private constructor(readonly socket: Socket) {
    socket.on('exception', (payload: unknown) => this.exceptions.push(payload));
  }

  static async connect(url: string): Promise<RawSocket> {
    const socket = io(`${url}/chat`, { transports: ['websocket'], forceNew: true, reconnection: false });
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', reject);
    });
    return new RawSocket(socket);
  }

  call(event: string, ...args: unknown[]): Promise<Ack> {
    return this.socket.timeout(5_000).emitWithAck(event, ...args) as Promise<Ack>;
  }
}

/**
 * The whole public surface on the one-process install, fed what attackers and broken clients
 * send: every input gets a clear 4xx (or an error acknowledgement on the chat), never a 500, an
 * echo of the input or a silence; nothing reaches the bus or the database; and the server
 * serves normally afterwards.
 */
describe('hostile input on the public surface', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'plaint-hostile-'));
  let plaint: RunningPlaint;
  let staff: Staff;
  let database: DataSource;
  let bus: MessageBus;
  const sockets: RawSocket[] = [];
  /** Inbound messages the bus accepted: hostile input must add none. */
  let published = 0;

  const stored = async () => {
    const rows = await database.query<{ n: number }[]>(
      `SELECT (SELECT count(*) FROM messages) + (SELECT count(*) FROM complaints) + (SELECT count(*) FROM customers)
            + (SELECT count(*) FROM chat_conversations) + (SELECT count(*) FROM chat_lines) AS n`,
    );
    return Number(rows[0]?.n);
  };

  const chat = async () => {
    const raw = await RawSocket.connect(plaint.url);
    sockets.push(raw);
    return raw;
  };

  beforeAll(async () => {
    plaint = await startPlaint({
      env: embeddedEnv(dataDir, {
        PLAINT_LOG_LEVEL: 'silent',
        PLAINT_SLA_TICK_MS: '3600000',
        // The test plays several clients behind one proxy, and sends more than a person would:
        // the public rate limits have their own tests.
        PLAINT_TRUSTED_PROXIES: '127.0.0.1',
        ...UNLIMITED_PUBLIC_RATES,
      }),
    });
    staff = await Staff.hire(plaint, [['aysel', 'agent']]);
    database = plaint.app.get(DataSource);
    bus = plaint.app.get(MessageBus);
    const publish = bus.publish.bind(bus);
    jest.spyOn(bus, 'publish').mockImplementation(async (topic, messages) => {
      await publish(topic, messages);
      if (topic === INBOUND_TOPIC) published += messages.length;
    });
  }, 60_000);

  afterAll(async () => {
    for (const raw of sockets) raw.socket.close();
    await plaint?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** What is posted as a raw JSON text (so malformed and nested bodies go out as they are). */
  const postRaw = (path: string, body: string, headers: Record<string, string> = {}) => {
    const req = request(plaint.url).post(path).set('Content-Type', 'application/json');
    for (const [name, value] of Object.entries(headers)) req.set(name, value);
    return req.send(body);
  };
  const json = (value: unknown) => JSON.stringify(value);
  const auth = () => ({ Authorization: `Bearer ${staff.token('aysel')}` });

  const httpCases: { name: string; send: () => request.Test; status?: number }[] = [
    // Nesting and malformed JSON, on the form, the sign-in and the agent API.
    { name: 'form: 3 kB of nested objects in a field', send: () => postRaw(FORM, `{"fullName":${nestedJson(500)}}`), status: 400 },
    { name: 'form: nested arrays as the whole body', send: () => postRaw(FORM, `${'['.repeat(3000)}"${MARKER}"${']'.repeat(3000)}`), status: 400 },
    { name: 'form: deep nesting in an unknown field', send: () => postRaw(FORM, json({ ...validForm, extra: nested(40) })), status: 400 },
    { name: 'form: nesting just past the limit', send: () => postRaw(FORM, json({ ...validForm, extra: nested(8) })), status: 400 },
    { name: 'sign-in: 3 kB of nested objects', send: () => postRaw('/api/v1/agent/auth/token', `{"username":${nestedJson(500)},"password":"x"}`), status: 400 },
    { name: 'agent intake: nested objects', send: () => postRaw('/api/v1/agent/intake', `{"fullName":${nestedJson(500)}}`, auth()), status: 400 },
    { name: 'form: truncated JSON', send: () => postRaw(FORM, `{"fullName":"${MARKER}`), status: 400 },
    { name: 'form: trailing garbage', send: () => postRaw(FORM, `${json(validForm)}${MARKER}`), status: 400 },
    { name: 'form: JSON null', send: () => postRaw(FORM, 'null'), status: 400 },
    { name: 'form: a bare string', send: () => postRaw(FORM, json(MARKER)), status: 400 },
    { name: 'form: an array of forms', send: () => postRaw(FORM, json([validForm, validForm])), status: 400 },
    { name: 'form: an empty object', send: () => postRaw(FORM, '{}'), status: 400 },
    { name: 'form: JSON sent as text/plain', send: () => request(plaint.url).post(FORM).set('Content-Type', 'text/plain').send(json(validForm)), status: 400 },
    { name: 'form: an unsupported charset', send: () => postRaw(FORM, json(validForm), { 'Content-Type': 'application/json; charset=x-klingon' }), status: 415 },
    { name: 'form: a body over the size limit', send: () => postRaw(FORM, json({ ...validForm, message: MARKER.repeat(8000) })), status: 413 },
    // Wrong types.
    { name: 'form: a number as the name', send: () => postRaw(FORM, json({ ...validForm, fullName: 12345 })), status: 400 },
    { name: 'form: an operator object as the name', send: () => postRaw(FORM, json({ ...validForm, fullName: { $ne: MARKER } })), status: 400 },
    { name: 'form: an array as the message', send: () => postRaw(FORM, json({ ...validForm, message: [MARKER, MARKER] })), status: 400 },
    { name: 'form: a number as the phone', send: () => postRaw(FORM, json({ ...validForm, phone: 994501234567 })), status: 400 },
    { name: 'form: a boolean as the e-mail', send: () => postRaw(FORM, json({ ...validForm, email: true })), status: 400 },
    { name: 'form: an unknown language', send: () => postRaw(FORM, json({ ...validForm, language: MARKER })), status: 400 },
    { name: 'form: a __proto__ member', send: () => postRaw(FORM, `{"__proto__":{"isAdmin":true,"m":"${MARKER}"},${json(validForm).slice(1)}`), status: 400 },
    { name: 'form: a constructor member', send: () => postRaw(FORM, json({ ...validForm, constructor: { prototype: { m: MARKER } } })), status: 400 },
    // Empty in disguise, and unicode edge cases.
    { name: 'form: a name of spaces and tabs', send: () => postRaw(FORM, json({ ...validForm, fullName: ' \t\n  ' })), status: 400 },
    { name: 'form: a message of spaces and line breaks', send: () => postRaw(FORM, json({ ...validForm, message: '  \r\n\t ' })), status: 400 },
    { name: 'form: a name of direction controls only', send: () => postRaw(FORM, json({ ...validForm, fullName: '\u202E\u2066\u2069\u202C' })), status: 400 },
    { name: 'form: a name of zero-width characters', send: () => postRaw(FORM, json({ ...validForm, fullName: '\u200B\uFEFF\u200B' })), status: 400 },
    { name: 'form: a name of NUL characters', send: () => postRaw(FORM, json({ ...validForm, fullName: '\u0000\u0000' })), status: 400 },
    { name: 'form: a name over 300 characters', send: () => postRaw(FORM, json({ ...validForm, fullName: 'Ə'.repeat(301) })), status: 400 },
    { name: 'form: a message over 5000 characters', send: () => postRaw(FORM, json({ ...validForm, message: '😀'.repeat(5001) })), status: 400 },
    // Phone numbers the contract would refuse, and injections in checked fields.
    { name: 'form: a phone too short for its country', send: () => postRaw(FORM, json({ ...validForm, email: undefined, phone: '+49 1234' })), status: 400 },
    { name: 'form: a phone too long for E.164', send: () => postRaw(FORM, json({ ...validForm, email: undefined, phone: '+49 1234 5678901234' })), status: 400 },
    { name: 'form: letters as the phone', send: () => postRaw(FORM, json({ ...validForm, email: undefined, phone: 'call me maybe' })), status: 400 },
    { name: 'form: header injection in the e-mail', send: () => postRaw(FORM, json({ ...validForm, email: `a@b.az\r\nBcc: ${MARKER}@x.az` })), status: 400 },
    { name: 'form: SQL in the e-mail', send: () => postRaw(FORM, json({ ...validForm, email: `x' OR '1'='1 --${MARKER}` })), status: 400 },
    { name: 'form: SQL in the Idempotency-Key', send: () => postRaw(FORM, json(validForm), { 'Idempotency-Key': "k'; DROP TABLE messages; --" }), status: 400 },
    { name: 'form: an oversize Idempotency-Key', send: () => postRaw(FORM, json(validForm), { 'Idempotency-Key': 'k'.repeat(201) }), status: 400 },
    // Status lookup and sign-in.
    { name: 'status: nothing asked', send: () => request(plaint.url).get('/api/v1/complaints/status') },
    { name: 'status: SQL as the reference', send: () => request(plaint.url).get('/api/v1/complaints/status').query({ reference: `' OR 1=1 --${MARKER}`, contact: 'a@b.az' }) },
    { name: 'status: the reference given twice', send: () => request(plaint.url).get(`/api/v1/complaints/status?reference=AAAA-AAAA-AAAA&reference=${MARKER}&contact=a@b.az`) },
    { name: 'status: the contact given twice', send: () => request(plaint.url).get(`/api/v1/complaints/status?reference=AAAA-AAAA-AAAA&contact=a@b.az&contact=${MARKER}`) },
    { name: 'status: a 4 kB reference', send: () => request(plaint.url).get('/api/v1/complaints/status').query({ reference: MARKER.repeat(200), contact: 'a@b.az' }) },
    { name: 'sign-in: an operator object as the username', send: () => postRaw('/api/v1/agent/auth/token', json({ username: { $gt: '' }, password: MARKER })), status: 400 },
    { name: 'sign-in: malformed JSON', send: () => postRaw('/api/v1/agent/auth/token', `{"username":"${MARKER}",`), status: 400 },
    // The agent API: unauthenticated, and authenticated with bad input.
    { name: 'agent API: no token', send: () => request(plaint.url).get('/api/v1/agent/complaints'), status: 401 },
    { name: 'agent API: a forged token', send: () => request(plaint.url).get('/api/v1/agent/complaints').set('Authorization', `Bearer ' OR 1=1 ${MARKER}`), status: 401 },
    {
      name: 'agent intake: a name of spaces',
      send: () => postRaw('/api/v1/agent/intake', json({ channel: 'phone', fullName: '   ', phone: '050 123 45 67', essence: MARKER }), auth()),
      status: 400,
    },
    {
      name: 'agent intake: a phone too short for its country',
      send: () => postRaw('/api/v1/agent/intake', json({ channel: 'phone', fullName: 'Rəşad', phone: '+49 1234', essence: MARKER }), auth()),
      status: 400,
    },
  ];

  type SocketCase = { name: string; run: (raw: RawSocket) => Promise<Ack>; code: string };
  const socketCases: SocketCase[] = [
    { name: 'chat:start: 3 kB of nesting', run: (raw) => raw.call('chat:start', nested(500)), code: 'invalid' },
    { name: 'chat:start: nesting in a field', run: (raw) => raw.call('chat:start', { fullName: nested(30), email: 'a@b.az' }), code: 'invalid' },
    { name: 'chat:start: an array', run: (raw) => raw.call('chat:start', [MARKER]), code: 'invalid' },
    { name: 'chat:start: a bare string', run: (raw) => raw.call('chat:start', MARKER), code: 'invalid' },
    { name: 'chat:start: no payload at all', run: (raw) => raw.call('chat:start'), code: 'invalid' },
    { name: 'chat:start: two payloads', run: (raw) => raw.call('chat:start', { fullName: MARKER, email: 'a@b.az' }, { fullName: MARKER }), code: 'invalid' },
    { name: 'chat:start: a number as the name', run: (raw) => raw.call('chat:start', { fullName: 42, email: 'a@b.az', x: MARKER }), code: 'invalid' },
    { name: 'chat:start: a name of spaces', run: (raw) => raw.call('chat:start', { fullName: '  \t ', email: `${MARKER}@b.az` }), code: 'invalid' },
    { name: 'chat:start: a phone too short for its country', run: (raw) => raw.call('chat:start', { fullName: MARKER, phone: '+49 1234' }), code: 'invalid' },
    { name: 'chat:start: a phone too long for E.164', run: (raw) => raw.call('chat:start', { fullName: MARKER, phone: '+49 1234 5678901234' }), code: 'invalid' },
    { name: 'chat:start: a __proto__ member', run: (raw) => raw.call('chat:start', JSON.parse(`{"__proto__":{"x":"${MARKER}"},"fullName":"A","email":"a@b.az"}`)), code: 'invalid' },
    { name: 'chat:message: before any start', run: (raw) => raw.call('chat:message', { clientMessageId: 'abcdefgh', text: MARKER }), code: 'not_started' },
    { name: 'chat:resume: SQL as the conversation', run: (raw) => raw.call('chat:resume', { conversationId: `' OR 1=1 --${MARKER}` }), code: 'invalid' },
    { name: 'chat:resume: an unknown conversation', run: (raw) => raw.call('chat:resume', { conversationId: 'a'.repeat(24) }), code: 'unknown_conversation' },
    { name: 'chat:resume: nesting', run: (raw) => raw.call('chat:resume', nested(200)), code: 'invalid' },
    { name: 'an event nobody serves', run: (raw) => raw.call('chat:admin', { conversationId: MARKER }), code: 'invalid' },
    { name: 'an event named like a prototype member', run: (raw) => raw.call('__proto__', MARKER), code: 'invalid' },
  ];

  /** Cases on a started conversation (the start itself is legitimate and stores a conversation). */
  const startedCases: { name: string; run: (raw: RawSocket) => Promise<Ack>; code: string }[] = [
    { name: 'chat:message: 3 kB of nesting', run: (raw) => raw.call('chat:message', nested(500)), code: 'invalid' },
    { name: 'chat:message: a text of spaces', run: (raw) => raw.call('chat:message', { clientMessageId: 'abcdefgh1', text: ' \n\t ' }), code: 'invalid' },
    { name: 'chat:message: a path as the message id', run: (raw) => raw.call('chat:message', { clientMessageId: '../../etc/passwd', text: MARKER }), code: 'invalid' },
    { name: 'chat:message: over 5000 characters', run: (raw) => raw.call('chat:message', { clientMessageId: 'abcdefgh2', text: MARKER.repeat(500) }), code: 'invalid' },
    { name: 'chat:message: an object as the text', run: (raw) => raw.call('chat:message', { clientMessageId: 'abcdefgh3', text: { $gt: MARKER } }), code: 'invalid' },
  ];

  it(`answers ${httpCases.length} hostile HTTP requests and ${socketCases.length + startedCases.length + 1} hostile chat calls with clear refusals, stores nothing, and stays healthy`, async () => {
    expect(httpCases.length + socketCases.length + startedCases.length + 1).toBeGreaterThanOrEqual(40);
    const before = await stored();
    const publishedBefore = published;

    const unexpected: string[] = [];
    for (const hostile of httpCases) {
      const response = await hostile.send();
      const ok = hostile.status ? response.status === hostile.status : response.status >= 400 && response.status < 500;
      if (!ok || !/json/.test(response.headers['content-type'] ?? '') || typeof response.body?.message !== 'string') {
        unexpected.push(`${hostile.name}: ${response.status} ${response.text.slice(0, 200)}`);
      }
      if (response.text.includes(MARKER)) unexpected.push(`${hostile.name}: echoes the input`);
    }

    const raw = await chat();
    for (const hostile of socketCases) {
      const ack = await hostile.run(raw).catch((error: Error) => ({ ok: true as const, timeout: error.message }));
      if (ack.ok || ack.error.code !== hostile.code) unexpected.push(`${hostile.name}: ${JSON.stringify(ack).slice(0, 200)}`);
      if (JSON.stringify(ack).includes(MARKER)) unexpected.push(`${hostile.name}: echoes the input`);
    }
    const started = await chat();
    const start = await started.call('chat:start', { fullName: 'Nigar Quliyeva', email: 'nigar@example.az' });
    expect(start.ok).toBe(true);
    const afterStart = await stored();
    for (const hostile of startedCases) {
      const ack = await hostile.run(started).catch((error: Error) => ({ ok: true as const, timeout: error.message }));
      if (ack.ok || ack.error.code !== hostile.code) unexpected.push(`${hostile.name}: ${JSON.stringify(ack).slice(0, 200)}`);
      if (JSON.stringify(ack).includes(MARKER)) unexpected.push(`${hostile.name}: echoes the input`);
    }

    // A payload over the size limit is dropped by the transport: the connection closes, nothing else.
    const oversize = await chat();
    const closed = new Promise<string>((resolve) => oversize.socket.once('disconnect', resolve));
    oversize.socket.emit('chat:start', { fullName: MARKER.repeat(10_000), email: 'a@b.az' });
    expect(await closed).toBe('transport close');

    for (const socket of [raw, started]) expect(socket.exceptions).toEqual([]);
    expect(unexpected).toEqual([]);
    expect(await stored()).toBe(afterStart);
    expect(afterStart - before).toBe(1); // the one legitimate conversation
    expect(published).toBe(publishedBefore);

    // And the server still serves: ready, a form, a chat message.
    await request(plaint.url).get('/health/ready').expect(200);
    await request(plaint.url).post(FORM).send(validForm).expect(202);
    const sent = await started.call('chat:message', { clientMessageId: randomUUID(), text: 'My order is late.' });
    expect(sent).toMatchObject({ ok: true, messageId: expect.any(String) });
    expect(published).toBe(publishedBefore + 2);
  }, 60_000);

  it('acknowledges a chat call whose handler fails, with a code and without the input, and logs it without the input', async () => {
    const raw = await chat();
    const logged = jest.spyOn(Logger.prototype, 'error');
    jest.spyOn(plaint.app.get(ChatTranscript), 'startConversation').mockRejectedValueOnce(new Error(`disk full ${MARKER}`));
    const ack = await raw.call('chat:start', { fullName: 'Leyla', email: 'leyla@example.az' });
    expect(ack).toEqual({ ok: false, error: { code: 'internal', message: expect.any(String) } });
    expect(JSON.stringify(ack)).not.toContain(MARKER);
    expect(raw.exceptions).toEqual([]);
    const lines = logged.mock.calls.map((call) => JSON.stringify(call));
    logged.mockRestore();
    expect(lines.some((line) => line.includes('chat handler failed: Error'))).toBe(true);
    expect(lines.filter((line) => line.includes(MARKER))).toEqual([]);
    // The next call works normally.
    expect(await raw.call('chat:start', { fullName: 'Leyla', email: 'leyla@example.az' })).toMatchObject({ ok: true });
  });

  it('answers a contract violation on publish as 400 (form) and invalid (chat), never as unavailable', async () => {
    const violation = () => new ContractViolation(INBOUND_TOPIC, ['sender.phone: sender.phone must be a plausible phone number in E.164 form']);
    const publish = jest.spyOn(bus, 'publish');
    const logged = jest.spyOn(Logger.prototype, 'error');
    publish.mockRejectedValueOnce(violation());
    const form = await request(plaint.url).post(FORM).send(validForm).expect(400);
    expect(form.body).toEqual({ message: 'Some fields are not valid', errors: [{ field: 'sender.phone', problems: [expect.stringMatching(/E\.164/)] }] });

    const raw = await chat();
    expect(await raw.call('chat:start', { fullName: 'Leyla', phone: '050 123 45 67' })).toMatchObject({ ok: true });
    publish.mockRejectedValueOnce(violation());
    const ack = await raw.call('chat:message', { clientMessageId: randomUUID(), text: 'Hello' });
    expect(ack).toMatchObject({ ok: false, error: { code: 'invalid', fields: [{ field: 'sender.phone' }] } });
    // Both are logged as the bugs they are, naming the field.
    const lines = logged.mock.calls.map((call) => JSON.stringify(call)).filter((line) => line.includes('contract: sender.phone'));
    logged.mockRestore();
    expect(lines).toHaveLength(2);
  });

  it('trims names and texts and takes direction controls out of every stored or shown name', async () => {
    const key = randomUUID();
    const response = await request(plaint.url)
      .post(FORM)
      .set('Idempotency-Key', key)
      .send({ ...validForm, fullName: '  \u202EAysel\u202C  Həsənova\t', employeeName: '\u2067Orxan\u2069', message: '  Broken on arrival.  ' })
      .expect(202);
    const reference = response.body.reference as string;
    const raw = await chat();
    const start = await raw.call('chat:start', { fullName: '\u202Eanil\u202C  ', email: 'anil@example.az' });
    if (!start.ok) throw new Error('chat:start refused');

    const scan = await request(plaint.url)
      .post('/api/v1/agent/scans')
      .set('Authorization', `Bearer ${staff.token('aysel')}`)
      .set('Content-Type', 'application/pdf')
      .set('X-Filename', encodeURIComponent('\u202Efdp.exe'))
      .send(Buffer.from('%PDF-1.4\n%%EOF\n'))
      .expect(201);
    const intake = await staff
      .as('aysel')
      .post('/api/v1/agent/intake', {
        channel: 'complaint_book',
        fullName: ' Rəşad\u2066 Məmmədov ',
        phone: '050 123 45 67',
        essence: '  The receipt was refused.\n',
        store: '\u202EBaku Mall',
        entryDate: new Date().toISOString().slice(0, 10),
        scanId: scan.body.id,
      })
      .expect(202);

    const complaint = (ref: string) =>
      waitFor(
        () => database.query<{ full_name: string; employee_name: string | null; essence: string }[]>('SELECT full_name, employee_name, essence FROM complaints WHERE reference = ?', [ref]),
        (rows) => rows.length === 1,
        { what: `complaint ${ref}` },
      ).then((rows) => rows[0]);
    expect(await complaint(reference)).toEqual({ full_name: 'Aysel Həsənova', employee_name: 'Orxan', essence: 'Broken on arrival.' });
    expect(await complaint(intake.body.reference as string)).toMatchObject({ full_name: 'Rəşad Məmmədov', essence: 'The receipt was refused.' });
    const [conversation] = await database.query<{ full_name: string }[]>('SELECT full_name FROM chat_conversations WHERE id = ?', [start.conversationId]);
    expect(conversation?.full_name).toBe('anil');
    const meta = JSON.parse(readFileSync(join(plaint.config.blobDir, SCAN_DIR, `${scan.body.id as string}.json`), 'utf8')) as { filename: string };
    expect(meta.filename).toBe('fdp.exe');
  });

  it('stores names and texts with lone UTF-16 surrogates as well-formed text, on the form and the chat', async () => {
    const response = await request(plaint.url)
      .post(FORM)
      .set('Content-Type', 'application/json')
      // Raw JSON: the escapes arrive as lone surrogates, as a broken or hostile client sends them.
      .send('{"fullName":"Leyla\\ud800 H\\udc00əsənova","email":"surrogate@example.az","message":"Broken \\udbff on arrival"}')
      .expect(202);
    const raw = await chat();
    const start = await raw.call('chat:start', { fullName: '\udfffNigar', email: 'nigar-surrogate@example.az' });
    if (!start.ok) throw new Error('chat:start refused');
    expect(await raw.call('chat:message', { clientMessageId: randomUUID(), text: 'Salam \ud83d' })).toMatchObject({ ok: true });
    const [form] = await waitFor(
      () => database.query<{ full_name: string; essence: string }[]>('SELECT full_name, essence FROM complaints WHERE reference = ?', [response.body.reference]),
      (rows) => rows.length === 1,
      { what: 'the form complaint' },
    );
    expect(form).toEqual({ full_name: 'Leyla Həsənova', essence: 'Broken \ufffd on arrival' });
    const [conversation] = await database.query<{ full_name: string }[]>('SELECT full_name FROM chat_conversations WHERE id = ?', [start.conversationId]);
    expect(conversation?.full_name).toBe('Nigar');
    const [line] = await database.query<{ text: string }[]>("SELECT text FROM chat_lines WHERE conversation_id = ? AND author = 'customer'", [start.conversationId]);
    expect(line?.text).toBe('Salam \ufffd');
  });

  describe('Idempotency-Key', () => {
    const messagesWithKey = (key: string) =>
      database.query<{ text: string }[]>("SELECT text FROM messages WHERE channel = 'web_form' AND external_id LIKE ?", [`key:%:${key}`]);
    const post = (key: string, body: object, client = '203.0.113.10') =>
      request(plaint.url).post(FORM).set('Idempotency-Key', key).set('X-Forwarded-For', client).send(body);

    it('gives the same answer for the same key and body and stores the request once', async () => {
      const key = randomUUID();
      const first = await post(key, validForm).expect(202);
      const again = await post(key, { ...validForm, message: `  ${validForm.message} ` }).expect(202);
      expect(again.body).toEqual(first.body);
      await waitFor(() => messagesWithKey(key), (rows) => rows.length === 1, { what: 'the form message' });
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(await messagesWithKey(key)).toEqual([{ text: validForm.message }]);
    });

    it('refuses the same key with a different body with 422 and stores nothing of it', async () => {
      const key = randomUUID();
      await post(key, validForm).expect(202);
      const before = published;
      const reused = await post(key, { ...validForm, message: 'Something else entirely.' }).expect(422);
      expect(reused.body).toEqual({ message: expect.any(String), errors: [{ field: 'Idempotency-Key', problems: [expect.any(String)] }] });
      expect(published).toBe(before);
      await waitFor(() => messagesWithKey(key), (rows) => rows.length === 1, { what: 'the first form message' });
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(await messagesWithKey(key)).toEqual([{ text: validForm.message }]);
    });

    it('keeps two clients’ requests apart even when they choose the same key', async () => {
      const key = 'shared-key-0001';
      const one = await post(key, validForm, '203.0.113.10').expect(202);
      const other = await post(key, { ...validForm, email: 'other@example.az', message: 'A different customer.' }, '198.51.100.20').expect(202);
      expect(other.body.reference).not.toBe(one.body.reference);
      await waitFor(() => messagesWithKey(key), (rows) => rows.length === 2, { what: 'both customers’ messages' });
      await waitFor(
        () => database.query<{ n: number }[]>('SELECT count(*) AS n FROM complaints WHERE reference IN (?, ?)', [one.body.reference, other.body.reference]),
        (rows) => Number(rows[0]?.n) === 2,
        { what: 'two complaints' },
      );
    });
  });
});
