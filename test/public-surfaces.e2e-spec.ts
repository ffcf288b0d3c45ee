/**
 * Abuse of the public surfaces, against the booted product: the form over HTTP, the chat over
 * socket.io (also through the Redis adapter), the status lookup, the headers every answer
 * carries, and Prometheus's own port.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { io, type Socket } from 'socket.io-client';
import { DataSource } from 'typeorm';
import { type RunningPlaint, startPlaint } from '../apps/plaint/src/bootstrap';
import { waitFor } from './support/wait-for';
import { embeddedEnv } from './support/plaint-services';

const FORM = '/api/v1/callback-requests';
const STATUS = '/api/v1/complaints/status';
type Ack = { ok: true; conversationId?: string; messageId?: string } | { ok: false; error: { code: string; retryAfterSeconds?: number } };

/** A socket on /chat as a browser page (Origin) or a client behind a proxy (X-Forwarded-For) opens it. */
async function chatSocket(url: string, headers: Record<string, string> = {}): Promise<Socket> {
  const socket = io(`${url}/chat`, { transports: ['websocket'], forceNew: true, reconnection: false, extraHeaders: headers });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', (error) => {
      socket.close();
      reject(error);
    });
  });
  return socket;
}

const emit = (socket: Socket, event: string, body: object): Promise<Ack> => socket.timeout(10_000).emitWithAck(event, body);

async function started(socket: Socket, customer: object): Promise<string> {
  const ack = await emit(socket, 'chat:start', { fullName: 'Rəşad Quliyev', ...customer });
  if (!ack.ok || !ack.conversationId) throw new Error(`chat:start refused: ${JSON.stringify(ack)}`);
  return ack.conversationId;
}

const form = (email: string) => ({ fullName: 'Leyla Həsənova', email, message: 'Paltaryuyan maşın işləmir' });

