import { createHmac } from 'node:crypto';

/** What Meta's servers do: POST a notification to the webhook, signed with the app secret. */
export async function postMetaWebhook(
  baseUrl: string,
  body: unknown,
  signing: { appSecret: string } | { signature?: string },
): Promise<{ status: number; text: string }> {
  const raw = Buffer.from(JSON.stringify(body));
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if ('appSecret' in signing) headers['x-hub-signature-256'] = `sha256=${createHmac('sha256', signing.appSecret).update(raw).digest('hex')}`;
  else if (signing.signature) headers['x-hub-signature-256'] = signing.signature;
  const response = await fetch(`${baseUrl}/webhooks/meta`, { method: 'POST', headers, body: raw });
  return { status: response.status, text: await response.text() };
}

const seconds = (date: Date) => String(Math.floor(date.getTime() / 1000));

/** A WhatsApp Cloud API notification with one change of field `messages`. */
export function whatsappNotification(phoneNumberId: string, value: { contacts?: unknown[]; messages?: unknown[]; statuses?: unknown[] }): unknown {
  return {
    object: 'whatsapp_business_account',
    entry: [
      {
        id: 'WHATSAPP_BUSINESS_ACCOUNT_ID',
        changes: [
          {
            field: 'messages',
            value: { messaging_product: 'whatsapp', metadata: { display_phone_number: '994125550000', phone_number_id: phoneNumberId }, ...value },
          },
        ],
      },
    ],
  };
}

/** A customer's WhatsApp message (`content` is the type's own object: text, image, interactive …). */
export function whatsappMessage(
  phoneNumberId: string,
  customer: { waId: string; name: string },
  message: { id: string; type: string; content: unknown; at?: Date },
): unknown {
  return whatsappNotification(phoneNumberId, {
    contacts: [{ profile: { name: customer.name }, wa_id: customer.waId }],
    messages: [{ from: customer.waId, id: message.id, timestamp: seconds(message.at ?? new Date()), type: message.type, [message.type]: message.content }],
  });
}

/** A status of one of our WhatsApp messages. */
export function whatsappStatus(phoneNumberId: string, status: { id: string; status: string; recipient: string; errors?: unknown[]; at?: Date }): unknown {
  return whatsappNotification(phoneNumberId, {
    statuses: [
      {
        id: status.id,
        status: status.status,
        timestamp: seconds(status.at ?? new Date()),
        recipient_id: status.recipient,
        ...(status.errors && { errors: status.errors }),
      },
    ],
  });
}

/** A Messenger (`page`) or Instagram (`instagram`) notification with messaging events. */
export function messagingNotification(object: 'page' | 'instagram', accountId: string, events: unknown[]): unknown {
  return { object, entry: [{ id: accountId, time: Date.now(), messaging: events }] };
}

/** One messaging event from the customer to the account. */
export function messagingEvent(accountId: string, customerId: string, event: Record<string, unknown>, at: Date = new Date()): Record<string, unknown> {
  return { sender: { id: customerId }, recipient: { id: accountId }, timestamp: at.getTime(), ...event };
}
