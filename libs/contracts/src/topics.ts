import { AgentCommandV1 } from './agent-command.v1';
import { AgentEventV1 } from './agent-event.v1';
import { ChatDeliveryV1 } from './chat-delivery.v1';
import { ComplaintEventV1 } from './complaint-event.v1';
import { CustomerSignInLinkV1 } from './customer-sign-in.v1';
import { InboundMessageV1 } from './inbound-message.v1';
import { NoticeReceiptV1 } from './notice-receipt.v1';
import { NoticeUndeliveredV1 } from './notice-undelivered.v1';
import { TelegramUpdateV1 } from './telegram-update.v1';

/**
 * The one map from topic name to payload class. A breaking change to a payload is a new topic
 * (".v2"), never an edit of an existing class.
 */
export const TOPICS = {
  'plaint.inbound.v1': InboundMessageV1,
  'plaint.complaint-events.v1': ComplaintEventV1,
  'plaint.delivery.chat.v1': ChatDeliveryV1,
  'plaint.notice-undelivered.v1': NoticeUndeliveredV1,
  'plaint.notice-receipts.v1': NoticeReceiptV1,
  'plaint.telegram-updates.v1': TelegramUpdateV1,
  'plaint.agent-commands.v1': AgentCommandV1,
  'plaint.agent-events.v1': AgentEventV1,
  'plaint.customer-sign-in.v1': CustomerSignInLinkV1,
} as const;

export type TopicName = keyof typeof TOPICS;
export type TopicPayload<T extends TopicName> = InstanceType<(typeof TOPICS)[T]>;

export const INBOUND_TOPIC = 'plaint.inbound.v1' satisfies TopicName;
export const COMPLAINT_EVENTS_TOPIC = 'plaint.complaint-events.v1' satisfies TopicName;
export const CHAT_DELIVERY_TOPIC = 'plaint.delivery.chat.v1' satisfies TopicName;
export const NOTICE_UNDELIVERED_TOPIC = 'plaint.notice-undelivered.v1' satisfies TopicName;
export const NOTICE_RECEIPTS_TOPIC = 'plaint.notice-receipts.v1' satisfies TopicName;
export const TELEGRAM_UPDATES_TOPIC = 'plaint.telegram-updates.v1' satisfies TopicName;
export const AGENT_COMMANDS_TOPIC = 'plaint.agent-commands.v1' satisfies TopicName;
export const AGENT_EVENTS_TOPIC = 'plaint.agent-events.v1' satisfies TopicName;
export const CUSTOMER_SIGN_IN_TOPIC = 'plaint.customer-sign-in.v1' satisfies TopicName;

/** Kafka header carrying the correlation id from the channel to the notice. */
export const CORRELATION_HEADER = 'plaint-correlation-id';

export function isTopicName(name: string): name is TopicName {
  return Object.prototype.hasOwnProperty.call(TOPICS, name);
}
