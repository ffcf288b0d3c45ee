import { deriveReference, normalizeReference, REFERENCE_PATTERN } from './reference';

describe('complaint references', () => {
  it('are 4-4-4 symbols of an alphabet without I, L, O, U', () => {
    for (let i = 0; i < 200; i += 1) {
      const reference = deriveReference('secret', `chat:${i}`);
      expect(reference).toMatch(REFERENCE_PATTERN);
      expect(reference).not.toMatch(/[ILOU]/);
    }
  });

  it('are the same for the same message and secret, so redelivery cannot change them', () => {
    expect(deriveReference('s1', 'web_form:key-1')).toBe(deriveReference('s1', 'web_form:key-1'));
  });

  it('differ between messages, secrets and attempts', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 5000; i += 1) seen.add(deriveReference('s1', `chat:${i}`));
    expect(seen.size).toBe(5000);
    expect(deriveReference('s2', 'chat:1')).not.toBe(deriveReference('s1', 'chat:1'));
    expect(deriveReference('s1', 'chat:1', 1)).not.toBe(deriveReference('s1', 'chat:1'));
  });

  it('are not sequential: neighbouring seeds share no prefix pattern', () => {
    const a = deriveReference('s1', 'chat:1000');
    const b = deriveReference('s1', 'chat:1001');
    expect(a.slice(0, 9)).not.toBe(b.slice(0, 9));
  });

  it('are read back however a person typed them', () => {
    const reference = deriveReference('s1', 'chat:7');
    expect(normalizeReference(reference.toLowerCase().replace(/-/g, ' '))).toBe(reference);
    expect(normalizeReference('0000-1111-2222'.replace(/0/g, 'o').replace(/1/g, 'l'))).toBe('0000-1111-2222');
    expect(normalizeReference('too-short')).toBeNull();
    expect(normalizeReference('UUUU-UUUU-UUUU')).toBeNull();
  });
});
