import { Inject, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { PLAINT_CONFIG, type PlaintConfig } from '@plaint/config';
import { contactBuckets } from '@plaint/contracts';
import { addressBucket, type Limit, RateLimiter, RateLimitGuard } from '@plaint/observability';

/** Form posts per client address and per contact; a limited post is refused before anything is stored. */
@Injectable()
export class CallbackRequestRateLimit extends RateLimitGuard {
  constructor(limiter: RateLimiter, @Inject(PLAINT_CONFIG) private readonly config: PlaintConfig) {
    super(limiter);
  }

  protected limitsFor(request: Request): Limit[] {
    const limits = this.config.edge.rateLimits;
    return [
      { name: 'form-address', key: addressBucket(String(request.ip)), perMinute: limits.formPerAddress },
      ...contactBuckets(request.body).map((key) => ({ name: 'form-contact', key, perMinute: limits.formPerContact })),
    ];
  }
}
