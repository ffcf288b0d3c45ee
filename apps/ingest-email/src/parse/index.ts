export { parseEmail } from './parse-email';
export { emailConversation, emailExternalId } from './email-external-id';
export {
  DEFAULT_EMAIL_LIMITS,
  type AutomatedReason,
  type DeliveryReport,
  type EmailAddress,
  type EmailAttachment,
  type EmailLimits,
  type ParsedEmail,
  type ParseEmailOptions,
  type ParseResult,
} from './parsed-email';
