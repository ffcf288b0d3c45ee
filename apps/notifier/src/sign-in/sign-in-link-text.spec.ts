import { LANGUAGES } from '@plaint/contracts';
import { signInLinkToken } from '@plaint/domain';
import type { NoticeEntity } from '@plaint/persistence';
import { NoticeTemplates } from '../notice-templates';
import { LINK_PLACEHOLDER, NoLinkAddress, signInNoticeText, textToSend } from './sign-in-link-text';

const SECRET = 'the installation secret, at least 32 characters long';
const LINK_ID = '0193b0b0-6a4e-7c1d-9d2e-1f2a3b4c5d6e';

describe('the text of a sign-in link', () => {
  const templates = new NoticeTemplates();
  const event = (language: (typeof LANGUAGES)[number]) => ({
    linkId: LINK_ID,
    route: 'email' as const,
    recipient: 'aysel@example.az',
    language,
    occurredAt: '2026-11-10T08:00:00.000Z',
    expiresAt: '2026-11-10T08:15:00.000Z',
  });

  it.each(LANGUAGES)('is stored in %s with the lifetime and without the link, which is filled in as it is sent', (language) => {
    const stored = signInNoticeText(event(language), templates);
    expect(stored).toContain(LINK_PLACEHOLDER);
    expect(stored).toContain('15');
    expect(stored).not.toContain(signInLinkToken(SECRET, LINK_ID));

    const notice = { eventType: 'customer.sign-in-link', eventId: LINK_ID, text: stored } as Pick<NoticeEntity, 'eventType' | 'eventId' | 'text'>;
    const sent = textToSend(notice, SECRET, 'https://care.example.az/my-complaints.html');
    expect(sent).toContain(`https://care.example.az/my-complaints.html#token=${signInLinkToken(SECRET, LINK_ID)}`);
    expect(sent).not.toContain('{{');
  });

  it('cannot be sent by a notifier that does not know the page’s address, and other notices go as stored', () => {
    const notice = { eventType: 'customer.sign-in-link', eventId: LINK_ID, text: `Open ${LINK_PLACEHOLDER}` };
    expect(() => textToSend(notice, SECRET, undefined)).toThrow(NoLinkAddress);
    const reply = { eventType: 'complaint.reply', eventId: 'e1', text: 'Our technician comes at 10 {{link}}' };
    expect(textToSend(reply, SECRET, 'https://care.example.az/my-complaints.html')).toBe(reply.text);
  });
});
