import { Inject, Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import { PLAINT_CONFIG, type PlaintConfig } from '@plaint/config';
import { Clock, isWellFormedToken, type SignInContactKind, tokenHash } from '@plaint/domain';
import { CustomerSessionEntity } from '@plaint/persistence';
import { ApplicationError } from '../errors/application-error';
import { CoreStore } from '../store/core-store';
import type { SignedInCustomer } from './customer-session.guard';

/** A session just opened: its token goes into the cookie and is never stored. */
export interface OpenedSession {
  token: string;
  customer: SignedInCustomer;
}

/**
 * Opening a sign-in link: its token for a session, once. An unknown, altered, expired or used
 * token gets one answer, which says nothing of which it was.
 */
@Injectable()
export class OpenCustomerSession {
  constructor(
    private readonly store: CoreStore,
    private readonly clock: Clock,
    @Inject(PLAINT_CONFIG) private readonly config: PlaintConfig,
  ) {}

  async execute(linkToken: string): Promise<OpenedSession> {
    if (!isWellFormedToken(linkToken)) throw linkNotValid();
    return this.store.transaction(async (store) => {
      const now = this.clock.now();
      const link = await store.customerPage.useLink(tokenHash(linkToken), now);
      if (!link) throw linkNotValid();
      const token = randomBytes(32).toString('base64url');
      const session = Object.assign(new CustomerSessionEntity(), {
        id: uuidv7(),
        tokenHash: tokenHash(token),
        linkId: link.id,
        contactKind: link.contactKind,
        contact: link.contact,
        createdAt: now,
        expiresAt: new Date(now.getTime() + this.config.customerPage.sessionTtlMinutes * 60_000),
        endedAt: null,
        endReason: null,
      });
      await store.customerPage.insertSession(session);
      return {
        token,
        customer: { sessionId: session.id, contact: { kind: link.contactKind as SignInContactKind, value: link.contact }, expiresAt: session.expiresAt },
      };
    });
  }
}

function linkNotValid(): ApplicationError {
  return new ApplicationError('unauthorized', 'link-not-valid', 'This sign-in link does not open the page any more; ask for a new one');
}
