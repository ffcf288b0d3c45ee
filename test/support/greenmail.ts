import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';

/**
 * Where the e-mail tests find the real GreenMail server (SMTP + IMAP, mail in memory), from
 * PLAINT_GREENMAIL=127.0.0.1:<smtp-port>:<imap-port> as printed by scripts/greenmail/start.sh
 * (scripts/greenmail/with-greenmail.sh sets it). Without it the e-mail tests fail, saying how to
 * start one.
 *
 * GreenMail runs with authentication disabled: any password works, and logging in over IMAP with
 * a full address (e.g. care@plaint.test) opens the mailbox that SMTP delivers that address's mail to.
 */
export interface GreenMail {
  host: string;
  smtpPort: number;
  imapPort: number;
}

const ENV = 'PLAINT_GREENMAIL';
const REPO_ROOT = resolve(__dirname, '..', '..');
const execFileAsync = promisify(execFile);

export function greenMail(): GreenMail {
  const value = process.env[ENV];
  if (!value) {
    // A missing mail server fails the run, never skips it: a run without it must not look green.
    throw new Error(`${ENV} is not set: run the tests with \`npm test\`, or under scripts/greenmail/with-greenmail.sh, which starts GreenMail`);
  }
  const match = /^(.+):(\d{1,5}):(\d{1,5})$/.exec(value.trim());
  const host = match?.[1];
  const smtpPort = Number(match?.[2]);
  const imapPort = Number(match?.[3]);
  if (!host || !(smtpPort > 0 && smtpPort < 65536) || !(imapPort > 0 && imapPort < 65536)) {
    throw new Error(`${ENV}=${value} is not <host>:<smtp-port>:<imap-port>`);
  }
  return { host, smtpPort, imapPort };
}

/**
 * Stops and starts the local GreenMail server (scripts/greenmail/stop.sh, then start.sh) and
 * resolves once it accepts SMTP and IMAP again. All mailboxes come back empty, with new
 * UIDVALIDITY values. Uses the ports from PLAINT_GREENMAIL when set, so it restarts the same
 * server the tests talk to (it must be one that start.sh runs on this machine).
 *
 * GreenMail sets a mailbox's UIDVALIDITY to the epoch second the mailbox was created, so this
 * takes at least a little over a second: a mailbox re-created right after the restart then never
 * gets the value it had before.
 */
export async function restartGreenMail(): Promise<void> {
  const current = greenMail();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PLAINT_GREENMAIL_SMTP_PORT: String(current.smtpPort),
    PLAINT_GREENMAIL_IMAP_PORT: String(current.imapPort),
  };
  const run = async (script: 'stop.sh' | 'start.sh'): Promise<string> => {
    try {
      const { stdout } = await execFileAsync('bash', [`scripts/greenmail/${script}`], {
        cwd: REPO_ROOT,
        env,
        timeout: 120_000,
        maxBuffer: 1024 * 1024,
      });
      return stdout;
    } catch (error) {
      const stderr = (error as { stderr?: string }).stderr ?? '';
      throw new Error(`scripts/greenmail/${script} failed: ${(error as Error).message}\n${stderr}`.trimEnd());
    }
  };
  const began = Date.now();
  await run('stop.sh');
  const line = (await run('start.sh')).trim().split('\n').pop() ?? '';
  if (!line.startsWith(`${ENV}=`)) {
    throw new Error(`scripts/greenmail/start.sh printed no ${ENV} line (got "${line}")`);
  }
  const minimumMs = 1_100;
  const elapsed = Date.now() - began;
  if (elapsed < minimumMs) await new Promise((done) => setTimeout(done, minimumMs - elapsed));
}
