import { Injectable } from '@nestjs/common';
import { Clock } from '@plaint/domain';
import { CoreStore } from '../store/core-store';
import type { SignedInCustomer } from './customer-session.guard';

/** Signing out: the session ends on the server, so its cookie opens nothing even if it was copied. */
@Injectable()
export class EndCustomerSession {
  constructor(
    private readonly store: CoreStore,
    private readonly clock: Clock,
  ) {}

  async execute(customer: SignedInCustomer): Promise<void> {
    await this.store.reads().customerPage.endSession(customer.sessionId, 'signed-out', this.clock.now());
  }
}
