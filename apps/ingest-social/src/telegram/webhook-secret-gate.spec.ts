import type { NextFunction, Request, Response } from 'express';
import { telegramWebhookGate } from './webhook-secret-gate';

function call(secret: string | undefined, header: string | undefined): { status?: number; passed: boolean } {
  const seen: { status?: number; passed: boolean } = { passed: false };
  const res = { status: (code: number) => ((seen.status = code), { json: () => undefined }) } as unknown as Response;
  const req = { headers: header === undefined ? {} : { 'x-telegram-bot-api-secret-token': header } } as Request;
  telegramWebhookGate(secret)(req, res, (() => (seen.passed = true)) as NextFunction);
  return seen;
}

describe('telegramWebhookGate', () => {
  const secret = 'telegram-webhook-secret-0123456789';

  it('lets through only the configured secret token', () => {
    expect(call(secret, secret)).toEqual({ passed: true });
    expect(call(secret, `${secret}x`)).toEqual({ status: 401, passed: false });
    expect(call(secret, 'short')).toEqual({ status: 401, passed: false });
    expect(call(secret, undefined)).toEqual({ status: 401, passed: false });
  });

  it('has no webhook when no secret is configured (polling mode)', () => {
    expect(call(undefined, 'anything')).toEqual({ status: 404, passed: false });
  });
});
