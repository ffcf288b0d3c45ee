import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { And, DataSource, LessThan, MoreThanOrEqual } from 'typeorm';
import { ComplaintEntity, SlaAlertEntity } from '@plaint/persistence';
import type { ComplianceRow, ReportPeriod } from './compliance-report';

/**
 * The compliance report's rows: every complaint received in [from, to), merged ones included
 * (the report counts them apart). Portable query-builder and find calls only, so it runs the
 * same on Postgres and on SQLite.
 */
@Injectable()
export class LoadComplianceRows {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async execute(period: ReportPeriod): Promise<ComplianceRow[]> {
    const complaints = await this.dataSource.getRepository(ComplaintEntity).find({
      select: {
        id: true,
        reference: true,
        channel: true,
        state: true,
        receivedAt: true,
        acceptBy: true,
        acceptedAt: true,
        resolveBy: true,
        resolvedAt: true,
        rootCause: true,
        lifecycle: true,
      },
      where: { receivedAt: And(MoreThanOrEqual(period.from), LessThan(period.to)) },
      order: { receivedAt: 'ASC', reference: 'ASC' },
    });
    const breached = await this.breachedComplaints(period);
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

  /**
   * Ids of the period's complaints with a breach alert. A join on the same period rather than
   * `complaintId IN (…)`: a year's complaints would overrun the databases' parameter limits.
   */
  private async breachedComplaints(period: ReportPeriod): Promise<Set<string>> {
    const rows = await this.dataSource
      .getRepository(SlaAlertEntity)
      .createQueryBuilder('alert')
      .innerJoin(ComplaintEntity, 'complaint', 'complaint.id = alert.complaintId')
      .select('alert.complaintId', 'complaintId')
      .distinct(true)
      .where('alert.kind = :kind', { kind: 'breach' })
      .andWhere('complaint.receivedAt >= :from', { from: period.from })
      .andWhere('complaint.receivedAt < :to', { to: period.to })
      .getRawMany<{ complaintId: string }>();
    return new Set(rows.map((row) => row.complaintId));
  }
}
