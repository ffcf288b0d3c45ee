import { Injectable } from '@nestjs/common';
import { CoreStore } from '../store/core-store';
import type { ComplianceRow, ReportPeriod } from './compliance-report';

/**
 * The compliance report's rows: every complaint received in [from, to), merged ones included
 * (the report counts them apart). Portable query-builder and find calls only, so it runs the
 * same on Postgres and on SQLite.
 */
@Injectable()
export class LoadComplianceRows {
  constructor(private readonly store: CoreStore) {}

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
      };
    });
  }
}
