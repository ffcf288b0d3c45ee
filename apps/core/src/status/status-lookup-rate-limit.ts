import { Inject, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { PLAINT_CONFIG, type PlaintConfig } from '@plaint/config';
import { addressBucket, type Limit, RateLimiter, RateLimitGuard } from '@plaint/observability';

/** Status lookups per client address: slows guessing references against a known contact. */
@Injectable()
export class StatusLookupRateLimit extends RateLimitGuard {
  constructor(limiter: RateLimiter, @Inject(PLAINT_CONFIG) private readonly config: PlaintConfig) {
    super(limiter);
  }

  protected limitsFor(request: Request): Limit[] {
    return [{ name: 'status-address', key: addressBucket(String(request.ip)), perMinute: this.config.statusLookupsPerMinute }];
  }
}
