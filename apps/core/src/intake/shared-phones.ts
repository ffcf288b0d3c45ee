import { Injectable } from '@nestjs/common';
import type { BusRecord } from '@plaint/bus';
import { CORRELATION_HEADER, type InboundMessageV1 } from '@plaint/contracts';
import type { IntakeDecision } from '@plaint/domain';
import { ComplaintJournal } from '../lifecycle/complaint-journal';
import type { StoreSession } from '../store/core-store';
import { CustomerDirectory } from './customer-directory';

/**
 * A phone number the customer shares later in the conversation (Telegram's "share my contact")
 * becomes their complaint's phone when it has none, so notices can fall back to it. Only from
 * the complaint's own customer, known by a verified identity.
 */
@Injectable()
export class TakeSharedPhones {
  constructor(
    private readonly customers: CustomerDirectory,
    private readonly journal: ComplaintJournal,
  ) {}

  async execute(store: StoreSession, decisions: readonly IntakeDecision[], records: readonly BusRecord<InboundMessageV1>[], now: Date): Promise<void> {
    const recordOf = new Map(records.map((record) => [record.value.id, record]));
    const sharing = decisions.flatMap((d) => {
      const record = recordOf.get(d.messageId);
      return d.kind === 'append' && record?.value.sender.phone && !record.value.automated ? [{ complaintId: d.complaintId, record }] : [];
    });
    if (sharing.length === 0) return;
    const complaints = new Map((await store.complaints.findByIds(sharing.map((s) => s.complaintId))).map((row) => [row.id, row]));
    const askers = await this.customers.find(
      store,
      sharing.map(({ record }) => ({ channel: record.value.channel, conversation: record.value.conversation, sender: record.value.sender })),
    );
    for (const [i, { complaintId, record }] of sharing.entries()) {
      const row = complaints.get(complaintId);
      if (!row || row.phone || askers[i] !== row.customerId) continue;
      row.phone = record.value.sender.phone ?? null;
      await store.complaints.save(row, now, ['phone']);
      const line = { actor: { kind: 'customer' as const, id: row.customerId }, from: row.state, to: row.state, why: 'customer shared their phone number' };
      await this.journal.write(store, row, [line], now, record.headers[CORRELATION_HEADER]);
    }
  }
}
