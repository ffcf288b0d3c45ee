import { ImapFlow } from 'imapflow';
import { simpleParser, type ParsedMail } from 'mailparser';

/** The mails in `user`'s INBOX on the test mail server, parsed, oldest first. */
export async function readInbox(server: { host: string; imapPort: number }, user: string): Promise<ParsedMail[]> {
  const client = new ImapFlow({
    host: server.host,
    port: server.imapPort,
    secure: false,
    auth: { user, pass: 'any' },
    logger: false,
  });
  await client.connect();
  const lock = await client.getMailboxLock('INBOX');
  const sources: Buffer[] = [];
  try {
    for await (const message of client.fetch('1:*', { source: true }, { uid: true })) {
      if (message.source) sources.push(message.source);
    }
  } catch (error) {
    // An empty mailbox answers "1:*" with an error on some servers: no mail yet.
    if (!/Invalid messageset|No matching messages|BAD/i.test((error as Error).message)) throw error;
  } finally {
    lock.release();
    await client.logout();
  }
  return Promise.all(sources.map((source) => simpleParser(source)));
}
