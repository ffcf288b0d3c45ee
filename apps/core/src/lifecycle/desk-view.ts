import type { Channel, DeskViewV1 } from '@plaint/contracts';
import { runningDeadlines } from '@plaint/domain';

/** How much of the customer's last message a notification to staff carries. */
const LAST_MESSAGE_CHARS = 500;

/** What a desk view is built from: a stored complaint, or one being opened. */
export interface DeskSource {
  id: string;
  reference: string;
  fullName?: string | null;
  channel: string;
  state: string;
  acceptBy: Date;
  reviewBy?: Date | null;
  reviewedAt?: Date | null;
  resolveBy: Date;
  assigneeId?: string | null;
}

/**
 * What staff may see of a complaint in a notification (DeskViewV1): the name, the channel, the
 * step and the deadline that runs first, the last message; never an e-mail address or a phone.
 */
export function deskView(complaint: DeskSource, lastMessage: string | undefined): DeskViewV1 {
  const view: DeskViewV1 = { complaintId: complaint.id, reference: complaint.reference, channel: complaint.channel as Channel, state: complaint.state };
  if (complaint.fullName) view.customerName = complaint.fullName;
  const [next] = runningDeadlines({ ...complaint, reviewBy: complaint.reviewBy ?? null }).sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime());
  if (next) {
    view.deadline = next.deadline;
    view.dueAt = next.dueAt.toISOString();
  }
  const text = lastMessage?.trim();
  if (text) view.lastMessage = text.length > LAST_MESSAGE_CHARS ? `${text.slice(0, LAST_MESSAGE_CHARS - 1)}…` : text;
  if (complaint.assigneeId) view.assigneeId = complaint.assigneeId;
  return view;
}
