import { v7 as uuidv7 } from 'uuid';
import type { InboundMessageV1 } from '@plaint/contracts';
import type { FetchedFiles } from './telegram-files';
import type { TelegramMessage } from './read-update';

/**
 * The bus message of a Telegram message. A redelivered update yields the same externalId
 * (bot, chat, message id), which core's inbox keeps once.
 */
export function toInboundMessage(message: TelegramMessage, files: FetchedFiles): InboundMessageV1 {
  const inbound: InboundMessageV1 = {
    id: uuidv7(),
    channel: 'telegram',
    externalId: message.externalId,
    conversation: message.chat,
    sender: { ...message.sender },
    text: message.text,
    attachments: files.attachments,
    receivedAt: message.sentAt.toISOString(),
    replyTo: message.chat,
    automated: false,
  };
  if (message.language) inbound.locale = message.language;
  if (message.editOf) inbound.editOf = message.editOf;
  if (files.problems.length > 0) inbound.attachmentProblems = files.problems;
  return inbound;
}

