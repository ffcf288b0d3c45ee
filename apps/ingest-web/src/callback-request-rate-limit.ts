import { Inject, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { PLAINT_CONFIG, type PlaintConfig } from '@plaint/config';
import { normalizePhone } from '@plaint/domain';
import { type Limit, RateLimiter, RateLimitGuard } from '@plaint/observability';

/** The contacts a body names, as buckets: one person keeps one bucket however they spell it. */
export function contactKeys(body: unknown): string[] {
  const fields = typeof body === 'object' && body !== null ? (body as { email?: unknown; phone?: unknown }) : {};
  const keys: string[] = [];
  if (typeof fields.email === 'string' && fields.email.trim()) keys.push(`email:${fields.email.trim().toLowerCase()}`);
  if (typeof fields.phone === 'string' && fields.phone.trim()) {
    keys.push(`phone:${normalizePhone(fields.phone) ?? fields.phone.replace(/\D/g, '')}`);
  }
  return keys;
}

/** Form posts per client address and per contact; a limited post is refused before anything is stored. */
@Injectable()
export class CallbackRequestRateLimit extends RateLimitGuard {
  constructor(limiter: RateLimiter, @Inject(PLAINT_CONFIG) private readonly config: PlaintConfig) {
    super(limiter);
  }

  protected limitsFor(request: Request): Limit[] {
    const limits = this.config.edge.rateLimits;
    return [
      { name: 'form-address', key: String(request.ip), perMinute: limits.formPerAddress },
      ...contactKeys(request.body).map((key) => ({ name: 'form-contact', key, perMinute: limits.formPerContact })),
    ];
  }
}
