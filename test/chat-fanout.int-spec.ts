import { randomUUID } from 'node:crypto';
import { ChatGateway } from '../apps/ingest-chat/src/chat.gateway';
import type { RunningPlaint } from '../apps/plaint/src/bootstrap';
import { ChatClient } from './support/chat-client';
import { createTestDatabase, type TestDatabase } from './support/postgres';
import { newInstallation, serviceEnv, startServices } from './support/plaint-services';
import { describeWithRealParts } from './support/real-parts';
import { waitFor } from './support/wait-for';

describeWithRealParts('two ingest-chat instances behind no sticky router', (parts) => {
  let db: TestDatabase;
  let services: RunningPlaint[] = [];
  let chatA: RunningPlaint;
  let chatB: RunningPlaint;
  const clients: ChatClient[] = [];

  beforeAll(async () => {
    db = await createTestDatabase(parts.postgresUrl);
    const installation = newInstallation(db.url);
    const redis = { PLAINT_REDIS_URL: parts.redisUrl };
    services = await startServices([
      serviceEnv(parts, installation, 'core,notifier'),
      serviceEnv(parts, installation, 'ingest-chat', redis),
      serviceEnv(parts, installation, 'ingest-chat', redis),
    ]);
    [, chatA, chatB] = services as [RunningPlaint, RunningPlaint, RunningPlaint];
  }, 120_000);

  afterAll(async () => {
    for (const client of clients) client.close();
    for (const service of services.reverse()) await service.close();
    await db?.drop();
  }, 60_000);

  it('shows a line emitted by one instance on a socket held by the other', async () => {
    const client = await ChatClient.connect(chatA.url);
    clients.push(client);
    const started = await client.start({ fullName: 'Fidan Rzayeva', email: 'fidan@example.az' });
    if (!started.ok) throw new Error(started.error.message);

    chatB.app.get(ChatGateway).show(started.conversationId, {
      id: 'line-from-b',
      from: 'agent',
      text: 'Hello from the other instance',
      sentAt: new Date().toISOString(),
    });
    await waitFor(() => client.lines.map((line) => line.id), (ids) => ids.includes('line-from-b'), {
      what: 'the line sent through instance B',
    });
  });

  it('delivers every acknowledgement to its own socket whichever instance consumed it', async () => {
    const sessions = await Promise.all(
      Array.from({ length: 8 }, async (_, i) => {
        const client = await ChatClient.connect(i % 2 === 0 ? chatA.url : chatB.url);
        clients.push(client);
        const started = await client.start({ fullName: `Customer ${i}`, email: `fanout-${i}@example.az`, language: 'en' });
        if (!started.ok) throw new Error(started.error.message);
        const ack = await client.send(randomUUID(), `My order ${i} never arrived`);
        if (!ack.ok) throw new Error(ack.error.message);
        return client;
      }),
    );
    for (const client of sessions) {
      const [notice] = await waitFor(() => client.plaintLines(), (lines) => lines.length === 1, { what: 'an acknowledgement' });
      expect(notice?.text).toContain(notice?.reference);
    }
    // Each customer saw exactly their own acknowledgement, no one else's.
    const references = sessions.map((client) => client.plaintLines()[0]?.reference);
    expect(new Set(references).size).toBe(8);
  });
});
