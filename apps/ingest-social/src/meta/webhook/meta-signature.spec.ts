import { createHmac } from 'node:crypto';
import { isSignedByMeta, signatureOf } from './meta-signature';

describe('isSignedByMeta', () => {
  const body = Buffer.from('{"object":"page","entry":[]}');
  const secret = 'app-secret';
  const meta = `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;

  it('accepts the HMAC-SHA256 of the exact bytes under the app secret', () => {
    expect(signatureOf(body, secret)).toBe(meta);
    expect(isSignedByMeta(body, meta, secret)).toBe(true);
    expect(isSignedByMeta(body, meta.toUpperCase().replace('SHA256=', 'sha256='), secret)).toBe(true);
  });

  it('refuses a missing header, another secret, other bytes, and an installation without a secret', () => {
    expect(isSignedByMeta(body, undefined, secret)).toBe(false);
    expect(isSignedByMeta(body, signatureOf(body, 'other'), secret)).toBe(false);
    expect(isSignedByMeta(Buffer.from('{"object":"page","entry":[] }'), meta, secret)).toBe(false);
    expect(isSignedByMeta(body, 'sha1=abc', secret)).toBe(false);
    expect(isSignedByMeta(body, meta, undefined)).toBe(false);
  });
});
