import request from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import { readInbox } from './mailbox';
import { waitFor } from './wait-for';

/** The token a sign-in link carries in its fragment. */
export function linkToken(text: string): string {
  const token = /#token=([A-Za-z0-9_-]+)/.exec(text)?.[1];
  if (!token) throw new Error(`no sign-in link in: ${text}`);
  return token;
}

/** The sign-in links that reached `address` on the test mail server, oldest first (at least `count`). */
export async function linksMailedTo(server: { host: string; imapPort: number }, address: string, count = 1): Promise<string[]> {
  const mails = await waitFor(
    async () => (await readInbox(server, address)).filter((mail) => /#token=/.test(mail.text ?? '')),
    (found) => found.length >= count,
    { what: `${count} sign-in mail(s) to ${address}`, timeoutMs: 30_000, intervalMs: 250 },
  );
  return mails.map((mail) => linkToken(mail.text ?? ''));
}

/** A browser of the customer: a cookie jar on the customer API. */
export function customerBrowser(url: string): TestAgent {
  return request.agent(url);
}

/** Asks for a link to `contact`, as the page does. */
export function askForLink(url: string, contact: string, language = 'en') {
  return request(url).post('/api/v1/customer/sign-in-links').send({ contact, language });
}
