import { JwtService } from '@nestjs/jwt';
import type { PlaintConfig } from '@plaint/config';
import { Clock } from '@plaint/domain';
import { AgentTokens } from './agent-tokens';

class MovableClock extends Clock {
  constructor(private at: number) {
    super();
  }
  now(): Date {
    return new Date(this.at);
  }
  advance(seconds: number): void {
    this.at += seconds * 1000;
  }
}

const SECRET = 'a-test-secret-of-reasonable-length';
const TTL = 900;
const AGENT = { id: '7d1f3c1e-2b4a-4c39-8e0f-5a6b7c8d9e0f', role: 'supervisor' as const };

function tokensAt(clock: Clock, secret = SECRET): AgentTokens {
  const jwt = new JwtService({ secret, signOptions: { algorithm: 'HS256' }, verifyOptions: { algorithms: ['HS256'] } });
  const config = { auth: { tokenSecret: secret, tokenTtlSeconds: TTL } } as PlaintConfig;
  return new AgentTokens(jwt, clock, config);
}

const base64url = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('agent bearer tokens on a controllable clock', () => {
  const start = Date.parse('2027-02-01T09:00:00Z');

  it('take their issue and expiry times from the clock, not the system time', async () => {
    const tokens = tokensAt(new MovableClock(start));
    const issued = await tokens.issue(AGENT);
    expect(issued.expiresIn).toBe(TTL);
    expect(await tokens.verify(issued.accessToken)).toEqual({ sub: AGENT.id, role: 'supervisor', iat: start / 1000, exp: start / 1000 + TTL });
  });

  it('work until the TTL has passed on the clock, and not from then on', async () => {
    const clock = new MovableClock(start);
    const tokens = tokensAt(clock);
    const { accessToken } = await tokens.issue(AGENT);
    clock.advance(TTL - 1);
    expect(await tokens.verify(accessToken)).not.toBeNull();
    clock.advance(1);
    expect(await tokens.verify(accessToken)).toBeNull();
    clock.advance(3600);
    expect(await tokens.verify(accessToken)).toBeNull();
  });

  it('are refused when signed with another secret', async () => {
    const clock = new MovableClock(start);
    const { accessToken } = await tokensAt(clock, 'some-other-installation-secret').issue(AGENT);
    expect(await tokensAt(clock).verify(accessToken)).toBeNull();
  });

  it('are refused unsigned (alg none) or signed with another algorithm', async () => {
    const clock = new MovableClock(start);
    const claims = { sub: AGENT.id, role: 'admin', iat: start / 1000, exp: start / 1000 + TTL };
    const unsigned = `${base64url({ alg: 'none', typ: 'JWT' })}.${base64url(claims)}.`;
    const hs512 = new JwtService({ secret: SECRET }).sign(claims, { algorithm: 'HS512' });
    expect(await tokensAt(clock).verify(unsigned)).toBeNull();
    expect(await tokensAt(clock).verify(hs512)).toBeNull();
    expect(await tokensAt(clock).verify('not a token at all')).toBeNull();
  });

  it('are refused when their claims are not ours, though signed with our secret', async () => {
    const clock = new MovableClock(start);
    const jwt = new JwtService({ secret: SECRET });
    const iat = start / 1000;
    for (const claims of [
      { sub: 'not-a-uuid', role: 'admin', iat, exp: iat + TTL },
      { sub: AGENT.id, role: 'root', iat, exp: iat + TTL },
      { sub: AGENT.id, role: 'admin', iat },
    ]) {
      expect(await tokensAt(clock).verify(jwt.sign(claims, { algorithm: 'HS256' }))).toBeNull();
    }
  });
});
