import { configWith, fixedClock, hoursAgo, notice, recordingGraph } from './notice-test-fixtures';
import { InstagramNoticeTransport, MessengerNoticeTransport } from './page-notice-transports';

const env = { PLAINT_META_PAGE_TOKENS: JSON.stringify({ PAGE: 'page-token', IG: 'ig-token' }) };

describe('Messenger and Instagram notice transports', () => {
  const sent = () => recordingGraph(() => ({ recipient_id: 'PSID', message_id: 'm_OURS' }));

  it('answers within 24 hours as a response, with the page’s token', async () => {
    const { graph, posts } = sent();
    const outcome = await new MessengerNoticeTransport(graph, fixedClock, configWith(env)).send(notice({ recipient: 'PAGE:PSID' }));
    expect(outcome).toEqual({ ok: true, messageId: 'm_OURS' });
    expect(posts).toEqual([{ path: 'me/messages', token: 'page-token', body: { recipient: { id: 'PSID' }, messaging_type: 'RESPONSE', message: { text: 'Şikayətiniz qəbul edildi.' } } }]);
  });

  it('sends an agent’s reply tagged HUMAN_AGENT up to 7 days after, and no automatic notice', async () => {
    const { graph, posts } = sent();
    const transport = new InstagramNoticeTransport(graph, fixedClock, configWith(env));
    await transport.send(notice({ recipient: 'IG:IGSID', eventType: 'complaint.reply', text: 'We will replace it.', customerWroteAt: hoursAgo(48) }));
    expect(posts[0]).toEqual({ path: 'me/messages', token: 'ig-token', body: { recipient: { id: 'IGSID' }, messaging_type: 'MESSAGE_TAG', tag: 'HUMAN_AGENT', message: { text: 'We will replace it.' } } });

    const automatic = await transport.send(notice({ recipient: 'IG:IGSID', eventType: 'complaint.accepted', customerWroteAt: hoursAgo(48) }));
    expect(automatic).toEqual({
      ok: false,
      permanent: true,
      reason: 'the customer last wrote more than 24 hours ago; Instagram takes no automatic notice then, and only an agent’s reply may go (tagged HUMAN_AGENT) until 7 days after',
    });
    const late = await transport.send(notice({ recipient: 'IG:IGSID', eventType: 'complaint.reply', customerWroteAt: hoursAgo(8 * 24) }));
    expect(late).toMatchObject({ ok: false, permanent: true, reason: expect.stringContaining('nothing may go after 7 days') });
    expect(posts).toHaveLength(1);
  });

  it('splits a long text at Instagram’s 1000-byte limit', async () => {
    const { graph, posts } = sent();
    await new InstagramNoticeTransport(graph, fixedClock, configWith(env)).send(notice({ recipient: 'IG:IGSID', text: 'ş'.repeat(700) }));
    expect(posts.map((post) => Buffer.byteLength((post.body as { message: { text: string } }).message.text))).toEqual([1000, 400]);
  });

  it('refuses a page it has no token for, saying which', async () => {
    const { graph } = sent();
    const outcome = await new MessengerNoticeTransport(graph, fixedClock, configWith(env)).send(notice({ recipient: 'OTHER:PSID' }));
    expect(outcome).toEqual({ ok: false, permanent: true, reason: 'no access token is configured for the Messenger account OTHER (PLAINT_META_PAGE_TOKENS)' });
  });
});
