import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { type RunningPlaint, startPlaint } from '../apps/plaint/src/bootstrap';
import { ChatClient } from './support/chat-client';
import { waitFor } from './support/wait-for';
import { embeddedEnv } from './support/plaint-services';

/** The one-process install `npm start` runs: SQLite file, in-process bus, no servers. */
describe('Plaint in one process on the embedded defaults', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'plaint-standalone-'));
  const env = embeddedEnv(dataDir);
  let plaint: RunningPlaint;

  beforeAll(async () => {
    plaint = await startPlaint({ env });
  });

  afterAll(async () => {
    await plaint?.close();
  });

  it('serves the customer page and the health probe', async () => {
    await request(plaint.url).get('/health').expect(200);
    const page = await request(plaint.url).get('/').expect(200);
    expect(page.text).toMatch(/<html/i);
  });

  it('acknowledges a chat complaint in writing, and replays the transcript after a reconnect', async () => {
    const client = await ChatClient.connect(plaint.url);
    const started = await client.start({ fullName: 'Зейнаб Алиева', phone: '+994 55 123 45 67' });
    if (!started.ok) throw new Error(started.error.message);
    const sent = await client.send(randomUUID(), 'Мне привезли сломанный холодильник');
    expect(sent.ok).toBe(true);
    const [notice] = await waitFor(() => client.plaintLines(), (lines) => lines.length === 1, { what: 'the acknowledgement' });
    expect(notice?.text).toMatch(/Номер жалобы: [0-9A-Z-]{14}/);
    client.close();

    const again = await ChatClient.connect(plaint.url);
    expect(await again.resume(started.conversationId)).toEqual({ ok: true });
    await waitFor(() => again.lines.length, (n) => n === 2, { what: 'the replayed transcript' });
    expect(again.lines.map((line) => line.from)).toEqual(['customer', 'plaint']);
    again.close();
  });

  it('refuses to chat before the customer says who they are', async () => {
    const client = await ChatClient.connect(plaint.url);
    const refused = await client.send(randomUUID(), 'hello');
    expect(refused).toMatchObject({ ok: false, error: { code: 'not_started' } });
    const invalid = await client.start({ fullName: 'No Contact' });
    expect(invalid).toMatchObject({ ok: false, error: { code: 'invalid' } });
    expect(await client.resume('does-not-exist-0000')).toMatchObject({ ok: false, error: { code: 'unknown_conversation' } });
    client.close();
  });

  it('keeps complaints across a restart and still finds them by reference and contact', async () => {
    const response = await request(plaint.url)
      .post('/api/v1/callback-requests')
      .send({ fullName: 'Tural Nəsibov', email: 'tural@example.az', message: 'Kondisioner soyutmur' })
      .expect(202);
    const reference = response.body.reference as string;
    const lookUp = () => request(plaint.url).get('/api/v1/complaints/status').query({ reference, contact: 'TURAL@example.az' });
    await waitFor(async () => (await lookUp()).status, (status) => status === 200, { what: 'the complaint to be recorded' });

    await plaint.close();
    plaint = await startPlaint({ env });
    const after = await lookUp().expect(200);
    expect(after.body).toMatchObject({ reference, status: 'received', channel: 'web_form' });
  });
});

describe('the public status lookup under a guessing attack', () => {
  let plaint: RunningPlaint;

  beforeAll(async () => {
    plaint = await startPlaint({
      env: embeddedEnv(mkdtempSync(join(tmpdir(), 'plaint-throttle-')), {
        PLAINT_STATUS_LOOKUPS_PER_MINUTE: '5',
      }),
    });
  });

  afterAll(async () => {
    await plaint?.close();
  });

  it('stops answering a client after its lookups per minute, with 429', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 7; i += 1) {
      const response = await request(plaint.url)
        .get('/api/v1/complaints/status')
        .query({ reference: `AAAA-BBBB-CC${String(i).padStart(2, '0')}`, contact: 'guess@example.az' });
      statuses.push(response.status);
    }
    expect(statuses).toEqual([404, 404, 404, 404, 404, 429, 429]);
    // The form is not throttled by the lookup limit.
    await request(plaint.url)
      .post('/api/v1/callback-requests')
      .send({ fullName: 'Ilkin', phone: '+994501112233', message: 'Salam' })
      .expect(202);
  });
});
