import { buildPayload, ContractViolation, INBOUND_TOPIC } from '@plaint/contracts';

const valid = {
  id: '01935c2e-0000-7000-8000-000000000001',
  channel: 'chat',
  externalId: 'conv-1:msg-1',
  conversation: 'conv-1',
  sender: { name: 'Aysel Məmmədova', email: 'aysel@example.az' },
  text: 'Soyuducu işləmir',
  attachments: [],
  receivedAt: '2026-11-24T10:00:00.000Z',
  automated: false,
};

describe('buildPayload', () => {
  it('accepts a well-formed inbound message and returns a class instance', () => {
    const message = buildPayload(INBOUND_TOPIC, valid);
    expect(message.sender.name).toBe('Aysel Məmmədova');
    expect(message.constructor.name).toBe('InboundMessageV1');
  });

  it('names every offending field, nested ones with their path', () => {
    const attempt = () =>
      buildPayload(INBOUND_TOPIC, { ...valid, channel: 'fax', sender: { phone: '0501234567' } });
    expect(attempt).toThrow(ContractViolation);
    try {
      attempt();
    } catch (error) {
      const problems = (error as ContractViolation).problems.join('\n');
      expect(problems).toMatch(/^channel:/m);
      expect(problems).toMatch(/^sender\.phone:/m);
    }
  });

  it('refuses unknown properties rather than dropping them silently', () => {
    expect(() => buildPayload(INBOUND_TOPIC, { ...valid, priority: 'high' })).toThrow(/priority/);
  });

  it('refuses a payload that is not an object', () => {
    expect(() => buildPayload(INBOUND_TOPIC, 'text')).toThrow(/JSON object/);
    expect(() => buildPayload(INBOUND_TOPIC, null)).toThrow(ContractViolation);
  });
});
