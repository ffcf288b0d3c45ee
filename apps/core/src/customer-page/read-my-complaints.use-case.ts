import { Injectable } from '@nestjs/common';
import { Clock, isOpenState, maskedContact, normalizeReference, type SignInContact } from '@plaint/domain';
import type { ComplaintEntity } from '@plaint/persistence';
import { ApplicationError } from '../errors/application-error';
import { statusView } from '../status/look-up-status.use-case';
import { CoreStore, type StoreSession } from '../store/core-store';
import type { SignedInCustomer } from './customer-session.guard';
import type { CustomerComplaintView, MyComplaintsView } from './customer-page.responses';

/** Beyond what the status lookup shows: the signed-in customer also reads an agent's written answers. */
const ALSO_SHOWN = ['message'];

/** What a customer can do on a complaint from their page: write to it while it is being handled. */
export function canWriteTo(complaint: Pick<ComplaintEntity, 'state'>): boolean {
  return isOpenState(complaint.state);
}

/** The complaint of this reference, when the contact identifies it; anyone else's is "not found", as an unknown one. */
export async function complaintOfContact(store: StoreSession, contact: SignInContact, referenceInput: string): Promise<ComplaintEntity> {
  const reference = normalizeReference(referenceInput);
  const complaint = reference ? (await store.customerPage.findComplaintsOf(contact)).find((c) => c.reference === reference) : undefined;
  if (!complaint) throw new ApplicationError('not-found', 'complaint-not-found', 'No complaint of yours has this reference');
  return complaint;
}

/**
 * The signed-in customer's page: every complaint their contact identifies (on whatever channel it
 * came), with its state, dates and the steps they were told of, as the status lookup shows them,
 * plus what they wrote here.
 */
@Injectable()
export class ReadMyComplaints {
  constructor(
    private readonly store: CoreStore,
    private readonly clock: Clock,
  ) {}

  async all(customer: SignedInCustomer): Promise<MyComplaintsView> {
    const store = this.store.reads();
    const complaints = await store.customerPage.findComplaintsOf(customer.contact);
    return { session: sessionView(customer), complaints: await this.views(store, complaints) };
  }

  async one(customer: SignedInCustomer, reference: string): Promise<CustomerComplaintView> {
    const store = this.store.reads();
    const [view] = await this.views(store, [await complaintOfContact(store, customer.contact, reference)]);
    if (!view) throw new Error('a complaint without a view');
    return view;
  }

  private async views(store: StoreSession, complaints: readonly ComplaintEntity[]): Promise<CustomerComplaintView[]> {
    const now = this.clock.now();
    const messages = await store.customerPage.findPageMessages(complaints.map((c) => c.id));
    const views: CustomerComplaintView[] = [];
    for (const complaint of complaints) {
      const view = statusView(complaint, await store.complaints.findCustomerSteps(complaint.id), now, ALSO_SHOWN);
      views.push({
        ...view,
        messages: messages
          .filter((message) => message.complaintId === complaint.id)
          .map((message) => ({ id: message.id, at: message.receivedAt.toISOString(), text: message.text })),
        canWrite: canWriteTo(complaint),
      });
    }
    return views;
  }
}

export function sessionView(customer: SignedInCustomer): MyComplaintsView['session'] {
  return { contact: maskedContact(customer.contact), contactKind: customer.contact.kind, expiresAt: customer.expiresAt.toISOString() };
}
