import { AuditLogEntity } from './audit-log.entity';
import { ChatConversationEntity, ChatLineEntity } from './chat.entity';
import { ComplaintEntity } from './complaint.entity';
import { CustomerEntity, CustomerIdentityEntity } from './customer.entity';
import { CustomerSessionEntity, CustomerSignInLinkEntity } from './customer-sign-in.entity';
import { EmailCursorEntity, QuarantinedEmailEntity } from './email.entity';
import { MessageEntity } from './message.entity';
import { NoticeEntity } from './notice.entity';
import { OutboxEntity } from './outbox.entity';
import {
  AgentCommandEntity,
  AgentEntity,
  AgentLinkCodeEntity,
  CallbackAttemptEntity,
  ComplaintHistoryEntity,
  CustomerMergeEntity,
  SlaAlertEntity,
  StaffNotificationEntity,
  StaffTopicEntity,
} from './policy.entity';

export * from './audit-log.entity';
export * from './chat.entity';
export * from './complaint.entity';
export * from './customer.entity';
export * from './customer-sign-in.entity';
export * from './email.entity';
export * from './message.entity';
export * from './notice.entity';
export * from './outbox.entity';
export * from './policy.entity';

export const ENTITIES = [
  CustomerEntity,
  CustomerIdentityEntity,
  ComplaintEntity,
  MessageEntity,
  OutboxEntity,
  NoticeEntity,
  ChatConversationEntity,
  ChatLineEntity,
  EmailCursorEntity,
  QuarantinedEmailEntity,
  ComplaintHistoryEntity,
  AgentEntity,
  SlaAlertEntity,
  CallbackAttemptEntity,
  CustomerMergeEntity,
  AuditLogEntity,
  AgentLinkCodeEntity,
  AgentCommandEntity,
  StaffNotificationEntity,
  StaffTopicEntity,
  CustomerSignInLinkEntity,
  CustomerSessionEntity,
];
