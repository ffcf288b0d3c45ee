import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { normalizeEmail, normalizePhone, normalizeReference } from '@plaint/domain';
import { ComplaintEntity, CustomerIdentityEntity, NoticeEntity } from '@plaint/persistence';

export interface ComplaintStatusView {
  reference: string;
  status: string;
  channel: string;
  receivedAt: string;
  acceptBy: string;
  history: { at: string; step: string }[];
}

/**
 * The customer's status lookup. It answers only when the reference and the contact belong to
 * the same complaint, and answers "not found" the same way whether the reference is unknown or
 * the contact does not match, so a lookup tells a stranger nothing.
 */
@Injectable()
export class LookUpStatus {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async execute(referenceInput: string, contactInput: string): Promise<ComplaintStatusView | null> {
    const reference = normalizeReference(referenceInput);
    if (!reference) return null;
    const complaint = await this.dataSource.getRepository(ComplaintEntity).findOneBy({ reference });
    if (!complaint || !(await this.contactMatches(complaint, contactInput))) return null;
    const notices = await this.dataSource
      .getRepository(NoticeEntity)
      .find({ where: { complaintId: complaint.id }, order: { createdAt: 'ASC' } });
    return {
      reference: complaint.reference,
      status: complaint.state,
      channel: complaint.channel,
      receivedAt: complaint.receivedAt.toISOString(),
      acceptBy: complaint.acceptBy.toISOString(),
      history: [
        { at: complaint.receivedAt.toISOString(), step: 'received' },
        ...notices.map((notice) => ({ at: notice.createdAt.toISOString(), step: `notice:${notice.eventType}` })),
      ],
    };
  }

  private async contactMatches(complaint: ComplaintEntity, contactInput: string): Promise<boolean> {
    const contact = contactInput.trim();
    if (!contact) return false;
    const candidates = contact.includes('@')
      ? [{ kind: 'email', value: normalizeEmail(contact) }]
      : [{ kind: 'phone', value: normalizePhone(contact) ?? '' }];
    const candidate = candidates[0];
    if (!candidate?.value) return false;
    if (candidate.kind === 'email' && complaint.email && normalizeEmail(complaint.email) === candidate.value) return true;
    if (candidate.kind === 'phone' && complaint.phone && normalizePhone(complaint.phone) === candidate.value) return true;
    // Any identity linked to the complaint's customer counts as theirs.
    const identity = await this.dataSource
      .getRepository(CustomerIdentityEntity)
      .findOneBy({ customerId: complaint.customerId, kind: candidate.kind, value: candidate.value });
    return identity !== null;
  }
}
