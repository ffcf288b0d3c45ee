import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { cleanName } from '@plaint/contracts';
import { type CustomerIdentity, identitiesOf } from '@plaint/domain';
import { CustomerEntity, CustomerIdentityEntity } from '@plaint/persistence';
import type { StoreSession } from '../store/core-store';

interface SenderOf {
  channel: string;
  conversation: string;
  forwardedBy?: string;
  sender: { name?: string; email?: string; phone?: string; platformId?: string };
}

const identityKey = (identity: { kind: string; value: string }) => `${identity.kind}:${identity.value}`;

/**
 * Finds the customer behind each sender and creates the ones never seen, recording the
 * identities they came with. Only what the channel vouches for (the address a mail came from, a
 * platform user id, the chat conversation) finds a known customer: a contact typed into a chat
 * or a form is kept as an unverified identity of the sender's own record, and ties them to no one.
 */
@Injectable()
export class CustomerDirectory {
  /** The customers already known by one of each sender's verified identities; creates nothing. */
  async find(store: StoreSession, senders: SenderOf[]): Promise<(string | undefined)[]> {
    const identities = senders.map((s) => identitiesOf(s.channel, s.sender, { conversation: s.conversation, forwardedBy: s.forwardedBy }));
    const known = await this.verifiedOwners(store, identities.flat());
    return identities.map((own) => ownerOf(own, known));
  }

  /** The customer of each sender, and which of them are new (they have no complaints yet). */
  async resolve(store: StoreSession, senders: SenderOf[], now: Date): Promise<{ ids: string[]; created: ReadonlySet<string> }> {
    const identities = senders.map((s) => identitiesOf(s.channel, s.sender, { conversation: s.conversation, forwardedBy: s.forwardedBy }));
    const known = await this.verifiedOwners(store, identities.flat());
    const unverified = await this.unverifiedHeld(store, identities.flat());
    const newCustomers: CustomerEntity[] = [];
    const newIdentities: CustomerIdentityEntity[] = [];
    const result = senders.map((sender, i) => {
      const own = identities[i] ?? [];
      const existing = ownerOf(own, known);
      const customerId = existing ?? randomUUID();
      if (!existing) {
        newCustomers.push(Object.assign(new CustomerEntity(), { id: customerId, fullName: sender.sender.name ? cleanName(sender.sender.name) || null : null, createdAt: now }));
      }
      for (const identity of own) {
        if (identity.verified) {
          if (known.has(identityKey(identity))) continue;
          known.set(identityKey(identity), customerId);
        } else {
          const held = `${customerId}\u0000${identityKey(identity)}`;
          if (unverified.has(held)) continue;
          unverified.add(held);
        }
        newIdentities.push(Object.assign(new CustomerIdentityEntity(), { id: randomUUID(), customerId, ...identity, createdAt: now }));
      }
      return customerId;
    });
    await store.customers.insert(newCustomers, newIdentities);
    return { ids: result, created: new Set(newCustomers.map((customer) => customer.id)) };
  }

  /** Owner of each verified identity among `identities` that is stored, by identity key. */
  private async verifiedOwners(store: StoreSession, identities: CustomerIdentity[]): Promise<Map<string, string>> {
    const values = [...new Set(identities.filter((identity) => identity.verified).map((identity) => identity.value))];
    const known = new Map<string, string>();
    if (values.length === 0) return known;
    const rows = await store.customers.findIdentities(values, true);
    for (const row of rows) known.set(identityKey(row), row.customerId);
    return known;
  }

  /** Which customers already hold which of these unverified identities ("customer\0key"). */
  private async unverifiedHeld(store: StoreSession, identities: CustomerIdentity[]): Promise<Set<string>> {
    const values = [...new Set(identities.filter((identity) => !identity.verified).map((identity) => identity.value))];
    if (values.length === 0) return new Set();
    const rows = await store.customers.findIdentities(values, false);
    return new Set(rows.map((row) => `${row.customerId}\u0000${identityKey(row)}`));
  }
}

function ownerOf(own: CustomerIdentity[], known: ReadonlyMap<string, string>): string | undefined {
  return own.filter((identity) => identity.verified).map((identity) => known.get(identityKey(identity))).find((id) => id !== undefined);
}
