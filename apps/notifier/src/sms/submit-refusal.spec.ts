import * as smpp from 'smpp';
import { QUEUE_FULL_RETRY_MS, submitRefusal, THROTTLED_RETRY_MS } from './submit-refusal';

describe('what the gateway’s refusal of a message means for the notice', () => {
  it('retries soon when the gateway is busy', () => {
    expect(submitRefusal(smpp.ESME_RTHROTTLED)).toMatchObject({ permanent: false, retryAfterMs: THROTTLED_RETRY_MS, reason: expect.stringMatching(/throttling.*0x00000058/) });
    expect(submitRefusal(smpp.ESME_RMSGQFUL)).toMatchObject({ permanent: false, retryAfterMs: QUEUE_FULL_RETRY_MS });
  });

  it('gives up on a number the gateway refuses, saying so', () => {
    expect(submitRefusal(smpp.ESME_RINVDSTADR)).toEqual({
      ok: false,
      permanent: true,
      reason: 'the SMS gateway refused the phone number: invalid destination address (0x0000000b)',
    });
    expect(submitRefusal(smpp.ESME_RINVSRCADR)).toMatchObject({ permanent: true, reason: expect.stringMatching(/PLAINT_SMPP_SOURCE_ADDR/) });
  });

  it('retries other errors with the usual backoff', () => {
    expect(submitRefusal(smpp.ESME_RSYSERR)).toEqual({ ok: false, permanent: false, reason: 'the SMS gateway could not take the message now (0x00000008)' });
  });
});
