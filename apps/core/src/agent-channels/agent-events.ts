import { randomUUID } from 'node:crypto';
import { AGENT_EVENTS_TOPIC, type AgentAudienceV1, type AgentEventType, type AgentEventV1, type DeskViewV1 } from '@plaint/contracts';
import type { OutgoingEvent } from '../store/outbox';

/** What one staff event says, before it gets its id and time. */
export interface AgentEventContent {
  type: AgentEventType;
  audience: AgentAudienceV1;
  complaint?: DeskViewV1;
  text?: string;
  /** The acting agent's display name. */
  actor?: string;
}

/** The most of an event's own words staff are sent (the contract's limit). */
const TEXT_CHARS = 10_000;

/**
 * A staff event on its way through the outbox to plaint.agent-events.v1, keyed by the complaint
 * (a command refused before any complaint was found is keyed by its sender).
 */
export function agentEvent(content: AgentEventContent, now: Date, key: string): OutgoingEvent {
  const event: AgentEventV1 = { eventId: randomUUID(), type: content.type, occurredAt: now.toISOString(), audience: content.audience };
  if (content.complaint) event.complaint = content.complaint;
  if (content.text) event.text = content.text.slice(0, TEXT_CHARS);
  if (content.actor) event.actor = content.actor;
  return { topic: AGENT_EVENTS_TOPIC, key, event };
}

/** Who is told of a complaint's news: its assignee, or every agent when nobody has it. */
export function assigneeOrQueue(assigneeId: string | null | undefined): AgentAudienceV1 {
  return assigneeId ? { agentIds: [assigneeId] } : { queue: true };
}
