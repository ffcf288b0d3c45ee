import type { NoticeEntity } from '@plaint/persistence';

/** A notice as staff read it, on a complaint's page and in a customer's data export alike. */
export function noticeView(notice: NoticeEntity) {
  return {
    id: notice.id,
    eventType: notice.eventType,
    channel: notice.channel,
    route: notice.route,
    recipient: notice.recipient,
    language: notice.language,
    text: notice.text,
    status: notice.status,
    statusReason: notice.statusReason,
    createdAt: notice.createdAt.toISOString(),
    sentAt: notice.sentAt?.toISOString() ?? null,
    receipt: notice.receipt,
    receiptAt: notice.receiptAt?.toISOString() ?? null,
  };
}
