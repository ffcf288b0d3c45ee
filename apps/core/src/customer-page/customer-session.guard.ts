import { type CanActivate, createParamDecorator, type ExecutionContext, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { Clock, isWellFormedToken, type SignInContact, type SignInContactKind, tokenHash } from '@plaint/domain';
import { ApplicationError } from '../errors/application-error';
import { CoreStore } from '../store/core-store';
import { sessionTokenOf } from './customer-session-cookie';

/** A signed-in customer, as the customer API's routes see them. */
export interface SignedInCustomer {
  sessionId: string;
  contact: SignInContact;
  expiresAt: Date;
}

interface CustomerRequest extends Request {
  customer?: SignedInCustomer;
}

/** What every customer route without a live session answers; the page then offers a new link. */
export function signInRequired(): ApplicationError {
  return new ApplicationError('unauthorized', 'sign-in-required', 'Your session has ended; ask for a new sign-in link');
}

/**
 * The customer API's door: a session cookie whose token names a session that has neither ended
 * (signed out, erased) nor expired. Puts the customer on the request for @CurrentCustomer().
 */
@Injectable()
export class CustomerSessionGuard implements CanActivate {
  constructor(
    private readonly store: CoreStore,
    private readonly clock: Clock,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<CustomerRequest>();
    const token = sessionTokenOf(request);
    if (!token || !isWellFormedToken(token)) throw signInRequired();
    const session = await this.store.reads().customerPage.findLiveSession(tokenHash(token), this.clock.now());
    if (!session) throw signInRequired();
    request.customer = {
      sessionId: session.id,
      contact: { kind: session.contactKind as SignInContactKind, value: session.contact },
      expiresAt: session.expiresAt,
    };
    return true;
  }
}

/** The signed-in customer of a route behind CustomerSessionGuard. */
export const CurrentCustomer = createParamDecorator((_data: unknown, context: ExecutionContext): SignedInCustomer => {
  const customer = context.switchToHttp().getRequest<CustomerRequest>().customer;
  // A route that asks for the customer without the guard is a programming error, not a 401.
  if (!customer) throw new Error('@CurrentCustomer() used on a route without CustomerSessionGuard');
  return customer;
});

/** The signed-in customer of a request the guard let through, for the rate limits. */
export function customerOf(request: Request): SignedInCustomer | undefined {
  return (request as CustomerRequest).customer;
}
