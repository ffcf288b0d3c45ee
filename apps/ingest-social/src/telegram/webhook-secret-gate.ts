import { createHash, timingSafeEqual } from 'node:crypto';
import type { NextFunction, Request, RequestHandler, Response } from 'express';

export const TELEGRAM_WEBHOOK_PATH = '/webhooks/telegram';
export const SECRET_HEADER = 'x-telegram-bot-api-secret-token';

/**
 * Lets through only Telegram's own posts: the X-Telegram-Bot-Api-Secret-Token header must
 * equal the configured secret (compared in constant time, as digests so the length tells
 * nothing either). Runs before the body parser, so a stranger's body is never read; a wrong or
 * missing secret gets 401 and neither value is logged. Without a secret (polling mode) the
 * webhook does not exist.
 */
export function telegramWebhookGate(secret: string | undefined): RequestHandler {
  const expected = secret === undefined ? undefined : digest(secret);
  return (req: Request, res: Response, next: NextFunction) => {
    if (expected === undefined) {
      res.status(404).json({ message: 'The Telegram webhook is off (PLAINT_TELEGRAM_MODE=polling)', errors: [] });
      return;
    }
    const given = req.headers[SECRET_HEADER];
    if (typeof given !== 'string' || !timingSafeEqual(digest(given), expected)) {
      res.status(401).json({ message: 'The Telegram secret token is missing or wrong', errors: [] });
      return;
    }
    next();
  };
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}
