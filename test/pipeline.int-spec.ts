import { randomUUID } from 'node:crypto';
import { Kafka, logLevel, Partitioners } from 'kafkajs';
import request from 'supertest';
import type { RunningPlaint } from '../apps/plaint/src/bootstrap';
import { ChatClient } from './support/chat-client';
import { createTestDatabase, queryDatabase, type TestDatabase } from './support/postgres';
import { newInstallation, serviceEnv, startServices } from './support/plaint-services';
import { describeWithRealParts } from './support/real-parts';
import { waitFor } from './support/wait-for';

const REFERENCE = /^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/;

describeWithRealParts('the pipeline as separate services on Kafka and Postgres', (parts) => {
  let db: TestDatabase;
  let installation: ReturnType<typeof newInstallation>;
  let core: RunningPlaint;
  let chat: RunningPlaint;
  let web: RunningPlaint;
  let services: RunningPlaint[] = [];
  const clients: ChatClient[] = [];
  const kafka = new Kafka({ clientId: 'pipeline-test', brokers: parts.kafkaBrokers.split(','), logLevel: logLevel.NOTHING });
  const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });

  const count = async (sql: string, params: unknown[] = []) =>
    Number((await queryDatabase<{ n: string }>(db.url, sql, params))[0]?.n ?? 0);

  beforeAll(async () => {
    db = await createTestDatabase(parts.postgresUrl);
    installation = newInstallation(db.url);
    services = await startServices([
      serviceEnv(parts, installation, 'core'),
      serviceEnv(parts, installation, 'notifier'),
      serviceEnv(parts, installation, 'ingest-chat'),
      serviceEnv(parts, installation, 'ingest-web'),
    ]);
    [core, , chat, web] = services as [RunningPlaint, RunningPlaint, RunningPlaint, RunningPlaint];
    await producer.connect();
  }, 120_000);

  afterAll(async () => {
    for (const client of clients) client.close();
    await producer.disconnect();
    for (const service of services.reverse()) await service.close();
    await db?.drop();
  }, 120_000);

  async function chatWith(customer: { fullName: string; email?: string; phone?: string; language?: string }) {
    const client = await ChatClient.connect(chat.url);
    clients.push(client);
    const started = await client.start(customer);
    if (!started.ok) throw new Error(`chat:start refused: ${started.error.message}`);
    return { client, conversationId: started.conversationId };
  }

  it('answers every service health probe', async () => {
    for (const service of services) {
      const response = await request(service.url).get('/health').expect(200);
      expect(response.body.status).toBe('ok');
    }
  });

  it('turns a chat message into one complaint and shows the written acknowledgement in the chat', async () => {
    const { client, conversationId } = await chatWith({ fullName: 'Nigar Quliyeva', email: 'nigar@example.az', language: 'en' });
    const ack = await client.send(randomUUID(), 'The washing machine I bought leaks water.');
    expect(ack.ok).toBe(true);

    const [notice] = await waitFor(() => client.plaintLines(), (lines) => lines.length > 0, { what: 'the acknowledgement' });
    expect(notice?.reference).toMatch(REFERENCE);
    expect(notice?.text).toContain(notice?.reference);
    expect(notice?.text).toMatch(/accepted by \d{1,2} \w+ \d{4}/);

    const complaints = await queryDatabase<{ reference: string; state: string; channel: string }>(
      db.url,
      'SELECT reference, state, channel FROM complaints WHERE conversation = $1',
      [conversationId],
    );
    expect(complaints).toEqual([{ reference: notice?.reference, state: 'received', channel: 'chat' }]);
  });

  it('keeps one message and one notice when the widget resends the same message', async () => {
    const { client, conversationId } = await chatWith({ fullName: 'Elvin Hüseynov', phone: '+994 50 555 12 34' });
    const clientMessageId = randomUUID();
    const first = await client.send(clientMessageId, 'Sifarişim gecikir, heç kim cavab vermir.');
    const second = await client.send(clientMessageId, 'Sifarişim gecikir, heç kim cavab vermir.');
    expect(first).toEqual(second);

    await waitFor(() => client.plaintLines(), (lines) => lines.length > 0, { what: 'the acknowledgement' });
    // A later message of the same conversation joins the same complaint and is not acknowledged again.
    await client.send(randomUUID(), 'Sifariş nömrəsi 12345.');
    await waitFor(() => count('SELECT count(*) AS n FROM messages WHERE conversation = $1', [conversationId]), (n) => n === 2, {
      what: 'both messages stored',
    });
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(await count('SELECT count(*) AS n FROM complaints WHERE conversation = $1', [conversationId])).toBe(1);
    expect(
      await count(
        'SELECT count(*) AS n FROM notices n JOIN complaints c ON c.id = n.complaint_id WHERE c.conversation = $1',
        [conversationId],
      ),
    ).toBe(1);
    expect(client.plaintLines()).toHaveLength(1);
    expect(client.plaintLines()[0]?.text).toMatch(/İstinad nömrəsi/); // Azerbaijani, from the text
  });

  it('records a form complaint, shows its reference at once, and repeats it for the same idempotency key', async () => {
    const key = randomUUID();
    const form = {
      fullName: 'Kamran Vəliyev',
      phone: '050 444 33 22',
      email: 'kamran@example.az',
      employeeName: 'Orxan',
      message: 'Televizorun ekranı ikinci gün sındı.',
      language: 'az',
    };
    const first = await request(web.url).post('/api/v1/callback-requests').set('Idempotency-Key', key).send(form).expect(202);
    expect(first.body).toEqual({ reference: expect.stringMatching(REFERENCE), status: 'received', acceptBy: expect.any(String), callBy: expect.any(String) });
    const again = await request(web.url).post('/api/v1/callback-requests').set('Idempotency-Key', key).send(form).expect(202);
    expect(again.body.reference).toBe(first.body.reference);

    const reference = first.body.reference as string;
    await waitFor(() => count('SELECT count(*) AS n FROM complaints WHERE reference = $1', [reference]), (n) => n === 1, {
      what: 'the form complaint',
    });
    const [complaint] = await queryDatabase<{ phone: string; employee_name: string; callback_requested: boolean; accept_by: Date }>(
      db.url,
      'SELECT phone, employee_name, callback_requested, accept_by FROM complaints WHERE reference = $1',
      [reference],
    );
    const { accept_by: acceptBy, ...stored } = complaint!;
    expect(stored).toEqual({ phone: '+994504443322', employee_name: 'Orxan', callback_requested: true });
    // The call the form promised is due by the deadline core set for the complaint.
    expect([first.body.acceptBy, first.body.callBy]).toEqual([acceptBy.toISOString(), acceptBy.toISOString()]);
    // Its written notice waits for the e-mail transport, recorded, not lost.
    await waitFor(
      () => queryDatabase<{ status: string; recipient: string }>(db.url, 'SELECT status, recipient FROM notices WHERE reference = $1', [reference]),
      (rows) => rows.length === 1,
      { what: 'the pending notice' },
    ).then((rows) => expect(rows).toEqual([{ status: 'pending', recipient: 'kamran@example.az' }]));
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await count('SELECT count(*) AS n FROM messages WHERE channel = $1 AND external_id LIKE $2', ['web_form', `key:%:${key}`])).toBe(1);

    // The customer looks the status up with the reference and the contact they gave.
    const status = await request(core.url)
      .get('/api/v1/complaints/status')
      .query({ reference: reference.toLowerCase(), contact: '+994504443322' })
      .expect(200);
    expect(status.body).toMatchObject({ reference, status: 'received', channel: 'web_form' });
    expect(new Date(status.body.deadlines.acceptBy).getTime()).toBeGreaterThan(Date.now());
    const wrongContact = await request(core.url).get('/api/v1/complaints/status').query({ reference, contact: 'someone@else.az' }).expect(404);
    const unknown = await request(core.url).get('/api/v1/complaints/status').query({ reference: 'ZZZZ-ZZZZ-ZZZZ', contact: 'kamran@example.az' }).expect(404);
    expect(wrongContact.body).toEqual(unknown.body);
  });

  it('refuses bad form input field by field and stores nothing', async () => {
    const before = await count('SELECT count(*) AS n FROM messages');
    const noContact = await request(web.url)
      .post('/api/v1/callback-requests')
      .send({ fullName: 'Anar', message: 'Salam' })
      .expect(400);
    expect(noContact.body.errors).toEqual([{ field: 'contact', problems: [expect.any(String)] }]);
    const bad = await request(web.url)
      .post('/api/v1/callback-requests')
      .send({ fullName: '', email: 'not-an-address', message: 'x', priority: 'urgent' })
      .expect(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['email', 'fullName', 'priority']);
    await request(web.url)
      .post('/api/v1/callback-requests')
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ fullName: 'A', email: 'a@b.az', message: 'x'.repeat(200_000) }))
      .expect(413);
    await request(web.url).post('/api/v1/callback-requests').set('Content-Type', 'application/json').send('{"fullName":').expect(400);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await count('SELECT count(*) AS n FROM messages')).toBe(before);
  });

  it('records a message the bus delivers twice once, and dead-letters a poison message without stalling its partition', async () => {
    const topic = `${installation.topicPrefix}plaint.inbound.v1`;
    const key = 'email:poison-test@example.az';
    const message = (conversation: string) => ({
      id: randomUUID(),
      channel: 'chat',
      externalId: `${conversation}:1`,
      conversation,
      sender: { name: 'Test Customer', email: 'poison-test@example.az' },
      text: 'Kafka redelivery test',
      attachments: [],
      receivedAt: new Date().toISOString(),
      replyTo: conversation,
      automated: false,
    });
    const redelivered = JSON.stringify(message(`redelivered-${randomUUID()}`));
    const after = message(`after-poison-${randomUUID()}`);
    await producer.send({
      topic,
      messages: [
        { key, value: redelivered },
        { key, value: redelivered },
        { key, value: '{"channel":"chat","text":"no id, no sender"}' },
        { key, value: 'not even json' },
        { key, value: JSON.stringify(after) },
      ],
    });

    await waitFor(() => count('SELECT count(*) AS n FROM complaints WHERE conversation = $1', [after.conversation]), (n) => n === 1, {
      what: 'the message after the poison ones',
    });
    const twice = JSON.parse(redelivered) as { id: string; conversation: string };
    expect(await count('SELECT count(*) AS n FROM messages WHERE id = $1', [twice.id])).toBe(1);
    await waitFor(
      () => count('SELECT count(*) AS n FROM notices n JOIN complaints c ON c.id = n.complaint_id WHERE c.conversation = $1', [twice.conversation]),
      (n) => n > 0,
      { what: 'the notice of the redelivered message' },
    );
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(
      await count('SELECT count(*) AS n FROM notices n JOIN complaints c ON c.id = n.complaint_id WHERE c.conversation = $1', [twice.conversation]),
    ).toBe(1);

    const deadLetters = await readTopic(kafka, `${topic}.dlq`, 2);
    expect(deadLetters.map((m) => m.value)).toEqual(['{"channel":"chat","text":"no id, no sender"}', 'not even json']);
    for (const letter of deadLetters) expect(letter.headers['plaint-dlq-reason']).toBeTruthy();
  });
});

async function readTopic(kafka: Kafka, topic: string, expected: number) {
  const consumer = kafka.consumer({ groupId: `reader-${randomUUID()}` });
  const seen: { value: string; headers: Record<string, string> }[] = [];
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({
    eachMessage: ({ message }) => {
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(message.headers ?? {})) headers[name] = String(value);
      seen.push({ value: message.value?.toString() ?? '', headers });
      return Promise.resolve();
    },
  });
  try {
    await waitFor(() => seen.length, (n) => n >= expected, { what: `${expected} records on ${topic}` });
    await new Promise((resolve) => setTimeout(resolve, 500));
    return seen;
  } finally {
    await consumer.disconnect();
  }
}
