// Shared by the bus's own tests: valid inbound messages and a polling wait.
import { INBOUND_TOPIC, type InboundMessageV1 } from '@plaint/contracts';
import type { BatchHandler, BusRecord, OutgoingMessage } from './message-bus';

export { INBOUND_TOPIC };

/** A valid `plaint.inbound.v1` message with the given id, keyed by `customer`. */
export function inboundMessage(id: string, customer = 'aysel@example.az'): OutgoingMessage<InboundMessageV1> {
  const value: InboundMessageV1 = {
    id,
    channel: 'email',
    externalId: `<${id}@mail.example.az>`,
    conversation: `thread-${customer}`,
    sender: { email: customer },
    text: `message ${id}`,
    attachments: [],
    receivedAt: '2026-11-24T10:00:00.000Z',
    automated: false,
  };
  return { key: customer, value, headers: { 'plaint-correlation-id': `corr-${id}` } };
}

/** Polls until `condition` holds; fails with `what` after `timeoutMs`. */
export async function eventually(what: string, condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** A batch handler from a plain function: whatever it throws becomes the rejection the bus sees. */
export function handle<T>(fn: (records: readonly BusRecord<T>[]) => void): BatchHandler<T> {
  return (records) => Promise.resolve().then(() => fn(records));
}
