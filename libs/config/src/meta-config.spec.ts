import { ConfigError } from './config-error';
import { DEFAULT_META_GRAPH_URL, metaConfig } from './meta-config';

describe('metaConfig', () => {
  it('leaves Meta off with the current Graph API version by default', () => {
    expect(metaConfig({})).toEqual({
      appSecret: undefined,
      verifyToken: undefined,
      graphUrl: DEFAULT_META_GRAPH_URL,
      whatsappToken: undefined,
      pageTokens: {},
      whatsappTemplates: {},
      maxMediaBytes: 25 * 1024 * 1024,
      maxWebhookBytes: 1024 * 1024,
      requestTimeoutMs: 15_000,
    });
  });

  it('reads the tokens, the page tokens and the WhatsApp templates', () => {
    const config = metaConfig({
      PLAINT_META_APP_SECRET: ' secret ',
      PLAINT_META_GRAPH_URL: 'http://127.0.0.1:9999/v24.0/',
      PLAINT_META_PAGE_TOKENS: '{"123": "page-token"}',
      PLAINT_META_WHATSAPP_TEMPLATES: '{"complaint.received": {"az": "muraciet_qebul", "en": "complaint_received"}}',
    });
    expect(config.appSecret).toBe('secret');
    expect(config.graphUrl).toBe('http://127.0.0.1:9999/v24.0');
    expect(config.pageTokens).toEqual({ '123': 'page-token' });
    expect(config.whatsappTemplates['complaint.received']).toEqual({ az: 'muraciet_qebul', en: 'complaint_received' });
  });

  it.each([
    ['PLAINT_META_PAGE_TOKENS', '["token"]'],
    ['PLAINT_META_PAGE_TOKENS', '{"123": 5}'],
    ['PLAINT_META_WHATSAPP_TEMPLATES', '{"complaint.received": "name"}'],
    ['PLAINT_META_WHATSAPP_TEMPLATES', 'not json'],
    ['PLAINT_META_GRAPH_URL', 'ftp://graph'],
    ['PLAINT_META_MAX_MEDIA_BYTES', '0'],
  ])('refuses %s=%s, naming the variable', (name, value) => {
    expect(() => metaConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => metaConfig({ [name]: value })).toThrow(name);
  });
});
