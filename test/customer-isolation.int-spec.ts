import { randomUUID } from 'node:crypto';
import { Kafka, logLevel, Partitioners } from 'kafkajs';
import type { RunningPlaint } from '../apps/plaint/src/bootstrap';
import { ChatClient, type ChatLine } from './support/chat-client';
import { createTestDatabase, queryDatabase, type TestDatabase } from './support/postgres';
import { newInstallation, serviceEnv, startServices } from './support/plaint-services';
import { describeWithRealParts } from './support/real-parts';
import { waitFor } from './support/wait-for';

/**
 * Customer data never crosses customers: a contact typed into a chat proves nothing, so it ties
 * the visitor to no one else's complaints. Over the real parts: chat over socket.io, Kafka, Postgres.
 */
describeWithRealParts('customer isolation on Kafka and Postgres', (parts) => {
  let db: TestDatabase;
  let installation: ReturnType<typeof newInstallation>;
  let services: RunningPlaint[] = [];
  let chat: RunningPlaint;
  const clients: ChatClient[] = [];
  const kafka = new Kafka({ clientId: 'isolation-test', brokers: parts.kafkaBrokers.split(','), logLevel: logLevel.NOTHING });
  const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });

  beforeAll(async () => {
    db = await createTestDatabase(parts.postgresUrl);
    installation = newInstallation(db.url);
    services = await startServices([
      serviceEnv(parts, installation, 'core'),
      serviceEnv(parts, installation, 'notifier'),
      serviceEnv(parts, installation, 'ingest-chat'),
    ]);
    chat = services[2] as RunningPlaint;
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
    return client;
  }

  const nextLine = async (client: ChatClient, count: number, what: string): Promise<ChatLine> => {
    const lines = await waitFor(() => client.plaintLines(), (found) => found.length >= count, { what });
    return lines[count - 1] as ChatLine;
  };

  it("never tells a chat visitor who types someone else's e-mail that customer's complaint", async () => {
    const email = `nigar-${randomUUID().slice(0, 8)}@example.az`;
    const text = 'The dishwasher I bought last week stopped working after two days and shows error E24.';
    const nigar = await chatWith({ fullName: 'Nigar Əliyeva', email, language: 'en' });
    await nigar.send(randomUUID(), text);
    const hers = (await nextLine(nigar, 1, "Nigar's acknowledgement")).reference ?? '';
    expect(hers).not.toBe('');

    // Someone else types her address and nearly the same words.
    const visitor = await chatWith({ fullName: 'Nigar Əliyeva', email, language: 'en' });
    await visitor.send(randomUUID(), `${text}!!`);
    const told = await nextLine(visitor, 1, "the visitor's acknowledgement");
    expect(told.reference).toBeDefined();
    expect(told.reference).not.toBe(hers);
    expect(told.text).not.toContain(hers);
    expect(told.text).toMatch(/has been registered/);

    // Asking for the status of her reference tells the visitor nothing about it.
    await visitor.send(randomUUID(), `status ${hers}`);
    const answer = await nextLine(visitor, 2, 'the answer to the status request');
    expect(answer.text).not.toContain(hers);
    expect(answer.text).toMatch(/could not find a complaint/);

    const rows = await queryDatabase<{ reference: string; state: string; customer_id: string }>(
      db.url,
      'SELECT reference, state, customer_id FROM complaints WHERE reference = ANY($1) ORDER BY created_at',
      [[hers, told.reference]],
    );
    expect(rows.map((row) => row.state)).toEqual(['received', 'received']);
    expect(rows[0]?.customer_id).not.toBe(rows[1]?.customer_id);
    // The typed address is kept with each record, verified for neither.
    const typed = await queryDatabase<{ customer_id: string; verified: boolean }>(
      db.url,
      "SELECT customer_id, verified FROM customer_identities WHERE kind = 'email' AND value = $1",
      [email],
    );
    expect(typed.map((row) => row.verified)).toEqual([false, false]);
    expect(new Set(typed.map((row) => row.customer_id))).toEqual(new Set(rows.map((row) => row.customer_id)));
  });

  it('links the same words sent twice in quick succession, though both arrive in one intake batch', async () => {
    const address = `elvin-${randomUUID().slice(0, 8)}@example.az`;
    const mail = (text: string) => ({
      id: randomUUID(),
      channel: 'email',
      externalId: `<${randomUUID()}@customer.test>#0000000000000000`,
      conversation: `<${randomUUID()}@customer.test>`,
      sender: { name: 'Elvin Hüseynov', email: address },
      text,
      attachments: [],
      receivedAt: new Date().toISOString(),
      replyTo: address,
      automated: false,
      email: { mailbox: 'care@plaint.test/INBOX', references: [], subject: 'Sifariş', rawUri: 'file:0000', mentionedReferences: [] },
    });
    // A phone resending the mail a minute later: one send, so core reads both in one batch.
    await producer.send({
      topic: `${installation.topicPrefix}plaint.inbound.v1`,
      messages: [
        { key: `email:${address}`, value: JSON.stringify(mail('Sifarişim 3 gündür gecikir, heç kim zəng etmir.')) },
        { key: `email:${address}`, value: JSON.stringify(mail('Sifarişim 3 gündür gecikir, heç kim zəng etmir!')) },
      ],
    });
    const complaints = await waitFor(
      () =>
        queryDatabase<{ reference: string; state: string; merged_into: string | null }>(
          db.url,
          'SELECT reference, state, merged_into FROM complaints WHERE email = $1 ORDER BY received_at, created_at',
          [address],
        ),
      (rows) => rows.length === 2,
      { what: 'both mails recorded' },
    );
    const open = complaints.filter((row) => row.state === 'received');
    const linked = complaints.filter((row) => row.state === 'merged');
    expect(open).toHaveLength(1);
    expect(linked).toHaveLength(1);
    expect(linked[0]?.merged_into).toBe(open[0]?.reference);
    // One acknowledgement: the second mail only tells the customer it goes on as the first.
    const notices = await waitFor(
      () =>
        queryDatabase<{ event_type: string }>(
          db.url,
          'SELECT n.event_type FROM notices n JOIN complaints c ON c.id = n.complaint_id WHERE c.email = $1 ORDER BY n.event_type',
          [address],
        ),
      (rows) => rows.length === 2,
      { what: 'the notices of both mails' },
    );
    expect(notices.map((row) => row.event_type)).toEqual(['complaint.merged', 'complaint.received']);
  });

  it('lets a form customer answer our notice by e-mail from the address they gave, and no one else', async () => {
    const topic = `${installation.topicPrefix}plaint.inbound.v1`;
    const address = `kamran-${randomUUID().slice(0, 8)}@example.az`;
    const form = {
      id: randomUUID(),
      channel: 'web_form',
      externalId: randomUUID(),
      conversation: randomUUID(),
      sender: { name: 'Kamran Vəliyev', email: address },
      text: 'Zəmanət təmiri üçün verdiyim telefon bir aydır qaytarılmır.',
      attachments: [],
      receivedAt: new Date().toISOString(),
      replyTo: address,
      automated: false,
    };
    await producer.send({ topic, messages: [{ key: `email:${address}`, value: JSON.stringify(form) }] });
    const [complaint] = await waitFor(
      () => queryDatabase<{ id: string; reference: string }>(db.url, 'SELECT id, reference FROM complaints WHERE conversation = $1', [form.conversation]),
      (rows) => rows.length === 1,
      { what: 'the form complaint' },
    );
    // Answers to the acknowledgement: in the notice's thread, one from the address it went to, one from elsewhere.
    const reply = (from: string, text: string) => ({
      id: randomUUID(),
      channel: 'email',
      externalId: `<${randomUUID()}@mail.test>#0000000000000000`,
      conversation: `<ack-${randomUUID()}@plaint.test>`,
      sender: { email: from },
      text,
      attachments: [],
      receivedAt: new Date().toISOString(),
      replyTo: from,
      automated: false,
      email: {
        mailbox: 'care@plaint.test/INBOX',
        references: [],
        subject: `Re: [${complaint?.reference ?? ''}]`,
        rawUri: 'file:0000',
        threadReference: complaint?.reference,
        mentionedReferences: [complaint?.reference],
      },
    });
    const own = reply(address, 'Təmir qəbzinin nömrəsi 5521-dir.');
    const other = reply(`someone-${randomUUID().slice(0, 8)}@example.az`, 'Mənim telefonum da qaytarılmır.');
    await producer.send({ topic, messages: [{ key: `email:${address}`, value: JSON.stringify(own) }, { key: `email:${address}`, value: JSON.stringify(other) }] });
    const stored = await waitFor(
      () => queryDatabase<{ id: string; complaint_id: string }>(db.url, 'SELECT id, complaint_id FROM messages WHERE id = ANY($1)', [[own.id, other.id]]),
      (rows) => rows.length === 2,
      { what: 'both answers stored' },
    );
    expect(stored.find((row) => row.id === own.id)?.complaint_id).toBe(complaint?.id);
    expect(stored.find((row) => row.id === other.id)?.complaint_id).not.toBe(complaint?.id);
  });
});
