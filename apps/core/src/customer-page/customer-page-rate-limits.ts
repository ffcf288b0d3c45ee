import { Inject, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { PLAINT_CONFIG, type PlaintConfig } from '@plaint/config';
import { cleanText } from '@plaint/contracts';
import { contactKey, signInContact } from '@plaint/domain';
import { addressBucket, type Limit, RateLimiter, RateLimitGuard } from '@plaint/observability';
import { customerOf } from './customer-session.guard';

/**
 * Sign-in link requests per client address and per contact, and link exchanges per address. A
 * contact is counted whether we know it or not, so a 429 tells nothing about it; it is counted
 * as it is stored (lower-case address, E.164 number), however it was typed.
 */
@Injectable()
export class SignInRateLimit extends RateLimitGuard {
  constructor(limiter: RateLimiter, @Inject(PLAINT_CONFIG) private readonly config: PlaintConfig) {
    super(limiter);
  }

  protected limitsFor(request: Request): Limit[] {
    const limits = this.config.edge.rateLimits;
    const body = request.body as { contact?: unknown } | undefined;
    const typed = typeof body?.contact === 'string' ? cleanText(body.contact) : '';
    const contact = signInContact(typed);
    return [
      { name: 'sign-in-address', key: addressBucket(String(request.ip)), perMinute: limits.signInPerAddress },
      ...(contact ? [{ name: 'sign-in-contact', key: contactKey(contact), perMinute: limits.signInPerContact }] : []),
    ];
  }
}

/** Messages a signed-in customer writes on their page, per session (after CustomerSessionGuard). */
@Injectable()
export class CustomerMessageRateLimit extends RateLimitGuard {
  constructor(limiter: RateLimiter, @Inject(PLAINT_CONFIG) private readonly config: PlaintConfig) {
    super(limiter);
  }

  protected limitsFor(request: Request): Limit[] {
    const customer = customerOf(request);
    const perMinute = this.config.edge.rateLimits.customerMessagesPerSession;
    return [{ name: 'customer-message-session', key: customer?.sessionId ?? addressBucket(String(request.ip)), perMinute }];
  }
}
