import { createHmac, timingSafeEqual } from 'node:crypto';
import { normalizeReference } from './reference';

/**
 * The token that lets an agent answer a complaint from their own mailbox. A notification to an
 * agent carries it twice: as the +tag of its Reply-To (`care+r<reference><mac>@shop.example`)
 * and inside its Message-ID (`plaint-agent.r<reference><mac>.<id>@…`), which the reply names in
 * In-Reply-To and References. The MAC covers the complaint's reference and the agent's id, and
 * only the reference is in the token: whoever uses it must also write from the address of the
 * agent it was made for, or it does not verify. Lower-case only, since mail systems may change
 * the case of an address.
 */
const TOKEN = /^r([0-9a-z]{12})([0-9a-f]{16})$/;
const TAG_IN_ADDRESS = /^[^\s@+]+\+(r[0-9a-z]{12}[0-9a-f]{16})@/i;
const IN_MESSAGE_ID = /^<?plaint-agent\.(r[0-9a-z]{12}[0-9a-f]{16})\.[0-9a-z]{1,40}@[^\s@<>]+>?$/i;

function mac(secret: string, compactReference: string, agentId: string): string {
  return createHmac('sha256', secret).update(`agent-reply\u0000${compactReference}\u0000${agentId}`).digest('hex').slice(0, 16);
}

/** The token for agent `agentId` answering complaint `reference`. */
export function agentReplyToken(secret: string, reference: string, agentId: string): string {
  const compact = reference.replace(/-/g, '').toUpperCase();
  return `r${compact.toLowerCase()}${mac(secret, compact, agentId)}`;
}

/** The care address with the token as its +tag: where the agent's reply goes. */
export function agentReplyAddress(careAddress: string, token: string): string {
  const at = careAddress.lastIndexOf('@');
  return `${careAddress.slice(0, at)}+${token}${careAddress.slice(at)}`;
}

/** The Message-ID (without angle brackets) of notification `notificationId` carrying the token. */
export function agentMessageId(token: string, notificationId: string, domain: string): string {
  const id = notificationId.replace(/[^0-9a-z]/gi, '').toLowerCase().slice(0, 40);
  return `plaint-agent.${token}.${id}@${domain}`;
}

/**
 * The token a mail carries, unverified: in a recipient's +tag, else in a Message-ID it answers
 * (In-Reply-To first, then References from the newest). Null when it carries none.
 */
export function findAgentReplyToken(recipients: readonly string[], answeredIds: readonly string[]): string | null {
  for (const address of recipients) {
    const match = TAG_IN_ADDRESS.exec(address.trim());
    if (match?.[1]) return match[1].toLowerCase();
  }
  for (const id of answeredIds) {
    const match = IN_MESSAGE_ID.exec(id.trim());
    if (match?.[1]) return match[1].toLowerCase();
  }
  return null;
}

/** The complaint reference of a token made for `agentId`; null when it was not (or is forged). */
export function verifyAgentReplyToken(secret: string, token: string, agentId: string): string | null {
  const match = TOKEN.exec(token.trim().toLowerCase());
  if (!match) return null;
  const [, lower = '', given = ''] = match;
  const compact = lower.toUpperCase();
  const expected = mac(secret, compact, agentId);
  if (!timingSafeEqual(Buffer.from(given), Buffer.from(expected))) return null;
  return normalizeReference(compact);
}
