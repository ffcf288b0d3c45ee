import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { emailConversation, emailExternalId } from './email-external-id';
import { parseEmail } from './parse-email';
import type { ParsedEmail } from './parsed-email';

const FIXTURES = join(__dirname, '../../../../test/fixtures/email');
const NOTICE_1 = 'plaint.7KQ2M9XDH4TB.n01jd5k8q2.3f9a1c2b7d4e5f601a2b@plaint.test';

async function parseBytes(raw: Buffer): Promise<ParsedEmail> {
  const result = await parseEmail(raw);
  if (!result.ok) throw new Error(result.reason);
  return result.email;
}

const fixture = (name: string): Buffer => readFileSync(join(FIXTURES, name));

describe('emailExternalId', () => {
  it('is <message-id>#<16 hex>, the same for the same bytes fetched again', async () => {
    const first = emailExternalId(await parseBytes(fixture('az-plain-utf8.eml')));
    const again = emailExternalId(await parseBytes(Buffer.from(fixture('az-plain-utf8.eml'))));
    expect(first).toMatch(/^8f3c2a1e-77b1-4d0e-9a55-0c6f1d2e3b41@mail\.az#[0-9a-f]{16}$/);
    expect(again).toBe(first);
  });

  it('differs for two different mails that reuse one Message-ID', async () => {
    const one = await parseBytes(fixture('reused-message-id-1.eml'));
    const two = await parseBytes(fixture('reused-message-id-2.eml'));
    expect(one.messageId).toBe('1@localhost.localdomain');
    expect(two.messageId).toBe(one.messageId);
    expect(emailExternalId(one).startsWith('1@localhost.localdomain#')).toBe(true);
    expect(emailExternalId(two)).not.toBe(emailExternalId(one));
  });

  it('is stable for a mail with an unparsable Date (mailparser would hash the time of parsing)', async () => {
    const first = emailExternalId(await parseBytes(fixture('date-unparsable.eml')));
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(emailExternalId(await parseBytes(fixture('date-unparsable.eml')))).toBe(first);
  });

  it('is sha256:<32 hex> of the content when the mail has no Message-ID', async () => {
    const raw = Buffer.from('From: a@mail.az\r\nSubject: Salam\r\nDate: Mon, 24 Nov 2026 09:00:00 +0400\r\n\r\nŞikayət\r\n', 'utf8');
    const id = emailExternalId(await parseBytes(raw));
    expect(id).toMatch(/^sha256:[0-9a-f]{32}$/);
    expect(emailExternalId(await parseBytes(raw))).toBe(id);
    const other = Buffer.from(raw.toString('utf8').replace('Şikayət', 'Başqa şikayət'), 'utf8');
    expect(emailExternalId(await parseBytes(other))).not.toBe(id);
  });
});

describe('emailConversation', () => {
  it('is the first References id (the thread root), even without In-Reply-To', async () => {
    expect(emailConversation(await parseBytes(fixture('outlook-reply.eml')))).toBe(NOTICE_1);
    expect(emailConversation(await parseBytes(fixture('gmail-reply.eml')))).toBe(NOTICE_1);
  });

  it('falls back to In-Reply-To, then the Message-ID, then the external id', async () => {
    const base = await parseBytes(fixture('az-plain-utf8.eml'));
    expect(emailConversation({ ...base, inReplyTo: 'earlier@mail.az' })).toBe('earlier@mail.az');
    expect(emailConversation(base)).toBe('8f3c2a1e-77b1-4d0e-9a55-0c6f1d2e3b41@mail.az');
    const anonymous = { ...base, messageId: null };
    expect(emailConversation(anonymous)).toBe(emailExternalId(anonymous));
    expect(emailConversation(anonymous)).toMatch(/^sha256:/);
  });
});
