import { randomInt } from 'node:crypto';
import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import * as smpp from 'smpp';
import { PLAINT_CONFIG, type PlaintConfig } from '@plaint/config';
import type { NoticeEntity } from '@plaint/persistence';
import type { DeliveryOutcome, NoticeTransport } from '../delivery/notice-transport';
import { deliveryReceipt, type SmsReceipt } from './delivery-receipt';
import { SendRate } from './send-rate';
import { SmppLink } from './smpp-link';
import { concatenationHeader, DATA_CODING, smsText, type SmsText } from './sms-text';
import { submitRefusal } from './submit-refusal';

const UDH_INDICATOR = 0x40;
/** registered_delivery: a receipt on the final outcome, success or failure. */
const RECEIPT_ON_FINAL_OUTCOME = 0x01;
/** Message ids this process submitted lately, whose receipt may overtake the record of the send. */
const RECENT_IDS = 10_000;
/** Notices whose first parts went out before a temporary refusal; the rest follow on the retry. */
const UNFINISHED = 1_000;

/** Records a receipt on its notice; false when no notice has that message id (yet). */
export type SmsReceiptRecorder = (receipt: SmsReceipt) => Promise<boolean>;

interface Progress {
  reference: number;
  messageIds: string[];
}

/**
 * Notices by SMS through an SMPP gateway (PLAINT_SMPP_URL), for customers who gave only a phone
 * number: the text in GSM 7-bit or UCS-2, concatenated parts under one reference, at the
 * gateway's rate, with a delivery receipt asked for on the last part. The notice's message id is
 * that last part's: the handset shows the text once the last part arrives, and its receipt is
 * the one recorded. A part the gateway refuses for now is retried without sending the accepted
 * parts again (within this process).
 */
@Injectable()
export class SmsNoticeTransport implements NoticeTransport, OnApplicationBootstrap {
  readonly route = 'sms' as const;
  private readonly logger = new Logger(SmsNoticeTransport.name);
  private readonly link: SmppLink | undefined;
  private readonly rate: SendRate;
  private readonly source: { source_addr_ton: number; source_addr_npi: number; source_addr: string };
  private reference = randomInt(256);
  private readonly unfinished = new Map<string, Progress>();
  private readonly recent = new Set<string>();
  private recorder: SmsReceiptRecorder | undefined;

  constructor(@Inject(PLAINT_CONFIG) private readonly config: PlaintConfig) {
    const { gateway, enquireLinkMs, ratePerSecond, sourceAddr } = config.sms;
    this.link = gateway ? new SmppLink(gateway, enquireLinkMs, (pdu) => this.received(pdu)) : undefined;
    this.rate = new SendRate(ratePerSecond);
    this.source = sourceAddress(sourceAddr);
  }

  get enabled(): boolean {
    return this.link !== undefined;
  }

  /** Binds at start, so receipts the gateway kept while Plaint was down arrive without waiting for a send. */
  onApplicationBootstrap(): void {
    this.link?.open();
  }

  /** Where receipts go (notifier.module.ts wires RecordNoticeReceipts here). */
  recordReceiptsWith(recorder: SmsReceiptRecorder): void {
    this.recorder = recorder;
  }

  async send(notice: NoticeEntity): Promise<DeliveryOutcome> {
    if (!this.link || !notice.recipient) return { ok: false, permanent: false, reason: 'SMS delivery is not configured' };
    const text = smsText(notice.text);
    const { maxParts } = this.config.sms;
    if (text.parts.length > maxParts) {
      return { ok: false, permanent: true, reason: `the notice is too long for SMS: ${text.parts.length} parts, at most ${maxParts} (PLAINT_SMPP_MAX_PARTS)` };
    }
    const progress = this.unfinished.get(notice.id) ?? { reference: this.nextReference(), messageIds: [] };
    this.unfinished.delete(notice.id);
    for (let part = progress.messageIds.length; part < text.parts.length; part += 1) {
      await this.rate.take();
      const outcome = await this.submitPart(notice.recipient, text, part, progress.reference);
      if (typeof outcome !== 'string') {
        if (!outcome.permanent && progress.messageIds.length > 0) {
          this.unfinished.set(notice.id, progress);
          trim(this.unfinished, UNFINISHED);
        }
        return outcome;
      }
      progress.messageIds.push(outcome);
      this.recent.add(outcome);
      trim(this.recent, RECENT_IDS);
    }
    return { ok: true, messageId: progress.messageIds.at(-1) };
  }

  async close(): Promise<void> {
    await this.link?.close();
  }

  /** The message id the gateway gave the part, or why it did not take it. */
  private async submitPart(phone: string, text: SmsText, part: number, reference: number): Promise<string | Extract<DeliveryOutcome, { ok: false }>> {
    const total = text.parts.length;
    const payload = text.parts[part] ?? Buffer.alloc(0);
    const last = part === total - 1;
    try {
      const response = await this.link!.request('submit_sm', {
        ...this.source,
        dest_addr_ton: 1, // international: the recipient is an E.164 number
        dest_addr_npi: 1,
        destination_addr: phone.replace(/^\+/, ''),
        esm_class: total > 1 ? UDH_INDICATOR : 0,
        registered_delivery: last ? RECEIPT_ON_FINAL_OUTCOME : 0,
        data_coding: DATA_CODING[text.encoding],
        short_message: total > 1 ? Buffer.concat([concatenationHeader(reference, total, part + 1), payload]) : payload,
      });
      if (response.command_status !== smpp.ESME_ROK) return submitRefusal(response.command_status);
      if (!response.message_id) return { ok: false, permanent: false, reason: 'the SMS gateway accepted the message without giving its id' };
      return response.message_id;
    } catch (error) {
      return { ok: false, permanent: false, reason: (error as Error).message };
    }
  }

  /**
   * A deliver_sm from the gateway. A receipt for a message this process sent a moment ago whose
   * send is not recorded yet is answered with a temporary error, so the gateway sends it again;
   * anything else is answered as taken. Messages from phones are not a channel of Plaint.
   */
  private async received(pdu: smpp.Pdu): Promise<number> {
    const receipt = deliveryReceipt(pdu);
    if (!receipt) return smpp.ESME_ROK;
    if (!this.recorder) return smpp.ESME_RX_T_APPN;
    const known = await this.recorder(receipt);
    if (!known && this.recent.has(receipt.messageId)) return smpp.ESME_RX_T_APPN;
    if (!known) this.logger.warn(`a delivery receipt for message ${receipt.messageId} matches no SMS notice`);
    return smpp.ESME_ROK;
  }

  private nextReference(): number {
    this.reference = (this.reference + 1) % 256;
    return this.reference;
  }

}

/** Keeps a collection to `limit` entries by dropping the oldest. */
function trim(collection: Set<string> | Map<string, unknown>, limit: number): void {
  const oldest = collection.keys().next();
  if (collection.size > limit && !oldest.done) collection.delete(oldest.value);
}

/** The sender: a name (alphanumeric), an international number (+…), or a short code. */
function sourceAddress(sourceAddr: string | undefined): { source_addr_ton: number; source_addr_npi: number; source_addr: string } {
  if (!sourceAddr) return { source_addr_ton: 0, source_addr_npi: 0, source_addr: '' };
  if (/[A-Za-z]/.test(sourceAddr)) return { source_addr_ton: 5, source_addr_npi: 0, source_addr: sourceAddr };
  if (sourceAddr.startsWith('+')) return { source_addr_ton: 1, source_addr_npi: 1, source_addr: sourceAddr.slice(1) };
  return { source_addr_ton: 3, source_addr_npi: 0, source_addr: sourceAddr };
}
