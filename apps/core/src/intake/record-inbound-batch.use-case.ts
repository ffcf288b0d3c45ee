import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { BusRecord } from '@plaint/bus';
import { PLAINT_CONFIG, type PlaintConfig } from '@plaint/config';
import type { InboundMessageV1 } from '@plaint/contracts';
import { BusinessCalendar, Clock, deriveReference, type IntakeDecision, planIntake, referenceSeed } from '@plaint/domain';
import { Metrics } from '@plaint/observability';
import type { ComplaintEntity } from '@plaint/persistence';
import { QuietMessages } from '../desk-live/quiet-messages';
import { AnswerStatusRequests } from '../status/answer-status-requests';
import { CoreStore, type StoreSession } from '../store/core-store';
import { TakeCustomerAnswers } from './customer-answers';
import { ForwardDeliveryReports } from './delivery-reports';
import { toInboxRow, toIntakeMessage } from './inbound-rows';
import { FindKnownComplaints } from './known-complaints';
import { ApplyMessageEdits, isEdit } from './message-edits';
import { TakeSharedPhones } from './shared-phones';
import { OpenComplaints, type OpenDecision } from './open-complaints';
import { AnswerSignInRequests } from './sign-in-requests';

export interface IntakeOutcome {
  received: number;
  duplicates: number;
  opened: number;
  appended: number;
  ignored: number;
}

/**
 * Turns a batch of inbound messages into complaints, exactly once: one transaction skips the
 * messages already in the inbox (dedup level 1), attaches the others to open complaints or opens
 * new ones (level 2), writes them to the inbox and the resulting events to the outbox. The bus
 * commits the batch only after it returns. Each step works on the whole batch at once.
 */
@Injectable()
export class RecordInboundBatch {
  constructor(
    private readonly store: CoreStore,
    @Inject(PLAINT_CONFIG) private readonly config: PlaintConfig,
    private readonly calendar: BusinessCalendar,
    private readonly clock: Clock,
    private readonly metrics: Metrics,
    private readonly knownComplaints: FindKnownComplaints,
    private readonly openComplaints: OpenComplaints,
    private readonly statusRequests: AnswerStatusRequests,
    private readonly customerAnswers: TakeCustomerAnswers,
    private readonly deliveryReports: ForwardDeliveryReports,
    private readonly messageEdits: ApplyMessageEdits,
    private readonly sharedPhones: TakeSharedPhones,
    private readonly signInRequests: AnswerSignInRequests,
    private readonly quietMessages: QuietMessages,
  ) {}

  async execute(records: readonly BusRecord<InboundMessageV1>[]): Promise<IntakeOutcome> {
    const quiet: ComplaintEntity[] = [];
    const outcome = await this.store.transaction((store) => this.inTransaction(store, records, quiet));
    this.metrics.duplicatesDropped.inc(outcome.duplicates);
    // Committed: the desks of this process may hear of messages no event tells them of.
    this.quietMessages.tell(quiet);
    return outcome;
  }

  private async inTransaction(store: StoreSession, records: readonly BusRecord<InboundMessageV1>[], quiet: ComplaintEntity[]): Promise<IntakeOutcome> {
    const now = this.clock.now();
    const unseen = await store.inbox.unseen(records.map((record) => ({ record, channel: record.value.channel, externalId: record.value.externalId })));
    const outcome: IntakeOutcome = { received: records.length, duplicates: records.length - unseen.length, opened: 0, appended: 0, ignored: 0 };
    // Edits change messages stored before them (earlier in this batch too): they go last.
    const edits = unseen.filter(({ record }) => isEdit(record)).map(({ record }) => record);
    const fresh = unseen.filter(({ record }) => !isEdit(record));
    if (fresh.length === 0) {
      await this.messageEdits.execute(store, edits, now);
      return outcome;
    }

    const batch = fresh.map(({ record }) => ({ record, message: toIntakeMessage(record.value) }));
    const messages = batch.map(({ message }) => message);
    const decisions = planIntake(messages, {
      ...(await this.knownComplaints.execute(store, messages)),
      newComplaintId: () => randomUUID(),
      referenceFor: (message) => deriveReference(this.config.referenceSecret, referenceSeed(message.channel, message.externalId)),
      calendar: this.calendar,
      policy: this.config.policy,
    });
    const opened = decisions.filter((d): d is OpenDecision => d.kind === 'open');
    await this.openComplaints.execute(store, opened, new Map(batch.map((item) => [item.message.id, item])), now);
    const statusRequests = decisions.filter((d): d is Extract<IntakeDecision, { kind: 'status' }> => d.kind === 'status');
    const freshRecords = batch.map(({ record }) => record);
    const answeredAbout = await this.statusRequests.execute(store, statusRequests, freshRecords, now);
    await this.signInRequests.execute(store, decisions, freshRecords, now);
    await store.inbox.store(inboxRows(freshRecords, decisions, answeredAbout, now));
    quiet.push(...(await this.customerAnswers.execute(store, decisions, freshRecords, now)));
    await this.sharedPhones.execute(store, decisions, freshRecords, now);
    await this.deliveryReports.execute(store, freshRecords, now);
    await this.messageEdits.execute(store, edits, now);
    outcome.opened = opened.length;
    outcome.appended = decisions.filter((d) => d.kind === 'append').length;
    outcome.ignored = decisions.filter((d) => d.kind === 'ignore').length;
    return outcome;
  }
}

/** The inbox rows of the batch, already attached to their complaints. */
function inboxRows(
  records: readonly BusRecord<InboundMessageV1>[],
  decisions: readonly IntakeDecision[],
  answeredAbout: ReadonlyMap<string, string | undefined>,
  now: Date,
) {
  const decisionOf = new Map(decisions.map((decision) => [decision.messageId, decision]));
  return records.map((record) => {
    const decision = decisionOf.get(record.value.id);
    const row = toInboxRow(record, now);
    if (decision?.kind === 'ignore') row.status = 'ignored';
    else if (decision?.kind === 'status') {
      row.status = 'status_query';
      row.complaintId = answeredAbout.get(decision.messageId) ?? null;
    } else if (decision?.kind === 'sign-in') row.status = 'sign_in_request';
    else if (decision) row.complaintId = decision.kind === 'open' ? decision.complaint.id : decision.complaintId;
    return row;
  });
}
