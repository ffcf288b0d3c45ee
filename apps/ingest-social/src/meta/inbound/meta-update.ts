import type { NoticeReceiptState } from '@plaint/contracts';

/** The three Meta channels; each is also the notice route that answers on it. */
export type MetaChannel = 'whatsapp' | 'messenger' | 'instagram';

/** A file in a customer's message, still on Meta's side. */
export type MetaMediaRef =
  /** WhatsApp: an id the Graph API turns into a download URL. */
  | { source: 'whatsapp-media'; mediaId: string; label: string; filename?: string; contentType?: string }
  /** Messenger and Instagram: the attachment's own URL. */
  | { source: 'url'; url: string; label: string; filename?: string };

/** One customer message, read from a webhook, before its files are fetched. */
export interface MetaCustomerMessage {
  channel: MetaChannel;
  /** The platform's message id (wamid / mid): what Meta's repeated deliveries share. */
  messageId: string;
  /** Our number's phone_number_id, the Page id, or the Instagram account id. */
  businessId: string;
  /** wa_id, PSID or IGSID. */
  customerId: string;
  name?: string;
  /** WhatsApp only: the customer's number (the wa_id), E.164. */
  phone?: string;
  text: string;
  media: MetaMediaRef[];
  sentAt: Date;
}

/** What the platform reported about a message we sent. */
export interface MetaReceipt {
  eventId: string;
  route: MetaChannel;
  /** The message it is about; a watermark names the conversation and an instant instead. */
  messageId?: string;
  recipient?: string;
  upTo?: Date;
  state: NoticeReceiptState;
  reason?: string;
  occurredAt: Date;
}

/** What one webhook post carries that Plaint acts on; everything else is ignored. */
export interface MetaUpdate {
  messages: MetaCustomerMessage[];
  receipts: MetaReceipt[];
}



/** A date from seconds (WhatsApp) or milliseconds (Messenger, Instagram) since the epoch; now when absent. */
export function dateOf(value: unknown, unit: 's' | 'ms', fallback: Date): Date {
  const number = typeof value === 'string' ? Number(value) : value;
  if (typeof number !== 'number' || !Number.isFinite(number) || number <= 0) return fallback;
  const date = new Date(unit === 's' ? number * 1000 : number);
  return Number.isNaN(date.getTime()) ? fallback : date;
}
