import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

@Entity('customers')
export class CustomerEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column({ type: 'varchar', length: 300, nullable: true, name: 'full_name' }) fullName!: string | null;
  @Column({ type: Date, name: 'created_at' }) createdAt!: Date;
}

/**
 * One e-mail, phone or platform id of a customer. A verified one (see CustomerIdentity.verified)
 * is unique, so it points at exactly one customer; the same typed-in contact may belong to several.
 */
@Entity('customer_identities')
@Index('uq_customer_identities_verified', ['kind', 'value'], { unique: true, where: 'verified' })
@Index('ix_customer_identities_kind_value', ['kind', 'value'])
export class CustomerIdentityEntity {
  @PrimaryColumn('uuid') id!: string;
  @Index('ix_customer_identities_customer') @Column({ type: 'uuid', name: 'customer_id' }) customerId!: string;
  @Column({ type: 'varchar', length: 16 }) kind!: string;
  @Column({ type: 'varchar', length: 320 }) value!: string;
  @Column({ type: 'boolean', default: false }) verified!: boolean;
  @Column({ type: Date, name: 'created_at' }) createdAt!: Date;
}
