import { Inject, Injectable, Logger } from '@nestjs/common';
import { PLAINT_CONFIG, type PlaintConfig } from '@plaint/config';
import type { Language } from '@plaint/contracts';
import { Clock, type SignInContact, signInContact } from '@plaint/domain';
import { ApplicationError } from '../errors/application-error';
import { OutboxRelay } from '../outbox/outbox-relay';
import { CoreStore } from '../store/core-store';
import { type LinkDestination, SignInLinks } from './sign-in-links';

/** What the customer is told, whether we know the contact or not. */
export const LINK_REQUESTED = 'If we know this contact, a sign-in link is on its way to it.';

/** Where a link to a contact typed on the page goes: the address by e-mail, the number by SMS. */
function destinationOf(contact: SignInContact): LinkDestination | undefined {
  switch (contact.kind) {
    case 'email':
      return { route: 'email', recipient: contact.value };
    case 'phone':
      return { route: 'sms', recipient: contact.value };
    case 'platform':
      // Asked for in the messenger itself (intake/sign-in-requests.ts), never typed on the page.
      return undefined;
  }
}

/**
 * A customer asks for a link to their page by naming a contact. The answer is the same whether we
 * know it or not, and comes before anything is looked up, so neither its words nor its timing
 * tell a stranger whose contact it is. Then, when the contact identifies complaints and has not
 * had `linksPerContactPerHour` links this hour, a link is recorded (its token's hash only) and
 * its notice goes to the outbox, in one transaction; the notifier sends it to that contact once.
 */
@Injectable()
export class RequestSignInLink {
  private readonly logger = new Logger(RequestSignInLink.name);

  constructor(
    private readonly store: CoreStore,
    private readonly relay: OutboxRelay,
    private readonly links: SignInLinks,
    private readonly clock: Clock,
    @Inject(PLAINT_CONFIG) private readonly config: PlaintConfig,
  ) {}

  /** Checks the request and starts the work; resolves before the work is done. */
  execute(typed: string, language: Language | undefined): { done: Promise<void> } {
    if (!this.config.customerPage.pageUrl) {
      throw new ApplicationError('unavailable', 'unavailable', 'Sign-in links are not available here yet');
    }
    const contact = signInContact(typed);
    if (!contact) {
      const problem = 'must be an e-mail address or a phone number';
      throw new ApplicationError('invalid', 'invalid', `contact ${problem}`, [{ field: 'contact', problems: [problem] }]);
    }
    const done = this.issue(contact, language ?? this.config.policy.defaultLanguage).then(
      () => undefined,
      (error: unknown) => this.logger.error(`a sign-in link could not be issued: ${(error as Error).message}`),
    );
    return { done };
  }

  /** Records and sends a link when the contact is one of a customer's; returns whether it did. */
  async issue(contact: SignInContact, language: Language): Promise<boolean> {
    const destination = destinationOf(contact);
    if (!destination) return false;
    const issued = await this.store.transaction(async (store) => {
      const complaints = await store.customerPage.findComplaintsOf(contact);
      return complaints.length > 0 && this.links.issue(store, contact, destination, language, this.clock.now());
    });
    if (issued) this.relay.wake();
    return issued;
  }
}
