import { noticeMessageId, referenceFromMessageId } from './notice-message-id';

describe('Message-IDs of our own notices', () => {
  const id = noticeMessageId('secret', 'K7M4-Q9XD-2PTA', '0193a4b2-7c1d-7000-8000-00000000abcd', 'care.example.az');

  it('name the complaint and can be verified', () => {
    expect(id).toMatch(/^plaint\.K7M4Q9XD2PTA\.[0-9a-z]+\.[0-9a-f]{20}@care\.example\.az$/);
    expect(referenceFromMessageId('secret', id)).toBe('K7M4-Q9XD-2PTA');
    expect(referenceFromMessageId('secret', `<${id}>`)).toBe('K7M4-Q9XD-2PTA');
  });

  it('are refused when forged, altered or made with another secret', () => {
    expect(referenceFromMessageId('other-secret', id)).toBeNull();
    expect(referenceFromMessageId('secret', id.replace('K7M4Q9XD2PTA', 'K7M4Q9XD2PTB'))).toBeNull();
    expect(referenceFromMessageId('secret', 'CAF=abc123@mail.gmail.com')).toBeNull();
  });
});
