import { In, IsNull, Not, type EntityManager } from 'typeorm';
import { bulkInsert, CustomerEntity, CustomerIdentityEntity, CustomerMergeEntity, queryRecords, SqlParameters } from '@plaint/persistence';

/** Customers and the identities (addresses, numbers, platform ids) they are known by. */
export class CustomerRepository {
  constructor(private readonly manager: EntityManager) {}

  /** The stored identities among these values, verified or not as asked: whose they are. */
  async findIdentities(values: readonly string[], verified: boolean): Promise<Pick<CustomerIdentityEntity, 'customerId' | 'kind' | 'value'>[]> {
    if (values.length === 0) return [];
    const parameters = new SqlParameters(this.manager);
    const rows = await queryRecords<{ customer_id: string; kind: string; value: string }>(
      this.manager,
      `SELECT customer_id, kind, value FROM customer_identities WHERE value ${parameters.anyOf([...new Set(values)])} AND ${verified ? '' : 'NOT '}verified`,
      parameters.values,
    );
    return rows.map((row) => ({ customerId: row.customer_id, kind: row.kind, value: row.value }));
  }

  /** The verified e-mail addresses of these customers. */
  findVerifiedEmailsOf(customerIds: readonly string[]): Promise<Pick<CustomerIdentityEntity, 'customerId' | 'value'>[]> {
    if (customerIds.length === 0) return Promise.resolve([]);
    return this.manager.find(CustomerIdentityEntity, {
      select: { customerId: true, value: true },
      where: { customerId: In([...new Set(customerIds)]), kind: 'email', verified: true },
    });
  }

  findByIds(ids: readonly string[]): Promise<CustomerEntity[]> {
    return this.manager.find(CustomerEntity, { where: { id: In([...ids]) } });
  }

  /** Whether the customer holds this identity, verified or not. */
  async holdsIdentity(customerId: string, kind: string, value: string): Promise<boolean> {
    return (await this.manager.findOneBy(CustomerIdentityEntity, { customerId, kind, value })) !== null;
  }

  findIdentitiesOf(customerId: string): Promise<CustomerIdentityEntity[]> {
    return this.manager.find(CustomerIdentityEntity, { where: { customerId } });
  }

  /** Identities of other customer records equal to one of this customer's, at most `take`. */
  async findSharedElsewhere(customerId: string, take: number): Promise<CustomerIdentityEntity[]> {
    const own = await this.findIdentitiesOf(customerId);
    if (own.length === 0) return [];
    return this.manager.find(CustomerIdentityEntity, {
      where: own.map((identity) => ({ kind: identity.kind, value: identity.value, customerId: Not(customerId) })),
      take,
    });
  }

  /** Moves these identities to another customer record. */
  async moveIdentities(identityIds: readonly string[], customerId: string): Promise<void> {
    if (identityIds.length === 0) return;
    await this.manager.update(CustomerIdentityEntity, { id: In([...identityIds]) }, { customerId });
  }

  async recordMerge(merge: CustomerMergeEntity): Promise<void> {
    await this.manager.insert(CustomerMergeEntity, merge);
  }

  /** A merge not undone yet. */
  findActiveMerge(id: string): Promise<CustomerMergeEntity | null> {
    return this.manager.findOneBy(CustomerMergeEntity, { id, unmergedAt: IsNull() });
  }

  async markUnmerged(merge: CustomerMergeEntity): Promise<void> {
    await this.manager.update(CustomerMergeEntity, { id: merge.id }, { unmergedBy: merge.unmergedBy, unmergedAt: merge.unmergedAt });
  }

  /** The merges a customer record took part in, oldest first. */
  findMergesOf(customerId: string): Promise<CustomerMergeEntity[]> {
    return this.manager.find(CustomerMergeEntity, { where: [{ sourceCustomerId: customerId }, { targetCustomerId: customerId }], order: { mergedAt: 'ASC' } });
  }

  async insert(customers: readonly CustomerEntity[], identities: readonly CustomerIdentityEntity[]): Promise<void> {
    await bulkInsert(this.manager, CustomerEntity, customers);
    await bulkInsert(this.manager, CustomerIdentityEntity, identities);
  }
}
