import { randomUUID } from 'node:crypto';
import request from 'supertest';
import type { RunningPlaint } from '../apps/plaint/src/bootstrap';
import { ChatClient } from './support/chat-client';
import { createTestDatabase, queryDatabase, type TestDatabase } from './support/postgres';
import { newInstallation, serviceEnv, startServices } from './support/plaint-services';
import { describeWithRealParts } from './support/real-parts';
import { Staff } from './support/staff';
import { waitFor } from './support/wait-for';

/**
 * The edge's input rules as separate services on Kafka, Postgres and Redis: a phone number is
 * accepted at the edge exactly when the bus contract accepts it (no 503s, no chat that can
 * never send), and an Idempotency-Key is per client and bound to its body across ingest-web
 * instances sharing Redis.
 */
describeWithRealParts('input rules at the edge, on Kafka, Postgres and Redis', (parts) => {
  let db: TestDatabase;
  let core: RunningPlaint;
  let chat: RunningPlaint;
  let webA: RunningPlaint;
  let webB: RunningPlaint;
  let services: RunningPlaint[] = [];
  let staff: Staff;
  const clients: ChatClient[] = [];

  const count = async (sql: string, params: unknown[] = []) => Number((await queryDatabase<{ n: string }>(db.url, sql, params))[0]?.n ?? 0);
  const form = { fullName: 'Kamran Vəliyev', message: 'Televizorun ekranı ikinci gün sındı.', language: 'az' };

  beforeAll(async () => {
    db = await createTestDatabase(parts.postgresUrl);
    const installation = newInstallation(db.url);
    // Two clients are played behind one proxy (the test's own address), X-Forwarded-For naming each.
    const withRedis = { PLAINT_REDIS_URL: parts.redisUrl, PLAINT_TRUSTED_PROXIES: '127.0.0.1' };
    services = await startServices([
      serviceEnv(parts, installation, 'core'),
      serviceEnv(parts, installation, 'ingest-chat'),
      serviceEnv(parts, installation, 'ingest-web', withRedis),
      serviceEnv(parts, installation, 'ingest-web', withRedis),
    ]);
    [core, chat, webA, webB] = services as [RunningPlaint, RunningPlaint, RunningPlaint, RunningPlaint];
    staff = await Staff.hire(core, [['aysel', 'agent']]);
  }, 120_000);

  afterAll(async () => {
    for (const client of clients) client.close();
    for (const service of services.reverse()) await service.close();
    await db?.drop();
  }, 120_000);

  async function chatClient(): Promise<ChatClient> {
    const client = await ChatClient.connect(chat.url);
    clients.push(client);
    return client;
  }

  describe('phone numbers', () => {
    // Possible for Germany by length, but outside what E.164 (and so the contract) allows.
    const tooShort = '+49 1234';
    const tooLong = '+49 1234 5678901234';

    it('refuses on the form what the contract would refuse, with 400 naming the phone, and stores nothing', async () => {
      const before = await count('SELECT count(*) AS n FROM messages');
      for (const phone of [tooShort, tooLong]) {
        const response = await request(webA.url).post('/api/v1/callback-requests').send({ ...form, phone }).expect(400);
        expect(response.body.errors).toEqual([{ field: 'phone', problems: [expect.any(String)] }]);
      }
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(await count('SELECT count(*) AS n FROM messages')).toBe(before);
    });

    it('refuses such a number at chat:start instead of starting a chat whose messages can never be sent', async () => {
      const client = await chatClient();
      for (const phone of [tooShort, tooLong]) {
        expect(await client.start({ fullName: 'Elvin', phone })).toMatchObject({ ok: false, error: { code: 'invalid' } });
      }
      expect(await count('SELECT count(*) AS n FROM chat_conversations')).toBe(0);
    });

    it('refuses it in staff intake with 400, not 503', async () => {
      const response = await staff
        .as('aysel')
        .post('/api/v1/agent/intake', { channel: 'phone', fullName: 'Rəşad', phone: tooLong, essence: 'The delivery never came.' })
        .expect(400);
      expect(response.body.message).toMatch(/phone/);
    });

    it('carries a foreign number the edge accepts all the way into the complaint, on the form and in the chat', async () => {
      const submitted = await request(webA.url).post('/api/v1/callback-requests').send({ ...form, phone: '+49 30 1234567' }).expect(202);
      const reference = submitted.body.reference as string;
      await waitFor(() => count('SELECT count(*) AS n FROM complaints WHERE reference = $1 AND phone = $2', [reference, '+49301234567']), (n) => n === 1, {
        what: 'the form complaint with its phone',
      });

      const client = await chatClient();
      const started = await client.start({ fullName: 'Elvin Hüseynov', phone: '+49 30 1234567' });
      if (!started.ok) throw new Error(`chat:start refused: ${started.error.message}`);
      const first = await client.send(randomUUID(), 'Sifarişim gecikir.');
      const second = await client.send(randomUUID(), 'Sifariş nömrəsi 12345.');
      expect([first.ok, second.ok]).toEqual([true, true]);
      await waitFor(() => count('SELECT count(*) AS n FROM messages WHERE conversation = $1', [started.conversationId]), (n) => n === 2, {
        what: 'both chat messages stored',
      });
    });
  });

  describe('Idempotency-Key across ingest-web instances', () => {
    const post = (web: RunningPlaint, key: string, body: object, client = '203.0.113.10') =>
      request(web.url).post('/api/v1/callback-requests').set('Idempotency-Key', key).set('X-Forwarded-For', client).send(body);
    const withKey = (key: string) =>
      queryDatabase<{ text: string }>(db.url, "SELECT text FROM messages WHERE channel = 'web_form' AND external_id LIKE $1", [`key:%:${key}`]);

    it('answers a retry on another instance with the same reference, and refuses another body with 422', async () => {
      const key = randomUUID();
      const body = { ...form, email: 'kamran@example.az' };
      const first = await post(webA, key, body).expect(202);
      const retry = await post(webB, key, body).expect(202);
      expect(retry.body.reference).toBe(first.body.reference);
      await post(webB, key, { ...body, message: 'Another complaint under the same key.' }).expect(422);

      await waitFor(() => withKey(key), (rows) => rows.length === 1, { what: 'the keyed form message' });
      await new Promise((resolve) => setTimeout(resolve, 1000));
      expect(await withKey(key)).toEqual([{ text: body.message }]);
      expect(await count('SELECT count(*) AS n FROM complaints WHERE reference = $1', [first.body.reference])).toBe(1);
    });

    it('gives two clients using the same key two complaints', async () => {
      const key = `shared-${randomUUID()}`;
      const one = await post(webA, key, { ...form, email: 'one@example.az' }, '203.0.113.10').expect(202);
      const two = await post(webB, key, { ...form, email: 'two@example.az' }, '198.51.100.20').expect(202);
      expect(two.body.reference).not.toBe(one.body.reference);
      await waitFor(
        () => count('SELECT count(*) AS n FROM complaints WHERE reference IN ($1, $2)', [one.body.reference, two.body.reference]),
        (n) => n === 2,
        { what: 'two complaints' },
      );
    });
  });
});