describe('public surfaces under abuse (no proxy configured)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'plaint-abuse-'));
  const sockets: Socket[] = [];
  let plaint: RunningPlaint;

  beforeAll(async () => {
    plaint = await startPlaint({
      env: embeddedEnv(dataDir, {
        PLAINT_RATE_LIMIT_FORM_PER_ADDRESS: '4',
        PLAINT_RATE_LIMIT_CHAT_MESSAGES_PER_CONVERSATION: '5',
        PLAINT_RATE_LIMIT_CHAT_STATUS_PER_CONVERSATION: '2',
        PLAINT_STATUS_LOOKUPS_PER_MINUTE: '3',
      }),
    });
  });

  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await plaint?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const complaints = async () => {
    const [row] = await plaint.app.get(DataSource).query<{ n: number }[]>('SELECT count(*) AS n FROM complaints');
    return Number(row?.n);
  };

  it('answers a form flood from one address with 429 and Retry-After, and stores only what it accepted', async () => {
    const answers = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        // A client on the inside network naming other addresses: no proxy is configured, so ignored.
        request(plaint.url).post(FORM).set('X-Forwarded-For', `10.0.0.${i + 1}`).send(form(`flood-${i}@example.az`)),
      ),
    );
    const accepted = answers.filter((answer) => answer.status === 202);
    const limited = answers.filter((answer) => answer.status === 429);
    expect([accepted.length, limited.length]).toEqual([4, 8]);
    for (const answer of limited) {
      expect(answer.body).toMatchObject({ code: 'rate_limited' });
      expect(typeof answer.body.message).toBe('string');
      expect(Number(answer.headers['retry-after'])).toBeGreaterThanOrEqual(1);
      expect(Number(answer.headers['retry-after'])).toBeLessThanOrEqual(60);
    }
    await waitFor(complaints, (n) => n >= 4, { what: 'the accepted complaints' });
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await complaints()).toBe(4);
  });

  it('does not let a client pick its status-lookup bucket with X-Forwarded-For', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 5; i += 1) {
      const answer = await request(plaint.url)
        .get(STATUS)
        .set('X-Forwarded-For', `192.168.7.${i + 1}`)
        .query({ reference: `AAAA-BBBB-CC${i}${i}`, contact: 'guess@example.az' });
      statuses.push(answer.status);
      if (answer.status === 429) expect(answer.body).toMatchObject({ code: 'rate_limited' });
    }
    expect(statuses).toEqual([404, 404, 404, 429, 429]);
  });

  it('limits chat messages per conversation; refused messages are not stored', async () => {
    const socket = await chatSocket(plaint.url);
    sockets.push(socket);
    const conversationId = await started(socket, { email: 'chat-flood@example.az' });
    const acks = await Promise.all(
      Array.from({ length: 15 }, (_, i) => emit(socket, 'chat:message', { clientMessageId: randomUUID(), text: `spam ${i}` })),
    );
    expect(acks.filter((ack) => ack.ok)).toHaveLength(5);
    const refused = acks.filter((ack) => !ack.ok);
    expect(refused).toHaveLength(10);
    for (const ack of refused) expect(ack).toMatchObject({ ok: false, error: { code: 'rate_limited', retryAfterSeconds: expect.any(Number) } });

    // What the conversation holds, as another tab of the customer sees it after a resume.
    const other = await chatSocket(plaint.url);
    sockets.push(other);
    const lines: { from: string; text: string }[] = [];
    other.on('chat:message', (line: { from: string; text: string }) => lines.push(line));
    expect(await emit(other, 'chat:resume', { conversationId })).toEqual({ ok: true });
    await waitFor(() => lines.length, (n) => n >= 5, { what: 'the transcript' });
    expect(lines.filter((line) => line.from === 'customer')).toHaveLength(5);
  });

  it('limits status questions in a chat separately from ordinary messages', async () => {
    const socket = await chatSocket(plaint.url);
    sockets.push(socket);
    await started(socket, { phone: '+994 55 201 30 40' });
    const ask = () => emit(socket, 'chat:message', { clientMessageId: randomUUID(), text: 'status' });
    expect((await ask()).ok).toBe(true);
    expect((await ask()).ok).toBe(true);
    expect(await ask()).toMatchObject({ ok: false, error: { code: 'rate_limited' } });
    // The customer can still write about the complaint.
    expect((await emit(socket, 'chat:message', { clientMessageId: randomUUID(), text: 'Kuryer gəlmədi' })).ok).toBe(true);
  });

  it('opens the chat socket for the page’s own origin and for no other', async () => {
    const host = new URL(plaint.url).host;
    sockets.push(await chatSocket(plaint.url, { Origin: `http://${host}` }));
    await expect(chatSocket(plaint.url, { Origin: 'https://evil.example' })).rejects.toThrow();
    await expect(chatSocket(plaint.url, { Origin: `http://${host}.evil.example` })).rejects.toThrow();
    // The long-polling handshake a browser falls back to is refused the same way.
    const polling = await request(plaint.url).get('/socket.io/').query({ EIO: '4', transport: 'polling' }).set('Origin', 'https://evil.example');
    expect(polling.status).toBeGreaterThanOrEqual(400);
    expect(polling.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('sends security headers with the page, its files and the API, and no X-Powered-By', async () => {
    for (const path of ['/', '/app.js', '/styles.css', '/health']) {
      const answer = await request(plaint.url).get(path).expect(200);
      const csp = String(answer.headers['content-security-policy']);
      expect(csp).toContain("default-src 'self'");
      expect(csp).toMatch(/script-src 'self'(;|$)/);
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).not.toContain('unsafe-inline');
      expect(answer.headers['x-content-type-options']).toBe('nosniff');
      expect(answer.headers['x-frame-options']).toBe('DENY');
      expect(answer.headers['x-powered-by']).toBeUndefined();
    }
  });

  it("sends them with socket.io's own answers too: its script, its handshake and its refusals", async () => {
    const answers = [
      await request(plaint.url).get('/socket.io/socket.io.js').expect(200),
      await request(plaint.url).get('/socket.io/').query({ EIO: '4', transport: 'polling' }).expect(200),
      await request(plaint.url).get('/socket.io/').query({ EIO: '4', transport: 'bogus' }).expect(400),
      await request(plaint.url).get('/socket.io/').query({ EIO: '4', transport: 'polling' }).set('Origin', 'https://evil.example').expect(403),
    ];
    for (const answer of answers) {
      expect(String(answer.headers['content-security-policy'])).toContain("frame-ancestors 'none'");
      expect(answer.headers['x-content-type-options']).toBe('nosniff');
      expect(answer.headers['x-frame-options']).toBe('DENY');
    }
  });

  it('serves metrics on their own port only', async () => {
    await request(plaint.url).get('/metrics').expect(404);
    await request(plaint.url).get('/health').expect(200);
    expect(plaint.metricsUrl).toBeDefined();
    expect(new URL(plaint.metricsUrl!).port).not.toBe(new URL(plaint.url).port);
    const scraped = await fetch(plaint.metricsUrl!);
    expect(scraped.status).toBe(200);
    const text = await scraped.text();
    expect(text).toMatch(/^plaint_rate_limited_total\{limit="form-address"\} 8$/m);
    expect(text).toContain('plaint_messages_ingested_total');
  });
});

