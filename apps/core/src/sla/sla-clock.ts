import { Inject, Injectable, Logger, type OnApplicationBootstrap, type BeforeApplicationShutdown } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { PLAINT_CONFIG, type PlaintConfig } from '@plaint/config';
import { Clock } from '@plaint/domain';
import { Metrics } from '@plaint/observability';
import { type ComplaintEntity, SlaAlertEntity } from '@plaint/persistence';
import { agentEvent, type AgentEventContent, assigneeOrQueue } from '../agent-channels/agent-events';
import { deskView } from '../lifecycle/desk-view';
import { CoreStore } from '../store/core-store';
import { ComplaintJournal } from '../lifecycle/complaint-journal';
import { PeriodicPass } from '../periodic-pass';
import { dueAlerts } from './due-alerts';

/** Complaints looked at per pass; the next pass takes the rest. */
const PAGE = 500;

/**
 * The SLA clock: on every tick, warns the assigned agent a configured time before a running
 * deadline and escalates to supervisors once it has passed. Every core instance runs it; the
 * unique key of sla_alerts lets exactly one instance raise each alert, and only that instance
 * writes the audit line.
 */
@Injectable()
export class SlaClock implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(SlaClock.name);
  private readonly passes = new PeriodicPass('SLA clock pass', this.logger);

  constructor(
    private readonly store: CoreStore,
    @Inject(PLAINT_CONFIG) private readonly config: PlaintConfig,
    private readonly clock: Clock,
    private readonly journal: ComplaintJournal,
    private readonly metrics: Metrics,
  ) {}

  onApplicationBootstrap(): void {
    this.passes.start(this.config.sla.tickMs, () => this.tick());
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.passes.stop();
  }

  /** One pass over the running deadlines; returns the alerts this instance raised. */
  async tick(): Promise<SlaAlertEntity[]> {
    const now = this.clock.now();
    const horizon = new Date(now.getTime() + this.config.sla.warnBeforeMinutes * 60_000);
    const raised: SlaAlertEntity[] = [];
    let offset = 0;
    for (;;) {
      const complaints = await this.store.reads().complaints.findDeadlinesDueBy(horizon, offset, PAGE);
      if (complaints.length === 0) break;
      raised.push(...(await this.raise(complaints, now)));
      if (complaints.length < PAGE) break;
      offset += PAGE;
    }
    return raised;
  }

  private async raise(complaints: ComplaintEntity[], now: Date): Promise<SlaAlertEntity[]> {
    const warnBeforeMs = this.config.sla.warnBeforeMinutes * 60_000;
    const candidates = complaints.flatMap((complaint) =>
      dueAlerts(complaint, now, warnBeforeMs).map((alert) =>
        Object.assign(new SlaAlertEntity(), {
          id: randomUUID(),
          complaintId: complaint.id,
          deadline: alert.deadline,
          dueAt: alert.dueAt,
          kind: alert.kind,
          audience: alert.kind === 'breach' ? 'supervisors' : 'assignee',
          agentId: complaint.assigneeId,
          createdAt: now,
          acknowledgedAt: null,
        }),
      ),
    );
    if (candidates.length === 0) return [];
    return this.store.transaction(async (store) => {
      const landed = await store.alerts.raise(candidates);
      const byId = new Map(complaints.map((c) => [c.id, c]));
      for (const alert of landed) {
        const complaint = byId.get(alert.complaintId);
        if (!complaint) continue;
        const why =
          alert.kind === 'breach'
            ? `${alert.deadline} deadline ${alert.dueAt.toISOString()} passed: escalated to supervisors`
            : `${alert.deadline} deadline ${alert.dueAt.toISOString()} is near: ${complaint.assigneeId ? `agent ${complaint.assigneeId} warned` : 'no agent assigned; the queue warned'}`;
        await this.journal.write(store, complaint, [{ actor: { kind: 'system' }, from: complaint.state, to: complaint.state, why }], now);
        await store.outbox.enqueue([agentEvent(staffAlert(complaint, alert), now, complaint.id)], now);
        this.metrics.slaAlerts.inc({ deadline: alert.deadline, kind: alert.kind });
        const log = `${complaint.reference}: ${why}`;
        if (alert.kind === 'breach') this.logger.warn(log);
        else this.logger.log(log);
      }
      return landed;
    });
  }
}

/** The alert as staff are told of it: a warning to the assignee (or the queue), a breach to the assignee and supervisors. */
function staffAlert(complaint: ComplaintEntity, alert: SlaAlertEntity): AgentEventContent {
  const due = alert.dueAt.toISOString();
  if (alert.kind === 'breach') {
    const audience = { supervisors: true, ...(complaint.assigneeId ? { agentIds: [complaint.assigneeId] } : {}) };
    return { type: 'sla.breach', audience, complaint: deskView(complaint, complaint.essence), text: `the ${alert.deadline} deadline (${due}) has passed` };
  }
  return { type: 'sla.warning', audience: assigneeOrQueue(complaint.assigneeId), complaint: deskView(complaint, complaint.essence), text: `the ${alert.deadline} deadline (${due}) is near` };
}
