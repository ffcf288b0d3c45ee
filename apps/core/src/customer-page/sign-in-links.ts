import { Inject, Injectable, Logger } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import { PLAINT_CONFIG, type PlaintConfig } from '@plaint/config';
import { CUSTOMER_SIGN_IN_TOPIC, type Language, type NoticeRoute } from '@plaint/contracts';
import { type SignInContact, signInLinkToken, tokenHash } from '@plaint/domain';
import { CustomerSignInLinkEntity } from '@plaint/persistence';
import type { StoreSession } from '../store/core-store';

const HOUR_MS = 60 * 60 * 1000;

/** Where a link goes: the route and the contact's address on it. */
export interface LinkDestination {
  route: NoticeRoute;
  recipient: string;
  /** Asked for in a messenger: when the customer wrote there. */
  customerWroteAt?: string;
}

/**
 * Issues one-time sign-in links, in the caller's transaction: the link is recorded by its token's
 * hash only, and its notice is written to the outbox for the notifier to send to that one
 * destination. At most `linksPerContactPerHour` per contact, whoever asks.
 */
@Injectable()
export class SignInLinks {
  private readonly logger = new Logger(SignInLinks.name);

  constructor(@Inject(PLAINT_CONFIG) private readonly config: PlaintConfig) {}

  /** Whether a link was issued (not when the contact had its links for this hour). */
  async issue(store: StoreSession, contact: SignInContact, destination: LinkDestination, language: Language, now: Date): Promise<boolean> {
    const recent = await store.customerPage.countLinksSince(contact, new Date(now.getTime() - HOUR_MS));
    if (recent >= this.config.customerPage.linksPerContactPerHour) {
      this.logger.warn(`no sign-in link sent: ${recent} already this hour for one ${contact.kind} contact`);
      return false;
    }
    const id = uuidv7();
    const expiresAt = new Date(now.getTime() + this.config.customerPage.linkTtlMinutes * 60_000);
    await store.customerPage.insertLink(
      Object.assign(new CustomerSignInLinkEntity(), {
        id,
        tokenHash: tokenHash(signInLinkToken(this.config.referenceSecret, id)),
        contactKind: contact.kind,
        contact: contact.value,
        createdAt: now,
        expiresAt,
        usedAt: null,
      }),
    );
    await store.outbox.enqueue(
      [
        {
          topic: CUSTOMER_SIGN_IN_TOPIC,
          key: id,
          event: { linkId: id, ...destination, language, expiresAt: expiresAt.toISOString(), occurredAt: now.toISOString() },
        },
      ],
      now,
    );
    return true;
  }
}
