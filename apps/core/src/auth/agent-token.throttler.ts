import { Inject, Injectable, type Provider } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ThrottlerGuard, type ThrottlerModuleOptions, type ThrottlerStorage, ThrottlerStorageService } from '@nestjs/throttler';
import { addressBucket } from '@plaint/observability';

const OPTIONS = Symbol('AGENT_TOKEN_THROTTLER_OPTIONS');
const STORAGE = Symbol('AGENT_TOKEN_THROTTLER_STORAGE');

/** Sign-ins per minute for one username from one address (an IPv6 client: its /64): slows password guessing. */
export const SIGN_INS_PER_ACCOUNT_PER_MINUTE = 10;
/**
 * Sign-ins per minute from one address, whatever the username: slows guessing across accounts,
 * yet lets a call centre behind one NAT address sign its shift in.
 */
export const SIGN_INS_PER_ADDRESS_PER_MINUTE = 120;

function usernameOf(body: unknown): string {
  const username = typeof body === 'object' && body !== null ? (body as { username?: unknown }).username : undefined;
  return typeof username === 'string' ? username.trim().toLowerCase() : '';
}

const options: ThrottlerModuleOptions = {
  throttlers: [
    {
      name: 'agent-token-account',
      ttl: 60_000,
      limit: SIGN_INS_PER_ACCOUNT_PER_MINUTE,
      getTracker: (req: Record<string, unknown>) => `${addressBucket(String(req.ip))}|${usernameOf(req.body)}`,
    },
    {
      name: 'agent-token-address',
      ttl: 60_000,
      limit: SIGN_INS_PER_ADDRESS_PER_MINUTE,
      getTracker: (req: Record<string, unknown>) => addressBucket(String(req.ip)),
    },
  ],
};

/**
 * The sign-in endpoint's own throttler, with its own limits and counters, given by
 * AgentAuthModule (staff sign-in, not a customer surface: PLAINT_RATE_LIMIT_* do not apply).
 */
@Injectable()
export class AgentTokenThrottler extends ThrottlerGuard {
  constructor(@Inject(OPTIONS) options: ThrottlerModuleOptions, @Inject(STORAGE) storage: ThrottlerStorage, reflector: Reflector) {
    super(options, storage, reflector);
  }
}

export const AGENT_TOKEN_THROTTLER_PROVIDERS: Provider[] = [
  { provide: OPTIONS, useValue: options },
  { provide: STORAGE, useClass: ThrottlerStorageService },
];
