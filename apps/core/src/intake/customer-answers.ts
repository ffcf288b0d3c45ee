import { Inject, Injectable } from '@nestjs/common';
import { PLAINT_CONFIG, type PlaintConfig } from '@plaint/config';
import type { BusRecord } from '@plaint/bus';
import { CORRELATION_HEADER, type InboundMessageV1 } from '@plaint/contracts';
import { detailsFromAnswer, type IntakeDecision, OPEN_STATES, type RequiredDetail } from '@plaint/domain';
import type { ComplaintEntity } from '@plaint/persistence';
import { customerMessageNews, quietMessages } from '../agent-channels/customer-message-news';
import { ChangeComplaint } from '../lifecycle/change-complaint.use-case';
import type { StoreSession } from '../store/core-store';
import { CustomerDirectory } from './customer-directory';

/**
 * A customer's message to a complaint that lacks required details, or that waits for them, is
 * their answer: it fills in what was missing (and, while waiting, restarts the clock), in the
 * batch's transaction. Every message that joined an open complaint is also news for staff, sent
 * from the same read of the complaints.
 */
@Injectable()
export class TakeCustomerAnswers {
  constructor(
    private readonly customers: CustomerDirectory,
    private readonly changes: ChangeComplaint,
    @Inject(PLAINT_CONFIG) private readonly config: PlaintConfig,
  ) {}

  /** Answers the unassigned complaints that got a message with no staff event (for the desk's live hint). */
  async execute(
    store: StoreSession,
    decisions: readonly IntakeDecision[],
    records: readonly BusRecord<InboundMessageV1>[],
    now: Date,
  ): Promise<ComplaintEntity[]> {
    const appended = decisions.filter((d): d is Extract<IntakeDecision, { kind: 'append' }> => d.kind === 'append');
    if (appended.length === 0) return [];
    const open = await store.complaints.findByIds(
      appended.map((d) => d.complaintId),
      OPEN_STATES,
    );
    const recordOf = new Map(records.map((r) => [r.value.id, r]));
    await this.takeAnswers(store, appended, open, recordOf, now);
    // After the answers: the staff view shows the state they led to.
    const complaints = new Map(open.map((row) => [row.id, row]));
    const staffGroup = this.config.staff.telegramGroupId !== undefined;
    await store.outbox.enqueue(customerMessageNews(appended, complaints, recordOf, now, staffGroup), now);
    return quietMessages(appended, complaints, recordOf, staffGroup);
  }

  private async takeAnswers(
    store: StoreSession,
    appended: readonly Extract<IntakeDecision, { kind: 'append' }>[],
    open: readonly ComplaintEntity[],
    recordOf: ReadonlyMap<string, BusRecord<InboundMessageV1>>,
    now: Date,
  ): Promise<void> {
    const candidates = open.filter((row) => row.state === 'received' || row.state === 'waiting_for_customer');
    const complaintOf = new Map(candidates.filter((row) => row.state === 'waiting_for_customer' || row.missingDetails.length > 0).map((row) => [row.id, row]));
    if (complaintOf.size === 0) return;
    const answers = appended.filter((d) => complaintOf.has(d.complaintId) && recordOf.get(d.messageId)?.value.automated === false);
    // Only the complaint's own customer, known by a verified identity or signed in on their page,
    // can complete it: a name or an address anyone else writes into the thread is not theirs.
    const askers = await this.customers.find(
      store,
      answers.map((d) => {
        const message = recordOf.get(d.messageId)?.value;
        return {
          channel: message?.channel ?? '',
          conversation: message?.conversation ?? '',
          forwardedBy: message?.email?.forwardedBy,
          sender: message?.sender ?? {},
        };
      }),
    );
    for (const [i, decision] of answers.entries()) {
      const row = complaintOf.get(decision.complaintId);
      const record = recordOf.get(decision.messageId);
      // Written on the customer's page to this complaint: core checked the signed-in contact is theirs.
      const fromTheirPage = record?.value.customerPage?.complaintId === decision.complaintId;
      if (!row || !record || (askers[i] !== row.customerId && !fromTheirPage)) continue;
      const details = detailsFromAnswer(record.value, row.missingDetails as RequiredDetail[]);
      const correlationId = record.headers[CORRELATION_HEADER];
      if (row.state === 'waiting_for_customer') {
        await this.changes.apply(store, row, { type: 'customerAnswered', details }, { kind: 'customer', id: row.customerId }, now, correlationId);
      } else if (Object.keys(details).length > 0) {
        await this.changes.completeDetails(store, row, details, now, correlationId);
      }
    }
  }
}
