import type { ComplaintEventV1 } from '@plaint/contracts';

/** What a notice knows of the customer: only what they gave, never empty strings. */
export function eventCustomer(details: { name?: string | null; email?: string | null; phone?: string | null }): ComplaintEventV1['customer'] {
  const customer: ComplaintEventV1['customer'] = {};
  if (details.name) customer.name = details.name;
  if (details.email) customer.email = details.email;
  if (details.phone) customer.phone = details.phone;
  return customer;
}

/** An e-mail answer threads under the customer's message: In-Reply-To it, References up to it. */
export function answerThread(thread: { messageId: string; references: readonly string[] }): NonNullable<ComplaintEventV1['emailThread']> {
  return { inReplyTo: thread.messageId, references: [...thread.references, thread.messageId].slice(-50) };
}
