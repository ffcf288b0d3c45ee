import { isSignInRequest, isWellFormedToken, maskedContact, signInContact, signInLinkToken, signInLinkUrl, tokenHash } from './customer-sign-in';

describe('signInContact', () => {
  it('reads an e-mail address in lower case and a phone number in E.164, however it was typed', () => {
    expect(signInContact('  Aysel.Mammadova@Example.AZ ')).toEqual({ kind: 'email', value: 'aysel.mammadova@example.az' });
    expect(signInContact('050 123 45 67')).toEqual({ kind: 'phone', value: '+994501234567' });
    expect(signInContact('+994 (50) 123-45-67')).toEqual({ kind: 'phone', value: '+994501234567' });
  });

  it('refuses what is neither', () => {
    for (const typed of ['', '   ', 'aysel', 'aysel@', '@example.az', 'a b@example.az', '12', `${'a'.repeat(320)}@example.az`]) {
      expect(signInContact(typed)).toBeNull();
    }
  });
});

describe('sign-in link tokens', () => {
  const secret = 'an installation secret of at least 32 characters';
  const linkId = '0193b0b0-6a4e-7c1d-9d2e-1f2a3b4c5d6e';

  it('are derived from the link id and the secret alone: the same for both, different for anything else', () => {
    const token = signInLinkToken(secret, linkId);
    expect(isWellFormedToken(token)).toBe(true);
    expect(signInLinkToken(secret, linkId)).toBe(token);
    expect(signInLinkToken(`${secret}!`, linkId)).not.toBe(token);
    expect(signInLinkToken(secret, linkId.replace(/e$/, 'f'))).not.toBe(token);
  });

  it('are stored as a hash that does not give the token back', () => {
    const token = signInLinkToken(secret, linkId);
    expect(tokenHash(token)).toMatch(/^[0-9a-f]{64}$/);
    expect(tokenHash(token)).not.toContain(token);
  });

  it('travel in the fragment of the page URL, which browsers never send to a server', () => {
    expect(signInLinkUrl('https://care.example.az/my-complaints.html#old', 'T'.repeat(43))).toBe(`https://care.example.az/my-complaints.html#token=${'T'.repeat(43)}`);
  });

  it('are refused unread unless shaped like one', () => {
    for (const value of ['', 'x'.repeat(42), 'x'.repeat(44), `${'x'.repeat(42)}=`, `${'x'.repeat(42)}/`]) expect(isWellFormedToken(value)).toBe(false);
  });
});

describe('maskedContact', () => {
  it('shows enough of the contact to recognise it and no more', () => {
    expect(maskedContact({ kind: 'email', value: 'aysel@example.az' })).toBe('a•••@example.az');
    expect(maskedContact({ kind: 'phone', value: '+994501234567' })).toBe('+994 •••• 67');
    expect(maskedContact({ kind: 'platform', value: 'telegram:123456' })).toBe('telegram');
  });
});

describe('isSignInRequest', () => {
  it('knows the bot commands and the deep link’s start command', () => {
    for (const text of ['/signin', ' /SignIn ', '/signin@kontakt_care_bot', '/mycomplaints', '/start signin', '/start@kontakt_care_bot signin']) {
      expect(isSignInRequest(text)).toBe(true);
    }
    for (const text of ['signin', '/start', '/start hello', '/signin now', 'please /signin', '/status']) expect(isSignInRequest(text)).toBe(false);
  });
});
