import { normalizeEmail, normalizePhone, type SignInContact, type SignInContactKind } from '@plaint/domain';
import type { ComplaintEntity, CustomerIdentityEntity } from '@plaint/persistence';

const KINDS: readonly string[] = ['email', 'phone', 'platform'] satisfies SignInContactKind[];

/**
 * Every contact someone could be signed in to the page with as this customer: their identities,
 * and the addresses and numbers their complaints' notices go to. An erasure ends them all.
 */
export function signInContactsOf(
  identities: readonly Pick<CustomerIdentityEntity, 'kind' | 'value'>[],
  complaints: readonly Pick<ComplaintEntity, 'email' | 'phone'>[],
): SignInContact[] {
  const found = new Map<string, SignInContact>();
  const add = (contact: SignInContact) => found.set(`${contact.kind}:${contact.value}`, contact);
  for (const identity of identities) if (KINDS.includes(identity.kind)) add({ kind: identity.kind as SignInContactKind, value: identity.value });
  for (const complaint of complaints) {
    if (complaint.email) add({ kind: 'email', value: normalizeEmail(complaint.email) });
    const phone = complaint.phone ? normalizePhone(complaint.phone) : null;
    if (phone) add({ kind: 'phone', value: phone });
  }
  return [...found.values()];
}
