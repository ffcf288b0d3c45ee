import { configWith, fixedClock, hoursAgo, notice, recordingGraph } from './notice-test-fixtures';
import { WhatsAppNoticeTransport } from './whatsapp-notice-transport';

const env = {
  PLAINT_META_WHATSAPP_TOKEN: 'wa-token',
  PLAINT_META_WHATSAPP_TEMPLATES: JSON.stringify({ 'complaint.received': { az: 'muraciet_qebul' }, '*': { en: 'complaint_update' } }),
};

describe('WhatsAppNoticeTransport', () => {
  const sent = () => recordingGraph(() => ({ messaging_product: 'whatsapp', messages: [{ id: 'wamid.OURS' }] }));

  it('sends the notice’s text within 24 hours of the customer’s last message', async () => {
    const { graph, posts } = sent();
    const transport = new WhatsAppNoticeTransport(graph, fixedClock, configWith(env));
    const outcome = await transport.send(notice({ recipient: 'PN1:994501234567', customerWroteAt: hoursAgo(23) }));
    expect(outcome).toEqual({ ok: true, messageId: 'wamid.OURS' });
    expect(posts).toEqual([
      {
        path: 'PN1/messages',
        token: 'wa-token',
        body: { messaging_product: 'whatsapp', recipient_type: 'individual', to: '994501234567', type: 'text', text: { preview_url: false, body: 'Şikayətiniz qəbul edildi.' } },
      },
    ]);
  });

  it('sends the template for the notice’s kind and language after 24 hours, with the reference as its variable', async () => {
    const { graph, posts } = sent();
    const transport = new WhatsAppNoticeTransport(graph, fixedClock, configWith(env));
    expect(await transport.send(notice({ recipient: 'PN1:994501234567', customerWroteAt: hoursAgo(25) }))).toEqual({ ok: true, messageId: 'wamid.OURS' });
    expect(posts[0]?.body).toMatchObject({
      type: 'template',
      template: { name: 'muraciet_qebul', language: { policy: 'deterministic', code: 'az' }, components: [{ type: 'body', parameters: [{ type: 'text', text: 'AB12-CD34-EF56' }] }] },
    });
    await transport.send(notice({ recipient: 'PN1:994501234567', eventType: 'complaint.accepted', language: 'en', customerWroteAt: null }));
    expect(posts[1]?.body).toMatchObject({ template: { name: 'complaint_update', language: { code: 'en' } } });
  });

  it('fails for good, saying why, when no template is configured outside the window', async () => {
    const { graph, posts } = sent();
    const transport = new WhatsAppNoticeTransport(graph, fixedClock, configWith(env));
    const outcome = await transport.send(notice({ recipient: 'PN1:994501234567', eventType: 'complaint.accepted', language: 'ru', customerWroteAt: hoursAgo(30) }));
    expect(outcome).toEqual({
      ok: false,
      permanent: true,
      reason: 'the customer last wrote more than 24 hours ago, when WhatsApp takes only an approved template, and none is configured for complaint.accepted in "ru" (PLAINT_META_WHATSAPP_TEMPLATES)',
    });
    expect(posts).toEqual([]);
  });

  it('is off without a token, and refuses an address that is not a WhatsApp conversation', async () => {
    const { graph } = sent();
    expect(new WhatsAppNoticeTransport(graph, fixedClock, configWith({})).enabled).toBe(false);
    const outcome = await new WhatsAppNoticeTransport(graph, fixedClock, configWith(env)).send(notice({ recipient: 'someone@example.az' }));
    expect(outcome).toMatchObject({ ok: false, permanent: true });
  });
});