describe('public surfaces behind a configured proxy, chat through Redis', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'plaint-abuse-proxy-'));
  const sockets: Socket[] = [];
  let plaint: RunningPlaint;

  beforeAll(async () => {
    plaint = await startPlaint({
      env: embeddedEnv(dataDir, {
        PLAINT_REDIS_URL: process.env.PLAINT_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379',
        PLAINT_TRUSTED_PROXIES: '127.0.0.1',
        PLAINT_CHAT_ALLOWED_ORIGINS: 'https://shop.example.com',
        PLAINT_PUBLIC_CHAT_URL: 'https://chat.example.com',
        PLAINT_METRICS_PORT: 'off',
        PLAINT_RATE_LIMIT_FORM_PER_CONTACT: '2',
        PLAINT_RATE_LIMIT_CHAT_STARTS_PER_ADDRESS: '3',
        PLAINT_RATE_LIMIT_CHAT_STARTS_PER_CONTACT: '2',
        PLAINT_RATE_LIMIT_CHAT_MESSAGES_PER_ADDRESS: '4',
      }),
    });
  });

  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await plaint?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const from = (address: string) => ({ 'X-Forwarded-For': address });
  async function socketFrom(address: string): Promise<Socket> {
    const socket = await chatSocket(plaint.url, from(address));
    sockets.push(socket);
    return socket;
  }

  it('limits form posts per contact, whatever address they come from', async () => {
    const post = (address: string, email: string) => request(plaint.url).post(FORM).set(from(address)).send(form(email));
    await post('198.51.100.1', 'same@example.az').expect(202);
    await post('198.51.100.2', 'same@example.az').expect(202);
    const third = await post('198.51.100.3', 'SAME@example.az').expect(429);
    expect(third.body).toMatchObject({ code: 'rate_limited' });
    await post('198.51.100.3', 'other@example.az').expect(202);
  });

  it('counts a contact spelled with stray control characters or in another phone format as the same contact', async () => {
    const post = (address: string, body: object) =>
      request(plaint.url).post(FORM).set(from(address)).send({ fullName: 'Leyla Həsənova', message: 'Paltaryuyan maşın işləmir', ...body });
    // The form stores these as one address: controls are dropped before validation.
    await post('198.51.100.11', { email: 'twice@example.az' }).expect(202);
    await post('198.51.100.12', { email: 'tw\u0001ice@example.az' }).expect(202);
    expect((await post('198.51.100.13', { email: 'TWICE@example.az\u0007' }).expect(429)).body).toMatchObject({ code: 'rate_limited' });
    await post('198.51.100.14', { phone: '+994 50 123 45 67' }).expect(202);
    await post('198.51.100.15', { phone: '050\u0000 123 45 67' }).expect(202);
    await post('198.51.100.16', { phone: '(050) 123-45-67' }).expect(429);
  });

  it('counts an IPv6 client by its /64 network and an IPv4-mapped address as the IPv4 address, on the form and the chat', async () => {
    // One home or mobile connection holds a whole /64: any of its addresses is the same client.
    const statuses: number[] = [];
    for (let i = 1; i <= 21; i += 1) {
      const answer = await request(plaint.url)
        .post(FORM)
        .set(from(`2001:db8:17:1:${i.toString(16)}::${i}`))
        .send(form(`v6-${i}@example.az`));
      statuses.push(answer.status);
    }
    expect(statuses.filter((status) => status === 202)).toHaveLength(20);
    expect(statuses.at(-1)).toBe(429);
    await request(plaint.url).post(FORM).set(from('2001:db8:17:2::1')).send(form('v6-next@example.az')).expect(202);

    const sockets = [await socketFrom('198.51.100.40'), await socketFrom('::ffff:198.51.100.40'), await socketFrom('::FFFF:c633:6428')];
    for (const [i, socket] of sockets.entries()) await started(socket, { email: `mapped-${i}@example.az` });
    expect(await emit(await socketFrom('198.51.100.40'), 'chat:start', { fullName: 'X', email: 'mapped-9@example.az' })).toMatchObject({
      ok: false,
      error: { code: 'rate_limited' },
    });
    for (let i = 0; i < 3; i += 1) await started(await socketFrom(`2001:db8:18:1::${i + 1}`), { email: `v6chat-${i}@example.az` });
    expect(await emit(await socketFrom('2001:db8:18:1:ffff::9'), 'chat:start', { fullName: 'X', email: 'v6chat-9@example.az' })).toMatchObject({
      ok: false,
      error: { code: 'rate_limited' },
    });
  });

  it('limits chat starts per client address, each client behind the proxy counted apart', async () => {
    const socket = await socketFrom('203.0.113.10');
    for (let i = 0; i < 3; i += 1) await started(socket, { email: `starter-${i}@example.az` });
    expect(await emit(socket, 'chat:start', { fullName: 'X', email: 'starter-9@example.az' })).toMatchObject({
      ok: false,
      error: { code: 'rate_limited' },
    });
    await started(await socketFrom('203.0.113.11'), { email: 'neighbour@example.az' });
  });

  it('limits chat starts per contact across addresses', async () => {
    await started(await socketFrom('203.0.113.20'), { phone: '+994 50 777 88 99' });
    await started(await socketFrom('203.0.113.21'), { phone: '+994507778899' });
    expect(await emit(await socketFrom('203.0.113.22'), 'chat:start', { fullName: 'X', phone: '+994 50 777 88 99' })).toMatchObject({
      ok: false,
      error: { code: 'rate_limited' },
    });
  });

  it('limits chat messages per client address over all its conversations', async () => {
    const first = await socketFrom('203.0.113.30');
    await started(first, { email: 'one@example.az' });
    const second = await socketFrom('203.0.113.30');
    await started(second, { email: 'two@example.az' });
    const send = (socket: Socket) => emit(socket, 'chat:message', { clientMessageId: randomUUID(), text: 'Salam' });
    const acks = [await send(first), await send(first), await send(second), await send(second), await send(first), await send(second)];
    expect(acks.map((ack) => (ack.ok ? 'ok' : ack.error.code))).toEqual(['ok', 'ok', 'ok', 'ok', 'rate_limited', 'rate_limited']);
  });

  it('opens the chat socket for configured origins only, also through the Redis adapter', async () => {
    sockets.push(await chatSocket(plaint.url, { Origin: 'https://shop.example.com' }));
    await expect(chatSocket(plaint.url, { Origin: 'https://evil.example' })).rejects.toThrow();
    const preflight = await request(plaint.url)
      .get('/socket.io/')
      .query({ EIO: '4', transport: 'polling' })
      .set('Origin', 'https://shop.example.com');
    expect(preflight.headers['access-control-allow-origin']).toBe('https://shop.example.com');
  });

  it('lets the page load and reach the chat on PLAINT_PUBLIC_CHAT_URL under its CSP', async () => {
    const csp = String((await request(plaint.url).get('/').expect(200)).headers['content-security-policy']);
    expect(csp).toContain("script-src 'self' https://chat.example.com wss://chat.example.com");
    expect(csp).toContain("connect-src 'self' https://chat.example.com wss://chat.example.com");
    expect(plaint.metricsUrl).toBeUndefined();
  });
});
