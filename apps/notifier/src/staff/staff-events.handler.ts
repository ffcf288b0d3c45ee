import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { type BusRecord, OnBatch } from '@plaint/bus';
import { AGENT_EVENTS_TOPIC, type AgentEventV1, COMPLAINT_EVENTS_TOPIC, type ComplaintEventV1 } from '@plaint/contracts';
import { DeliverStaffNotifications } from './deliver-staff-notifications';
import { RecordStaffNotifications } from './record-staff-notifications.use-case';
import { fromAgentEvent, fromComplaintEvent, type StaffEvent } from './staff-event';

/** Its own consumer group: staff messages neither hold up nor replay the customers' notices. */
export const NOTIFIER_STAFF_GROUP = 'notifier-staff';

/** What staff are told: staff-only events, and customer-facing steps as the care team sees them. */
@Controller()
export class StaffEventsHandler {
  constructor(
    private readonly record: RecordStaffNotifications,
    private readonly delivery: DeliverStaffNotifications,
  ) {}

  @OnBatch(AGENT_EVENTS_TOPIC, NOTIFIER_STAFF_GROUP)
  handleAgentEvents(@Payload() records: readonly BusRecord<AgentEventV1>[]): Promise<void> {
    return this.recordAndSend(records.map((record) => fromAgentEvent(record.value)));
  }

  @OnBatch(COMPLAINT_EVENTS_TOPIC, NOTIFIER_STAFF_GROUP)
  handleComplaintEvents(@Payload() records: readonly BusRecord<ComplaintEventV1>[]): Promise<void> {
    return this.recordAndSend(records.map((record) => fromComplaintEvent(record.value)).filter((event): event is StaffEvent => event !== null));
  }

  private async recordAndSend(events: StaffEvent[]): Promise<void> {
    if (await this.record.execute(events)) this.delivery.wake();
  }
}
