import { randomUUID } from 'node:crypto';
import type { InboundMessageV1 } from '../../libs/contracts/src';

/**
 * A customer's mail as the mailbox adapter publishes it, for tests that put mail on the inbound
 * topic themselves (their install reads no mailbox).
 */
export function inboundMail(mail: {
  from: { name?: string; email: string };
  text: string;
  conversation: string;
  receivedAt: Date;
  mailbox: string;
  subject?: string;
}): InboundMessageV1 {
  return {
    id: randomUUID(),
    channel: 'email',
    externalId: `<${randomUUID()}@customer.test>`,
    conversation: mail.conversation,
    sender: mail.from,
    text: mail.text,
    attachments: [],
    receivedAt: mail.receivedAt.toISOString(),
    automated: false,
    replyTo: mail.from.email,
    email: { mailbox: mail.mailbox, references: [], subject: mail.subject ?? 'Complaint', rawUri: 'file:0000', mentionedReferences: [] },
  };
}
