import { randomUUID } from 'node:crypto';
import { type Consumer, Kafka, logLevel, Partitioners } from 'kafkajs';
import type { RunningPlaint } from '../apps/plaint/src/bootstrap';
import { CreateAgent } from '../apps/core/src/auth/create-agent.use-case';
import type { AgentCommandV1, AgentEventV1, ComplaintEventV1 } from '../libs/contracts/src';
import { agentReplyToken } from '../libs/domain/src';
import { createTestDatabase, queryDatabase, type TestDatabase } from './support/postgres';
import { newInstallation, serviceEnv, startServices } from './support/plaint-services';
import { describeWithRealParts } from './support/real-parts';
import { STAFF_PASSWORD } from './support/staff';
import { waitFor } from './support/wait-for';

/**
 * Agents' commands from their mailbox as core takes them off Kafka (ingest-email puts them
 * there): core on Kafka and Postgres, the commands published as ingest-email publishes them,
 * and what core publishes in answer read back off the bus.
 */
describeWithRealParts('agents’ commands through Kafka and Postgres', (parts) => {
  let db: TestDatabase;
  let installation: ReturnType<typeof newInstallation>;
  let services: RunningPlaint[] = [];
  const kafka = new Kafka({ clientId: 'agent-commands-test', brokers: parts.kafkaBrokers.split(','), logLevel: logLevel.NOTHING });
  const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
  let reader: Consumer;
  const published: { topic: string; value: ComplaintEventV1 | AgentEventV1 }[] = [];
  let leyla = '';

  beforeAll(async () => {
    db = await createTestDatabase(parts.postgresUrl);
    installation = newInstallation(db.url);
    services = await startServices([serviceEnv(parts, installation, 'core')]);
    const core = services[0] as RunningPlaint;
    leyla = (await core.app.get(CreateAgent).execute({ username: 'leyla', displayName: 'Leyla', email: 'Leyla@care.test', password: STAFF_PASSWORD, role: 'agent' })).id;
    await producer.connect();
    const topics = ['plaint.complaint-events.v1', 'plaint.agent-events.v1'].map((name) => `${installation.topicPrefix}${name}`);
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: topics.map((topic) => ({ topic, numPartitions: 3 })), waitForLeaders: true });
    await admin.disconnect();
    reader = kafka.consumer({ groupId: `agent-commands-test-${randomUUID()}` });
    await reader.connect();
    await reader.subscribe({ topics, fromBeginning: true });
    await reader.run({
      eachMessage: ({ topic, message }) => {
        published.push({ topic: topic.slice(installation.topicPrefix.length), value: JSON.parse(message.value?.toString() ?? '{}') as ComplaintEventV1 });
        return Promise.resolve();
      },
    });
  }, 120_000);

  afterAll(async () => {
    await reader?.disconnect();
    await producer.disconnect();
    for (const service of services.reverse()) await service.close();
    await db?.drop();
  }, 120_000);

  const publish = (topic: string, key: string, value: object) =>
    producer.send({ topic: `${installation.topicPrefix}${topic}`, messages: [{ key, value: JSON.stringify(value) }] });

  /** A customer's first mail, as ingest-email publishes it; the complaint once core has it. */
  async function customerMail(address: string, text: string): Promise<{ id: string; reference: string }> {
    await publish('plaint.inbound.v1', `email:${address}`, {
      id: randomUUID(),
      channel: 'email',
      externalId: `<${randomUUID()}@customer.test>#0000000000000000`,
      conversation: `<${randomUUID()}@customer.test>`,
      sender: { name: 'Aysel Quliyeva', email: address },
      text,
      attachments: [],
      receivedAt: new Date().toISOString(),
      replyTo: address,
      automated: false,
      email: { mailbox: 'care@plaint.test/INBOX', references: [], subject: 'Kettle', rawUri: 'file:0000', mentionedReferences: [] },
    });
    const [row] = await waitFor(
      () => queryDatabase<{ id: string; reference: string }>(db.url, 'SELECT id, reference FROM complaints WHERE email = $1', [address]),
      (rows) => rows.length === 1,
      { what: 'the complaint recorded' },
    );
    return row as { id: string; reference: string };
  }

  function agentMail(from: string, token: string, text: string): AgentCommandV1 {
    const messageId = `<${randomUUID()}@care.test>`;
    return { commandId: messageId, source: 'email', receivedAt: new Date().toISOString(), text, email: { from, token, messageId } };
  }

  const history = (complaintId: string) =>
    queryDatabase<{ actor_kind: string; actor_id: string | null; why: string }>(db.url, 'SELECT actor_kind, actor_id, why FROM complaint_history WHERE complaint_id = $1 ORDER BY id', [complaintId]);
  const eventsOf = (complaintId: string) =>
    published.filter(({ value }) => ('complaintId' in value ? value.complaintId : value.complaint?.complaintId) === complaintId);

  it('sends an agent’s reply by mail to the customer, keeps a #note inside, answers a forgery, and acts once on a repeat', async () => {
    const address = `aysel-${randomUUID().slice(0, 8)}@example.az`;
    const complaint = await customerMail(address, 'The kettle I bought on Monday leaks from the bottom.');
    const token = agentReplyToken(installation.referenceSecret, complaint.reference, leyla);

    const reply = agentMail('leyla@care.test', token, 'We are sending a new kettle tomorrow.');
    await publish('plaint.agent-commands.v1', complaint.reference, reply);
    await publish('plaint.agent-commands.v1', complaint.reference, agentMail('leyla@care.test', token, '#note Courier booked for 10:00.'));
    const forged = agentMail('someone@evil.test', token, 'Your refund is cancelled.');
    await publish('plaint.agent-commands.v1', 'someone@evil.test', forged);
    // The same mail again (a redelivery): it acts once.
    await publish('plaint.agent-commands.v1', complaint.reference, reply);

    await waitFor(
      () => queryDatabase<{ n: string }>(db.url, 'SELECT count(*) AS n FROM agent_commands'),
      (rows) => Number(rows[0]?.n) === 3,
      { what: 'the three commands recorded' },
    );
    const refusal = await waitFor(
      () => Promise.resolve(published.filter(({ value }) => 'audience' in value && value.type === 'command.refused')),
      (found) => found.length >= 1,
      { what: 'the refusal published' },
    );
    expect(refusal.map(({ value }) => (value as AgentEventV1).audience)).toEqual([{ emailAddress: 'someone@evil.test', inReplyTo: forged.email?.messageId }]);

    const events = await waitFor(
      () => Promise.resolve(eventsOf(complaint.id)),
      (found) => found.some(({ value }) => value.type === 'complaint.note') && found.some(({ value }) => value.type === 'complaint.reply'),
      { what: 'the reply and the note published' },
    );
    const complaintEvents = events.filter(({ topic }) => topic === 'plaint.complaint-events.v1').map(({ value }) => value as ComplaintEventV1);
    expect(complaintEvents.map((event) => event.type)).toEqual(['complaint.received', 'complaint.reply']);
    expect(complaintEvents[0]?.desk).toMatchObject({ reference: complaint.reference, customerName: 'Aysel Quliyeva', channel: 'email', state: 'received' });
    expect(complaintEvents[1]).toMatchObject({ replyTo: address, step: { message: 'We are sending a new kettle tomorrow.' }, desk: { assigneeId: leyla } });
    const staffEvents = events.filter(({ topic }) => topic === 'plaint.agent-events.v1').map(({ value }) => value as AgentEventV1);
    expect(staffEvents.map((event) => [event.type, event.text])).toEqual([
      ['complaint.step', 'taken by Leyla'],
      ['complaint.note', 'Courier booked for 10:00.'],
    ]);

    expect((await history(complaint.id)).map((line) => [line.actor_kind, line.actor_id, line.why])).toEqual([
      ['agent', leyla, `taken by ${leyla}`],
      ['agent', leyla, 'replied to the customer'],
      ['agent', leyla, 'note: Courier booked for 10:00.'],
    ]);
    const outcomes = await queryDatabase<{ command_id: string; outcome: string }>(db.url, 'SELECT command_id, outcome FROM agent_commands');
    expect(Object.fromEntries(outcomes.map((row) => [row.command_id, row.outcome]))).toMatchObject({ [reply.commandId]: 'done', [forged.commandId]: 'refused' });
  }, 120_000);
});
