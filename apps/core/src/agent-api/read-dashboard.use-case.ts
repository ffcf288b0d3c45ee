import { Inject, Injectable } from '@nestjs/common';
import { PLAINT_CONFIG, type PlaintConfig } from '@plaint/config';
import { BusinessCalendar, Clock, QUEUE_STATES } from '@plaint/domain';
import { AuditTrail } from '../audit/audit-trail';
import type { SignedInAgent } from '../auth/current-agent.decorator';
import { CoreStore } from '../store/core-store';
import type { DashboardView } from './agent-api.responses';
import { complaintSummary } from './read-complaints.use-case';

/** The most of each list the dashboard shows; the inbox's `due=overdue` lists them all. */
const LISTED = 50;
const DAY_MS = 86_400_000;

/**
 * The supervisor's dashboard: the complaints with work in them by state, by when their earliest
 * running deadline falls (passed, today, within the week after today, later, in the company's
 * time zone), those past a deadline and those within the SLA clock's warning window of one.
 */
@Injectable()
export class ReadDashboard {
  constructor(
    private readonly store: CoreStore,
    private readonly clock: Clock,
    private readonly calendar: BusinessCalendar,
    private readonly audit: AuditTrail,
    @Inject(PLAINT_CONFIG) private readonly config: PlaintConfig,
  ) {}

  async execute(agent: SignedInAgent): Promise<DashboardView> {
    const now = this.clock.now();
    const complaints = this.store.reads().complaints;
    const endOfToday = new Date(this.calendar.endOfDay(this.calendar.localDate(now)).getTime() + 1);
    const endOfWeek = new Date(this.calendar.endOfDay(this.calendar.localDate(new Date(endOfToday.getTime() + 6 * DAY_MS + 1))).getTime() + 1);
    const warnUntil = new Date(now.getTime() + this.config.sla.warnBeforeMinutes * 60_000);
    const page = { sort: 'deadline' as const, limit: LISTED, offset: 0 };
    const [byState, [overdue = 0, today = 0, week = 0, later = 0], [breaches], [nearBreaches]] = await Promise.all([
      complaints.countByState(QUEUE_STATES),
      complaints.countByEarliestDeadline([now, endOfToday, endOfWeek]),
      complaints.search({ ...page, earliestDeadline: { to: now } }),
      complaints.search({ ...page, earliestDeadline: { from: now, to: warnUntil } }),
    ]);
    // The lists show customers' names and contacts: a staff read of personal data.
    await this.audit.record({ actorId: agent.id, action: 'complaints.listed', subject: { kind: 'complaint', id: null }, details: { list: 'dashboard', count: breaches.length + nearBreaches.length } });
    return {
      byState: Object.fromEntries(QUEUE_STATES.map((state) => [state, byState.get(state) ?? 0])),
      byDeadline: { overdue, today, week, later },
      breaches: breaches.map((row) => complaintSummary(row, now, this.calendar)),
      nearBreaches: nearBreaches.map((row) => complaintSummary(row, now, this.calendar)),
    };
  }
}
