import { Injectable } from '@nestjs/common';
import { BusinessCalendar } from '@plaint/domain';
import { CoreStore } from '../store/core-store';
import type { ComplianceRow, ReportPeriod } from './compliance-report';

/**
 * The compliance report's rows: every complaint received in [from, to), merged ones included
 * (the report counts them apart). Portable query-builder and find calls only, so it runs the
 * same on Postgres and on SQLite.
 */
@Injectable()
export class LoadComplianceRows {
  constructor(
    private readonly store: CoreStore,
    private readonly calendar: BusinessCalendar,
  ) {}

  async execute(period: ReportPeriod): Promise<ComplianceRow[]> {
    const store = this.store.reads();
    const complaints = await store.complaints.findReceivedIn(period);
    const breached = await store.alerts.findBreachedReceivedIn(period);
    return complaints.map((complaint) => {
      const extension = complaint.lifecycle?.extension;
      const previousDate = extension ? new Date(extension.previousDate) : undefined;
      return {
        reference: complaint.reference,
        channel: complaint.channel,
        receivedAt: complaint.receivedAt,
        acceptBy: complaint.acceptBy,
        acceptedAt: complaint.acceptedAt,
        resolveBy: complaint.resolveBy,
        originalResolveBy: previousDate && !Number.isNaN(previousDate.getTime()) ? previousDate : complaint.resolveBy,
        resolvedAt: complaint.resolvedAt,
        extended: extension !== undefined,
        breached: breached.has(complaint.id),
        rootCause: complaint.rootCause,
        state: complaint.state,
        receivedWeek: mondayOf(this.calendar.localDate(complaint.receivedAt)),
      };
    });
  }
}

/** The Monday of the week of a local date (YYYY-MM-DD), weeks starting on Monday as in ISO 8601. */
export function mondayOf(isoDate: string): string {
  const day = new Date(`${isoDate}T00:00:00Z`);
  const sinceMonday = (day.getUTCDay() + 6) % 7;
  return new Date(day.getTime() - sinceMonday * 86_400_000).toISOString().slice(0, 10);
}
