import { buildPayload, type TopicName, type TopicPayload } from '@plaint/contracts';
import type { EncodedOutgoingMessage, OutgoingMessage } from './message-bus';

/**
 * Validates every payload against its topic's contract, then encodes it as JSON: what a publish
 * does before anything is sent, so a publish with one bad payload sends none.
 */
export function encodePayloads<T extends TopicName>(topic: T, messages: readonly OutgoingMessage<TopicPayload<T>>[]): EncodedOutgoingMessage[] {
  return messages.map(({ key, value, headers }) => ({ key, json: JSON.stringify(buildPayload(topic, value)), headers }));
}
