const HOUR_MS = 60 * 60 * 1000;

/** Meta's customer-service window: free-form answers within 24 hours of the customer's last message. */
export const CUSTOMER_SERVICE_WINDOW_MS = 24 * HOUR_MS;
/** Messenger and Instagram: a person's (not an automatic) answer may follow for 7 days with the HUMAN_AGENT tag. */
export const HUMAN_AGENT_WINDOW_MS = 7 * 24 * HOUR_MS;

/** open: any text; human-agent: only an agent's reply, tagged; closed: nothing free-form. */
export type ServiceWindow = 'open' | 'human-agent' | 'closed';

/** Where `now` falls after the customer last wrote; never having written counts as closed. */
export function serviceWindow(customerWroteAt: Date | null, now: Date): ServiceWindow {
  if (!customerWroteAt) return 'closed';
  const since = now.getTime() - customerWroteAt.getTime();
  if (since < CUSTOMER_SERVICE_WINDOW_MS) return 'open';
  return since < HUMAN_AGENT_WINDOW_MS ? 'human-agent' : 'closed';
}
