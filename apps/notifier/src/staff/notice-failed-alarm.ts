import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Channel } from '@plaint/contracts';
import { runningDeadlines } from '@plaint/domain';
import { maskContacts } from '@plaint/observability';
import { ComplaintEntity, type NoticeEntity } from '@plaint/persistence';
import { RecordStaffNotifications } from './record-staff-notifications.use-case';
import type { StaffEvent } from './staff-event';

/**
 * notice.failed: when a customer notice has failed for good, the complaint's assignee (the queue
 * when nobody has it) is told, in the caller's transaction with the failure itself, so the
 * failure is never recorded without the alarm. One per notice, however often it is marked.
 */
@Injectable()
export class NoticeFailedAlarm {
  constructor(private readonly staff: RecordStaffNotifications) {}

  async raise(manager: EntityManager, notice: NoticeEntity, reason: string): Promise<void> {
    if (!notice.complaintId) return;
    const complaint = await manager.getRepository(ComplaintEntity).findOneBy({ id: notice.complaintId });
    if (!complaint) return;
    const [deadline] = runningDeadlines(complaint);
    const event: StaffEvent = {
      eventId: `notice-failed:${notice.id}`,
      kind: 'notice.failed',
      audience: complaint.assigneeId ? { agentIds: [complaint.assigneeId] } : { queue: true },
      complaint: {
        complaintId: complaint.id,
        reference: complaint.reference,
        customerName: complaint.fullName ?? undefined,
        channel: complaint.channel as Channel,
        state: complaint.state,
        deadline: deadline?.deadline,
        dueAt: deadline?.dueAt.toISOString(),
        assigneeId: complaint.assigneeId ?? undefined,
      },
      // A mail server's answer may quote the customer's address: staff see the reason without it.
      text: maskContacts(reason),
      actor: undefined,
      inTopic: true,
    };
    await this.staff.recordWith(manager, [event]);
  }
}
