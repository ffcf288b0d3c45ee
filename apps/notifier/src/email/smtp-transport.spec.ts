import { retryDelayMs } from '../delivery/delivery-loop';
import { smtpFailure } from './smtp-transport';

describe('what a failed SMTP send means', () => {
  it('treats a 5xx answer as permanent, with the server words as the reason', () => {
    expect(smtpFailure({ responseCode: 550, response: '550 5.1.1 <x@y.az>: Recipient address rejected' })).toEqual({
      ok: false,
      permanent: true,
      reason: '550 5.1.1 <x@y.az>: Recipient address rejected',
    });
  });

  it('treats 4xx answers, refused connections and timeouts as temporary', () => {
    expect(smtpFailure({ responseCode: 451, response: '451 4.7.1 Greylisted' }).permanent).toBe(false);
    expect(smtpFailure({ code: 'ECONNECTION', message: 'connect ECONNREFUSED 127.0.0.1:25' })).toMatchObject({
      permanent: false,
      reason: 'connect ECONNREFUSED 127.0.0.1:25',
    });
    expect(smtpFailure(new Error('Timeout')).permanent).toBe(false);
  });

  it('retries after 1, 2, 4 … minutes, never more than 6 hours apart', () => {
    expect([1, 2, 3, 4].map(retryDelayMs)).toEqual([60_000, 120_000, 240_000, 480_000]);
    expect(retryDelayMs(20)).toBe(6 * 60 * 60 * 1000);
  });
});
