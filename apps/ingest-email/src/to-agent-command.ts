import { createHash } from 'node:crypto';
import type { AgentCommandV1, AgentEmailOriginV1 } from '@plaint/contracts';
import { findAgentReplyToken, normalizeReference } from '@plaint/domain';
import type { AutomatedReason, ParsedEmail } from './parse';
import { removeSignature } from './parse/signature';

/** An agent's mail as it goes on the bus, with the key that keeps one complaint's commands in order. */
export interface AgentMail {
  key: string;
  command: AgentCommandV1;
}

// Limits of the contract (AgentCommandV1, AgentEmailOriginV1).
const MAX_COMMAND_ID = 300;
const MAX_HEADER = 998;

/**
 * The agent-reply token a mail carries, unverified (core verifies it against the sender), or
 * null for a customer's mail. It is found in a recipient's +tag (the notification's Reply-To),
 * else in a Message-ID the mail answers: In-Reply-To, References from the newest, and the
 * message a bounce reports on. A mail whose own Message-ID is an agent notification's is that
 * notification come back (a forwarding loop): it is an agent's mail too, never a complaint.
 */
export function agentTokenOf(email: ParsedEmail): string | null {
  const answered = [
    ...(email.inReplyTo ? [email.inReplyTo] : []),
    ...[...email.references].reverse(),
    ...(email.deliveryReport?.originalMessageId ? [email.deliveryReport.originalMessageId] : []),
    ...(email.messageId ? [email.messageId] : []),
  ];
  return findAgentReplyToken(email.recipients, answered);
}

/**
 * The command an agent's mail carries: what they wrote now, without the quoted notification
 * (already cut by the parser) and without their signature. Automatic mail (out-of-office,
 * auto-reply, bounce, our own notification come back) says why, so that core records it and
 * neither acts on it nor answers it.
 */
export function toAgentCommand(email: ParsedEmail, token: string, mail: { raw: Buffer; receivedAt: Date }): AgentMail {
  const origin: AgentEmailOriginV1 = { from: email.from?.address ?? '', token };
  if (email.messageId) origin.messageId = email.messageId;
  if (email.subject) origin.subject = email.subject.slice(0, MAX_HEADER);
  const automated = automatedReasonOf(email);
  if (automated) origin.automated = automated;
  const reference = referenceOfToken(token);
  return {
    key: reference ?? `email:${origin.from}`,
    command: {
      commandId: commandIdOf(email, mail.raw),
      source: 'email',
      receivedAt: mail.receivedAt.toISOString(),
      text: removeSignature(email.text),
      email: origin,
    },
  };
}

function automatedReasonOf(email: ParsedEmail): AutomatedReason | null {
  if (email.automated) return email.automated;
  // An agent notification's own Message-ID carries a token; an agent's reply's never does.
  return email.messageId && findAgentReplyToken([], [email.messageId]) ? 'own-notice' : null;
}

/**
 * The Message-ID when it has the shape of one (`left@right`), so a repeat of the same mail acts
 * once; else a hash of the raw mail. Telegram's command ids never hold an `@`, so no mail can
 * take the id of a Telegram message and have that message dropped as a repeat.
 */
function commandIdOf(email: ParsedEmail, raw: Buffer): string {
  const id = email.messageId;
  if (id && id.includes('@') && id.length <= MAX_COMMAND_ID) return id;
  return `sha256:${createHash('sha256').update(id ?? raw).digest('hex')}`;
}

/** The reference inside a token (`r<12 symbols><mac>`), unverified: only for the bus key. */
function referenceOfToken(token: string): string | null {
  return normalizeReference(token.slice(1, 13));
}
