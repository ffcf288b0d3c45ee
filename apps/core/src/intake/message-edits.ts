import { Injectable } from '@nestjs/common';
import type { BusRecord } from '@plaint/bus';
import { CORRELATION_HEADER, type InboundMessageV1 } from '@plaint/contracts';
import type { MessageEntity } from '@plaint/persistence';
import { ComplaintJournal } from '../lifecycle/complaint-journal';
import type { StoreSession } from '../store/core-store';
import { toInboxRow } from './inbound-rows';

/** A message that changes an earlier one (a Telegram edit): never a complaint of its own. */
export const isEdit = (record: BusRecord<InboundMessageV1>): boolean => record.value.editOf !== undefined;

const QUOTED = 1500;

/**
 * A customer's edits of their earlier messages, in the batch's transaction: the stored message
 * takes the new text, and its complaint's history says what it was changed to. The edit is kept
 * in the inbox (so a redelivery changes nothing twice) but opens and answers nothing; an edit of
 * a message Plaint never received is only kept.
 */
@Injectable()
export class ApplyMessageEdits {
  constructor(private readonly journal: ComplaintJournal) {}

  async execute(store: StoreSession, edits: readonly BusRecord<InboundMessageV1>[], now: Date): Promise<void> {
    if (edits.length === 0) return;
    const originals = new Map<string, MessageEntity>();
    for (const channel of new Set(edits.map((edit) => edit.value.channel))) {
      const ofChannel = edits.filter((edit) => edit.value.channel === channel).map((edit) => edit.value.editOf ?? '');
      for (const row of await store.inbox.findByExternalIds(channel, ofChannel)) originals.set(`${channel}\u0000${row.externalId}`, row);
    }
    const rows: MessageEntity[] = [];
    for (const edit of edits) {
      const original = originals.get(`${edit.value.channel}\u0000${edit.value.editOf}`);
      const row = toInboxRow(edit, now);
      row.status = 'ignored';
      rows.push(row);
      if (!original) continue;
      row.complaintId = original.complaintId;
      await store.inbox.changeText(original.id, edit.value.text);
      original.text = edit.value.text;
      const complaint = original.complaintId ? await store.complaints.findById(original.complaintId) : null;
      if (!complaint) continue;
      const why = `The customer edited their message of ${original.receivedAt.toISOString()}; it now reads: ${edit.value.text.slice(0, QUOTED)}`;
      await this.journal.write(store, complaint, [{ actor: { kind: 'customer', id: complaint.customerId }, from: complaint.state, to: complaint.state, why }], now, edit.headers[CORRELATION_HEADER]);
    }
    await store.inbox.store(rows);
  }
}
