import { customerKey, identitiesOf, normalizePhone, verifiedIdentitiesOf } from './customer-identity';
import { detectLanguage } from './language';

describe('customer identities', () => {
  it('normalises phones to E.164, reading local numbers as Azerbaijani', () => {
    expect(normalizePhone('050 123 45 67')).toBe('+994501234567');
    expect(normalizePhone('+7 (912) 345-67-89')).toBe('+79123456789');
    expect(normalizePhone('12')).toBeNull();
  });

  it('lists identities strongest first and keys the customer by the strongest', () => {
    expect(identitiesOf('telegram', { email: ' Aysel@Example.AZ ', phone: '0501234567', platformId: '42' })).toEqual([
      { kind: 'email', value: 'aysel@example.az', verified: false },
      { kind: 'phone', value: '+994501234567', verified: false },
      { kind: 'platform', value: 'telegram:42', verified: true },
    ]);
    expect(customerKey('chat', { phone: '0501234567' }, 'c1')).toBe('phone:+994501234567');
    expect(customerKey('chat', {}, 'c1')).toBe('conversation:chat:c1');
  });
});

describe('which identities are verified', () => {
  it('trusts the address a mail came from, a platform id and the chat conversation, never a typed contact', () => {
    expect(verifiedIdentitiesOf('email', { email: 'Leyla@Example.az' }, { conversation: '<m1@example.az>' })).toEqual([
      { kind: 'email', value: 'leyla@example.az', verified: true },
    ]);
    expect(verifiedIdentitiesOf('chat', { email: 'leyla@example.az', phone: '0501234567' }, { conversation: 'conv-123' })).toEqual([
      { kind: 'platform', value: 'chat:conv-123', verified: true },
    ]);
    expect(verifiedIdentitiesOf('web_form', { email: 'leyla@example.az', phone: '0501234567' }, { conversation: 'form-1' })).toEqual([]);
    expect(verifiedIdentitiesOf('phone', { phone: '0501234567' }, { conversation: 'call-1' })).toEqual([]);
    // A forward names its original sender in text: kept, not proven.
    expect(identitiesOf('email', { email: 'reshad@customer.test' }, { forwardedBy: 'aysel@kontakt.az' })).toEqual([
      { kind: 'email', value: 'reshad@customer.test', verified: false },
    ]);
  });
});

describe('detectLanguage', () => {
  it('tells Azerbaijani, Russian and English apart', () => {
    expect(detectLanguage('Sifarişim gəlmədi')).toBe('az');
    expect(detectLanguage('Мой заказ не пришёл')).toBe('ru');
    expect(detectLanguage('My order was not delivered')).toBe('en');
    expect(detectLanguage('12345', 'ru')).toBe('ru');
  });
});
