import { Injectable } from '@nestjs/common';
import type { ComplaintEntity, ComplaintHistoryEntity, NoticeEntity } from '@plaint/persistence';
import { CoreStore } from '../store/core-store';
import type { ReportPeriod } from './compliance-report';
import type { ComplaintTrail, TrailExtension, TrailNotice } from './compliance-complaints';

/**
 * The trails of the complaints received in [from, to), merged ones included, in three queries
 * whatever their number: the complaints, their extension and ending history lines, their notices.
 */
@Injectable()
export class LoadComplianceComplaints {
  constructor(private readonly store: CoreStore) {}

  async execute(period: ReportPeriod): Promise<ComplaintTrail[]> {
    const store = this.store.reads();
    const [complaints, history, notices] = await Promise.all([
      store.complaints.findReceivedIn(period),
      store.complaints.findReportHistoryReceivedIn(period),
      store.complaints.findReportNoticesReceivedIn(period),
    ]);
    return complaintTrails(complaints, history, notices);
  }
}

const validDate = (text: string | undefined): Date | undefined => {
  if (text === undefined) return undefined;
  const date = new Date(text);
  return Number.isNaN(date.getTime()) ? undefined : date;
};

function groupBy<T>(items: readonly T[], key: (item: T) => string | null): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const id = key(item);
    if (id === null) continue;
    const group = groups.get(id) ?? [];
    group.push(item);
    groups.set(id, group);
  }
  return groups;
}

type ReportComplaint = Pick<
  ComplaintEntity,
  'id' | 'reference' | 'channel' | 'state' | 'receivedAt' | 'acceptBy' | 'acceptedAt' | 'reviewBy' | 'reviewedAt' | 'resolveBy' | 'resolvedAt' | 'lifecycle'
>;
type ReportHistoryLine = Pick<ComplaintHistoryEntity, 'complaintId' | 'at' | 'toState' | 'step' | 'details'>;
type ReportNotice = Pick<NoticeEntity, 'complaintId' | 'eventType' | 'channel' | 'route' | 'status' | 'createdAt' | 'sentAt' | 'receipt'>;

/** Joins what the three queries read; history lines and notices come oldest first. */
export function complaintTrails(complaints: readonly ReportComplaint[], history: readonly ReportHistoryLine[], notices: readonly ReportNotice[]): ComplaintTrail[] {
  const linesOf = groupBy(history, (line) => line.complaintId);
  const noticesOf = groupBy(notices, (notice) => notice.complaintId);
  return complaints.map((complaint) => {
    const lines = linesOf.get(complaint.id) ?? [];
    const extensions = lines.flatMap((line): TrailExtension[] => {
      if (line.step !== 'complaint.extended') return [];
      const newDate = validDate(line.details?.resolveBy);
      const previousDate = validDate(line.details?.previousResolveBy);
      return newDate && previousDate ? [{ at: line.at, reason: line.details?.reason ?? '', previousDate, newDate }] : [];
    });
    const stored = complaint.lifecycle?.extension;
    // A complaint extended before its history kept the dates still shows its extension.
    if (extensions.length === 0 && stored) {
      const [at, previousDate, newDate] = [validDate(stored.at), validDate(stored.previousDate), validDate(stored.newDate)];
      if (at && previousDate && newDate) extensions.push({ at, reason: stored.reason, previousDate, newDate });
    }
    const ending = lines.filter((line) => line.toState === complaint.state).at(-1);
    return {
      reference: complaint.reference,
      channel: complaint.channel,
      state: complaint.state,
      receivedAt: complaint.receivedAt,
      acceptBy: complaint.acceptBy,
      acceptedAt: complaint.acceptedAt,
      reviewBy: complaint.reviewBy,
      reviewStartedAt: validDate(complaint.lifecycle?.reviewStartedAt) ?? null,
      reviewedAt: complaint.reviewedAt,
      resolveBy: complaint.resolveBy,
      originalResolveBy: extensions[0]?.previousDate ?? complaint.resolveBy,
      resolvedAt: complaint.resolvedAt,
      endedAt: ending?.at ?? null,
      extensions,
      notices: (noticesOf.get(complaint.id) ?? []).map(
        (notice): TrailNotice => ({
          event: notice.eventType,
          channel: notice.channel,
          route: notice.route,
          status: notice.status,
          createdAt: notice.createdAt,
          sentAt: notice.sentAt,
          receipt: notice.receipt,
        }),
      ),
    };
  });
}
