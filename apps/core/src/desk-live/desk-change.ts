import type { AgentEventV1, ComplaintEventV1 } from '@plaint/contracts';

/** Why an agent's screen should read a complaint again (the `why` of `complaint.changed`). */
export type DeskChangeReason = 'new' | 'message' | 'step' | 'assigned' | 'note';

export interface DeskChange {
  complaintId: string;
  why: DeskChangeReason;
}

/**
 * What a customer-facing step means for the desk. Answers to status requests and receipts to a
 * forwarding employee change nothing an agent sees of the complaint.
 */
export function changeOfComplaintEvent(event: ComplaintEventV1): DeskChange | null {
  switch (event.type) {
    case 'complaint.received':
      return { complaintId: event.complaintId, why: 'new' };
    case 'complaint.accepted':
    case 'complaint.details-requested':
    case 'complaint.review-started':
    case 'complaint.reviewed':
    case 'complaint.extended':
    case 'complaint.resolved':
    case 'complaint.closed':
    case 'complaint.rejected':
    case 'complaint.merged':
    case 'complaint.reply':
      return { complaintId: event.complaintId, why: 'step' };
    case 'complaint.status':
    case 'complaint.status-unknown':
    case 'complaint.forward-received':
      return null;
  }
}

/**
 * What a staff event means for the desk. Deadline alerts, failed notices and answers to mail or
 * Telegram commands reach agents on their own channels; the desk shows deadlines by itself.
 */
export function changeOfAgentEvent(event: AgentEventV1): DeskChange | null {
  const complaintId = event.complaint?.complaintId;
  if (!complaintId) return null;
  switch (event.type) {
    case 'customer.message':
      return { complaintId, why: 'message' };
    case 'complaint.assigned':
      return { complaintId, why: 'assigned' };
    case 'complaint.note':
      return { complaintId, why: 'note' };
    case 'complaint.step':
      return { complaintId, why: 'step' };
    case 'sla.warning':
    case 'sla.breach':
    case 'notice.failed':
    case 'command.refused':
    case 'telegram.linked':
      return null;
  }
}
