import { buildPayload, ContractViolation, INBOUND_TOPIC, isE164Phone, toE164Phone } from '@plaint/contracts';

const inbound = (phone: string) => ({
  id: 'm-1',
  channel: 'web_form',
  externalId: 'form:1',
  conversation: 'form:1',
  sender: { name: 'Aysel', phone },
  text: 'hello',
  attachments: [],
  receivedAt: '2026-12-07T08:00:00.000Z',
  automated: false,
});

describe('the phone rule', () => {
  it('reads local numbers as Azerbaijani and keeps international ones', () => {
    expect(toE164Phone('050 123 45 67')).toBe('+994501234567');
    expect(toE164Phone('+7 (912) 345-67-89')).toBe('+79123456789');
  });

  it('refuses lengths the country cannot have and numbers longer than E.164 carries', () => {
    expect(toE164Phone('12')).toBeNull();
    expect(toE164Phone('+994 50 123')).toBeNull();
    // Possible for Germany by length alone, but 6 digits is no E.164 number…
    expect(toE164Phone('+49 1234')).toBeNull();
    // …and neither are 17 digits.
    expect(toE164Phone('+49 1234 5678901234')).toBeNull();
  });

  it('is what the bus contract checks, so whatever an edge accepts the contract accepts', () => {
    for (const typed of ['050 123 45 67', '+7 912 345 67 89', '+49 30 1234567', '+1 212 555 0100', '+49 1234', '+49 1234 5678901234', '0501234567890']) {
      const phone = toE164Phone(typed);
      if (phone === null) continue;
      expect(isE164Phone(phone)).toBe(true);
      expect(() => buildPayload(INBOUND_TOPIC, inbound(phone))).not.toThrow();
    }
    expect(() => buildPayload(INBOUND_TOPIC, inbound('+491234'))).toThrow(ContractViolation);
    expect(() => buildPayload(INBOUND_TOPIC, inbound('+4912345678901234'))).toThrow(/sender\.phone/);
    expect(() => buildPayload(INBOUND_TOPIC, inbound('+9941234'))).toThrow(ContractViolation);
  });
});
