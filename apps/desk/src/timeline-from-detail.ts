import type { ComplaintDetail, Timeline, TimelineItem } from './api-types';

/** History lines that are internal notes rather than steps (the note use case writes them so). */
const isNote = (line: ComplaintDetail['history'][number]): boolean => line.step === null && line.from === line.to && line.why.startsWith('note');

/**
 * The timeline from a complaint's detail, for a core without GET …/timeline: the same items,
 * oldest first, with no list of allowed actions (every button shows; the server says no).
 */
export function timelineFromDetail(detail: ComplaintDetail): Timeline {
  const items: TimelineItem[] = [
    ...detail.messages
      .filter((message) => message.status !== 'status_query')
      .map((m): TimelineItem => ({ kind: 'message', at: m.receivedAt, channel: m.channel, text: m.text, automated: m.automated, attachments: 0 })),
    ...detail.notices.map(
      (n): TimelineItem => ({ kind: 'notice', at: n.createdAt, eventType: n.eventType, route: n.route, status: n.status, reason: n.statusReason, receipt: n.receipt, text: n.text }),
    ),
    ...detail.history.map(
      (h): TimelineItem =>
        isNote(h)
          ? { kind: 'note', at: h.at, actor: h.actor, text: h.why.replace(/^note:\s*/, '') }
          : { kind: 'step', at: h.at, actor: h.actor, from: h.from, to: h.to, why: h.why, step: h.step },
    ),
  ].sort((a, b) => a.at.localeCompare(b.at));
  const { customer } = detail;
  const identities = [
    ...(customer.email ? [{ kind: 'email', value: customer.email, verified: false }] : []),
    ...(customer.phone ? [{ kind: 'phone', value: customer.phone, verified: false }] : []),
  ];
  return {
    complaint: detail,
    customer: { id: detail.customerId, name: customer.name, identities, otherComplaints: [] },
    items,
  };
}
