import { type ArgumentsHost, BadRequestException, Logger, UnauthorizedException } from '@nestjs/common';
import { BusinessCalendar } from '@plaint/domain';
import { AgentApiRefused } from '../agent-api/agent-api.errors';
import { AgentError } from '../auth/agent-error';
import { LifecycleRefused } from '../lifecycle/lifecycle-refused';
import { ServiceUnavailable } from './application-error';
import { CoreErrorFilter, INTERNAL_ERROR_MESSAGE } from './core-error.filter';

/** What the filter answered: the status and the JSON body. */
function answer(error: unknown): { status: number; body: unknown } {
  const sent = { status: 0, body: undefined as unknown };
  const response = {
    status(code: number) {
      sent.status = code;
      return response;
    },
    json(body: unknown) {
      sent.body = body;
    },
  };
  const host = { switchToHttp: () => ({ getResponse: () => response }) } as unknown as ArgumentsHost;
  new CoreErrorFilter().catch(error, host);
  return sent;
}

const baku = new BusinessCalendar({ timeZone: 'Asia/Baku', weekendDays: [6, 7] });

describe('CoreErrorFilter', () => {
  let logged: jest.SpyInstance;
  beforeEach(() => {
    logged = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
  });
  afterEach(() => logged.mockRestore());

  it('answers a bug 500 in the common shape, and logs it with its stack first', () => {
    const bug = new TypeError("Cannot read properties of undefined (reading 'id')");
    expect(answer(bug)).toEqual({ status: 500, body: { statusCode: 500, code: 'internal', message: INTERNAL_ERROR_MESSAGE } });
    expect(logged).toHaveBeenCalledWith(expect.stringContaining("TypeError: Cannot read properties of undefined (reading 'id')"));
  });

  it('answers an outage 503 with the user’s message and logs what failed underneath', () => {
    const outage = new ServiceUnavailable('The complaint could not be recorded now; please try again', 'broker down');
    expect(answer(outage)).toEqual({
      status: 503,
      body: { statusCode: 503, code: 'unavailable', message: 'The complaint could not be recorded now; please try again' },
    });
    expect(logged).toHaveBeenCalledWith(expect.stringContaining('broker down'));
  });

  it('gives every refusal the same shape, with a code and the fields when there are any', () => {
    expect(answer(new AgentApiRefused('forbidden', 'This alert is not yours'))).toEqual({
      status: 403,
      body: { statusCode: 403, code: 'forbidden', message: 'This alert is not yours' },
    });
    expect(answer(new AgentError({ code: 'invalid', fields: [{ field: 'password', problems: ['too short'] }] }))).toEqual({
      status: 400,
      body: { statusCode: 400, code: 'invalid', message: 'Some fields are not valid', errors: [{ field: 'password', problems: ['too short'] }] },
    });
    expect(answer(new BadRequestException({ message: 'Some fields are not valid', errors: [{ field: 'reason', problems: ['required'] }] }))).toEqual({
      status: 400,
      body: { statusCode: 400, code: 'invalid', message: 'Some fields are not valid', errors: [{ field: 'reason', problems: ['required'] }] },
    });
    expect(answer(new UnauthorizedException('Sign in first'))).toEqual({ status: 401, body: { statusCode: 401, code: 'unauthorized', message: 'Sign in first' } });
    expect(logged).not.toHaveBeenCalled();
  });
});

describe('LifecycleRefused', () => {
  it('names the refused step in the agent’s words, not the command’s name', () => {
    const refused = new LifecycleRefused({ code: 'invalid-transition', command: 'startReview', state: 'waiting_for_customer' }, baku);
    expect(refused.message).toBe('The complaint is waiting for the customer, so it cannot be taken into review now');
    expect(refused.message).not.toMatch(/startReview|waiting_for_customer/);
  });

  it('shows a deadline as the company’s local day, not a UTC instant', () => {
    // The end of 10 December in Baku is still 10 December there, though 19:59 UTC.
    const resolveBy = new Date('2026-12-10T19:59:59.999Z');
    const late = new LifecycleRefused({ code: 'deadline-passed', resolveBy }, baku);
    expect(answer(late)).toEqual({
      status: 409,
      body: { statusCode: 409, code: 'deadline-passed', message: 'The resolution deadline (2026-12-10) has passed; an extension must come before it' },
    });
    const early = new LifecycleRefused({ code: 'date-not-after-deadline', resolveBy: new Date('2026-12-10T20:30:00.000Z'), requested: resolveBy }, baku);
    // Half past midnight on 11 December in Baku.
    expect(early.message).toBe('The new date must be after the current deadline, 2026-12-11');
    const saturday = new LifecycleRefused({ code: 'date-not-business-day', requested: new Date('2026-12-12T19:59:59.999Z') }, baku);
    expect(answer(saturday)).toEqual({ status: 422, body: { statusCode: 422, code: 'date-not-business-day', message: '2026-12-12 is not a business day; choose a working day' } });
  });
});
