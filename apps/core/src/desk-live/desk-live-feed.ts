import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { type BusRecord, MessageBus, type Subscription } from '@plaint/bus';
import { PLAINT_CONFIG, type PlaintConfig } from '@plaint/config';
import { AGENT_EVENTS_TOPIC, type AgentEventV1, COMPLAINT_EVENTS_TOPIC, type ComplaintEventV1 } from '@plaint/contracts';
import { Clock } from '@plaint/domain';
import { CORE_GROUP } from '../intake/inbound.handler';
import { CoreStore } from '../store/core-store';
import { changeOfAgentEvent, changeOfComplaintEvent, type DeskChange } from './desk-change';
import { DeskLiveGateway } from './desk-live.gateway';
import { QuietMessages } from './quiet-messages';

/**
 * Events older than this when the process started are history, not news: a new consumer group
 * reads its topics from the beginning, and the desks connected now must not hear of all of it.
 */
const NEWS_BEFORE_BOOT_MS = 10 * 60_000;

/**
 * Feeds the desk's live updates from the events core already writes through its outbox: the
 * customer-facing steps and the staff events. Every core process must hear every change, since
 * an agent's socket may be held by any of them: on Kafka each process reads in a consumer group
 * of its own (a new one at each start; Kafka drops a group's offsets some days after its last
 * member left), on the in-process bus the one process reads in one stable group. A hint that
 * fails is logged and dropped, never retried or dead-lettered: the desk reads the complaint
 * itself whenever it shows it.
 */
@Injectable()
export class DeskLiveFeed implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(DeskLiveFeed.name);
  private readonly subscriptions: Subscription[] = [];
  private stopQuiet: (() => void) | undefined;
  private bootedAt = 0;

  constructor(
    private readonly bus: MessageBus,
    private readonly store: CoreStore,
    private readonly gateway: DeskLiveGateway,
    private readonly clock: Clock,
    private readonly quiet: QuietMessages,
    @Inject(PLAINT_CONFIG) private readonly config: PlaintConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.bootedAt = this.clock.now().getTime();
    this.stopQuiet = this.quiet.listen((complaints) => {
      for (const complaint of complaints) this.gateway.tell(complaint, 'message');
    });
    const group = this.config.bus.kind === 'kafka' ? `${CORE_GROUP}.desk-live.${randomUUID()}` : `${CORE_GROUP}.desk-live`;
    this.subscriptions.push(
      await this.bus.subscribe(COMPLAINT_EVENTS_TOPIC, { group }, (records) => this.tell(records, changeOfComplaintEvent)),
      await this.bus.subscribe(AGENT_EVENTS_TOPIC, { group }, (records) => this.tell(records, changeOfAgentEvent)),
    );
  }

  async onModuleDestroy(): Promise<void> {
    this.stopQuiet?.();
    await Promise.all(this.subscriptions.splice(0).map((subscription) => subscription.stop()));
  }

  private async tell<T extends ComplaintEventV1 | AgentEventV1>(records: readonly BusRecord<T>[], changeOf: (event: T) => DeskChange | null): Promise<void> {
    const changes = records
      .filter((record) => Date.parse(record.value.occurredAt) >= this.bootedAt - NEWS_BEFORE_BOOT_MS)
      .flatMap((record) => changeOf(record.value) ?? []);
    if (changes.length === 0) return;
    try {
      // Read now, so every desk sees who has the complaint and where it stands after the change.
      const complaints = new Map((await this.store.reads().complaints.findByIds(changes.map((change) => change.complaintId))).map((row) => [row.id, row]));
      for (const change of changes) {
        const complaint = complaints.get(change.complaintId);
        if (complaint) this.gateway.tell(complaint, change.why);
      }
    } catch (error) {
      this.logger.warn(`desk updates for ${changes.length} change(s) dropped: ${String(error)}`);
    }
  }
}
