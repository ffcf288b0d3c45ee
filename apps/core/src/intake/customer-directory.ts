import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { In, type EntityManager } from 'typeorm';
import { cleanName } from '@plaint/contracts';
import { type CustomerIdentity, identitiesOf } from '@plaint/domain';
import { bulkInsert, CustomerEntity, CustomerIdentityEntity } from '@plaint/persistence';

interface SenderOf {
  channel: string;
  sender: { name?: string; email?: string; phone?: string; platformId?: string };
}

const identityKey = (identity: CustomerIdentity) => `${identity.kind}:${identity.value}`;

/**
 * Finds the customer behind each sender by any identity already known (e-mail, phone, platform
 * id) and creates the ones never seen, recording the identities they came with.
 */
@Injectable()
export class CustomerDirectory {
  /** The customers already known by one of each sender's identities; creates nothing. */
  async find(manager: EntityManager, senders: SenderOf[]): Promise<(string | undefined)[]> {
    const identities = senders.map((s) => identitiesOf(s.channel, s.sender));
    const values = [...new Set(identities.flat().map((identity) => identity.value))];
    if (values.length === 0) return senders.map(() => undefined);
    const rows = await manager.find(CustomerIdentityEntity, { where: { value: In(values) } });
    const known = new Map(rows.map((row) => [`${row.kind}:${row.value}`, row.customerId]));
    return identities.map((own) => own.map((identity) => known.get(identityKey(identity))).find((id) => id !== undefined));
  }

  /** The customer of each sender, and which of them are new (they have no complaints yet). */
  async resolve(manager: EntityManager, senders: SenderOf[], now: Date): Promise<{ ids: string[]; created: ReadonlySet<string> }> {
    const identities = senders.map((s) => identitiesOf(s.channel, s.sender));
    const values = [...new Set(identities.flat().map((identity) => identity.value))];
    const known = new Map<string, string>();
    if (values.length > 0) {
      const rows = await manager.find(CustomerIdentityEntity, { where: { value: In(values) } });
      for (const row of rows) known.set(`${row.kind}:${row.value}`, row.customerId);
    }
    const newCustomers: CustomerEntity[] = [];
    const newIdentities: CustomerIdentityEntity[] = [];
    const result = senders.map((sender, i) => {
      const own = identities[i] ?? [];
      const existing = own.map((identity) => known.get(identityKey(identity))).find((id) => id !== undefined);
      const customerId = existing ?? randomUUID();
      if (!existing) {
        newCustomers.push(Object.assign(new CustomerEntity(), { id: customerId, fullName: sender.sender.name ? cleanName(sender.sender.name) || null : null, createdAt: now }));
      }
      for (const identity of own) {
        if (known.has(identityKey(identity))) continue;
        known.set(identityKey(identity), customerId);
        newIdentities.push(Object.assign(new CustomerIdentityEntity(), { id: randomUUID(), customerId, ...identity, createdAt: now }));
      }
      return customerId;
    });
    await bulkInsert(manager, CustomerEntity, newCustomers);
    await bulkInsert(manager, CustomerIdentityEntity, newIdentities);
    return { ids: result, created: new Set(newCustomers.map((customer) => customer.id)) };
  }
}
