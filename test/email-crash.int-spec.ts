import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { ChildService } from './support/child-service';
import { greenMail } from './support/greenmail';
import { sendMail } from './support/mail-sender';
import { waitFor } from './support/wait-for';

const server = greenMail();
const MAILS = 250;

describe('the mailbox adapter killed in the middle of a mailbox', () => {
  const services: ChildService[] = [];

  afterAll(async () => {
    for (const service of services) await service.kill();
  });

  it('takes every mail exactly once after SIGKILL and a restart', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'plaint-mail-crash-'));
    const care = `care-${randomUUID().slice(0, 8)}@plaint.test`;
    const env = {
      PORT: '0',
      HOST: '127.0.0.1',
      PLAINT_APP: 'ingest-email,core',
      PLAINT_DATA_DIR: dataDir,
      PLAINT_LOG_LEVEL: 'warn',
      PLAINT_IMAP_URL: `imap://${encodeURIComponent(care)}:x@${server.host}:${server.imapPort}/INBOX`,
      PLAINT_IMAP_SWEEP_MS: '500',
    };
    for (let i = 0; i < MAILS; i += 1) {
      await sendMail(server, {
        from: { name: `Customer ${i}`, address: `crash-${i}@customer.test` },
        to: { address: care },
        subject: `Complaint ${i}`,
        text: `My order ${i} arrived broken.`,
      });
    }

    const count = (table: string): number => {
      try {
        const db = new Database(join(dataDir, 'plaint.sqlite'), { readonly: true, fileMustExist: true });
        try {
          return (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
        } finally {
          db.close();
        }
      } catch {
        return 0; // not created yet
      }
    };

    const first = ChildService.start(env);
    services.push(first);
    const atKill = await waitFor(() => count('complaints'), (n) => n > 0, { intervalMs: 5, timeoutMs: 60_000, what: 'the first complaints' });
    await first.kill();
    expect(atKill).toBeLessThan(MAILS); // the kill landed in the middle of the mailbox

    const second = ChildService.start(env);
    services.push(second);
    await waitFor(() => count('complaints'), (n) => n >= MAILS, { timeoutMs: 120_000, intervalMs: 200, what: `all ${MAILS} complaints` });
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(count('complaints')).toBe(MAILS);
    expect(count('messages')).toBe(MAILS);
    expect(count('email_quarantine')).toBe(0);
    await second.stop();
  }, 240_000);
});
