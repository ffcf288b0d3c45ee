import { type CanActivate, type ExecutionContext, HttpException, HttpStatus } from '@nestjs/common';
import type { Request, Response } from 'express';

const WINDOW_MS = 60_000;

/** One counter to charge: `name` says which limit (metrics, logs), `key` whose bucket. */
export interface Limit {
  name: string;
  key: string;
  perMinute: number;
}

/** Raised when a request would go over one of its limits; nothing of it was done. */
export class RateLimited extends Error {
  constructor(
    readonly limit: string,
    readonly retryAfterSeconds: number,
  ) {
    super(`rate limit ${limit} reached; retry in ${retryAfterSeconds} s`);
  }
}

interface Window {
  startedAt: number;
  count: number;
}

/**
 * The one limiter of the public surfaces (form, chat, status lookup): a one-minute window per
 * limit and key, opened by the key's first request. In-process: each instance counts its own
 * requests, so with N instances behind a balancer a client gets up to N times the limit.
 */
export class RateLimiter {
  private readonly windows = new Map<string, Window>();
  private sweptAt: number;

  constructor(
    private readonly now: () => number = Date.now,
    private readonly onRejected: (limit: string) => void = () => undefined,
  ) {
    this.sweptAt = now();
  }

  /**
   * Charges one request to every limit, or to none: when any is spent, throws RateLimited with
   * the longest wait, and a rejected request costs nothing (a flood that stops is let in again).
   */
  take(limits: readonly Limit[]): void {
    const now = this.now();
    this.sweep(now);
    let spent: RateLimited | undefined;
    const windows = limits.map((limit) => {
      const id = `${limit.name}\u0000${limit.key}`;
      let window = this.windows.get(id);
      if (!window || now - window.startedAt >= WINDOW_MS) {
        window = { startedAt: now, count: 0 };
        this.windows.set(id, window);
      }
      if (window.count >= limit.perMinute) {
        const retryAfter = Math.max(1, Math.ceil((window.startedAt + WINDOW_MS - now) / 1000));
        if (!spent || retryAfter > spent.retryAfterSeconds) spent = new RateLimited(limit.name, retryAfter);
      }
      return window;
    });
    if (spent) {
      this.onRejected(spent.limit);
      throw spent;
    }
    for (const window of windows) window.count += 1;
  }

  /** Drops finished windows once a minute, so the map holds only the last minute's clients. */
  private sweep(now: number): void {
    if (now - this.sweptAt < WINDOW_MS) return;
    this.sweptAt = now;
    for (const [id, window] of this.windows) if (now - window.startedAt >= WINDOW_MS) this.windows.delete(id);
  }
}

/** The answer to a limited HTTP request: 429, Retry-After, the app's JSON error shape. */
export function tooManyRequests(response: Response, error: RateLimited): HttpException {
  response.setHeader('Retry-After', String(error.retryAfterSeconds));
  return new HttpException(
    { message: 'Too many requests; please try again later', code: 'rate_limited', retryAfterSeconds: error.retryAfterSeconds },
    HttpStatus.TOO_MANY_REQUESTS,
  );
}

/** A guard that charges the limits a route names for the request before its handler runs. */
export abstract class RateLimitGuard implements CanActivate {
  constructor(protected readonly limiter: RateLimiter) {}

  protected abstract limitsFor(request: Request): Limit[];

  canActivate(context: ExecutionContext): boolean {
    const http = context.switchToHttp();
    try {
      this.limiter.take(this.limitsFor(http.getRequest<Request>()));
    } catch (error) {
      if (error instanceof RateLimited) throw tooManyRequests(http.getResponse<Response>(), error);
      throw error;
    }
    return true;
  }
}
