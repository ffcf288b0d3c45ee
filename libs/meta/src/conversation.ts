/**
 * A Meta conversation as Plaint stores it (a complaint's replyTo, a notice's recipient): our
 * side (the WhatsApp phone-number id, the Facebook page or Instagram account) and the customer's
 * id on it, as `<business id>:<customer id>`.
 */
export function conversationOf(message: { businessId: string; customerId: string }): string {
  return `${message.businessId}:${message.customerId}`;
}

/** The inverse of conversationOf; undefined for anything else. */
export function parseConversation(recipient: string): { businessId: string; customerId: string } | undefined {
  const match = /^([^:\s]+):([^:\s]+)$/.exec(recipient);
  return match ? { businessId: match[1]!, customerId: match[2]! } : undefined;
}
