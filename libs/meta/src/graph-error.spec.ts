import { DEFAULT_RATE_LIMIT_WAIT_MS, graphErrorOf } from './graph-error';

const meta = (code: number, subcode?: number) => ({ error: { message: 'Meta says no', type: 'OAuthException', code, ...(subcode && { error_subcode: subcode }) } });

describe('GraphError', () => {
  it('waits as long as Meta says after a 429, and a minute when it does not say', () => {
    expect(graphErrorOf(429, meta(4), '7')).toMatchObject({ temporary: true, retryAfterMs: 7000 });
    expect(graphErrorOf(400, meta(130429), null)).toMatchObject({ temporary: true, retryAfterMs: DEFAULT_RATE_LIMIT_WAIT_MS });
  });

  it('gives up at once on a closed window, an unreachable person or a bad request', () => {
    for (const error of [graphErrorOf(400, meta(131047), null), graphErrorOf(400, meta(10, 2018278), null), graphErrorOf(400, meta(551), null), graphErrorOf(400, meta(100), null)]) {
      expect(error.temporary).toBe(false);
      expect(error.retryAfterMs).toBeUndefined();
    }
  });

  it('tries again after a server error, an unknown answer, or a refused token (the operator’s to fix)', () => {
    expect(graphErrorOf(503, undefined, null).temporary).toBe(true);
    expect(graphErrorOf(500, meta(2), null).temporary).toBe(true);
    expect(graphErrorOf(401, meta(190), null).temporary).toBe(true);
  });

  it('gives Meta’s words and code as the reason', () => {
    expect(graphErrorOf(400, meta(10, 2018278), null).reason).toBe('Meta says no (code 10/2018278)');
    expect(graphErrorOf(502, 'Bad gateway', null).reason).toBe('the Graph API answered HTTP 502');
  });
});
