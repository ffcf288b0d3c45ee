import type { ChatDeliveryV1, ComplaintEventV1 } from '@plaint/contracts';
import type { NoticeEntity } from '@plaint/persistence';
import { addressNotice } from './notice-route';

/**
 * An agent's reply in the live chat is a line of conversation: the agent's words under their
 * first name, without the written notice's salutation, reference and signature. Everywhere else
 * (e-mail, Telegram, SMS …) and for the policy's notices in the chat (received, accepted,
 * extended, resolved …) the formal wording stays.
 */
export function isAgentLineInChat(event: ComplaintEventV1): boolean {
  return event.type === 'complaint.reply' && addressNotice(event).kind === 'chat';
}

/** The agent's words of a reply, as the chat shows them. */
export function agentWords(event: ComplaintEventV1): string {
  const words = event.step?.message?.trim();
  if (!words) throw new Error(`${event.type} event ${event.eventId} gives no step.message`);
  return words;
}

/** The chat line a notice is: an agent's (with the first name) or ours (with the reference box). */
export function chatLineOf(notice: NoticeEntity, event: ComplaintEventV1 | undefined): ChatDeliveryV1 {
  const line: ChatDeliveryV1 = {
    id: notice.id,
    conversationId: notice.recipient ?? '',
    from: 'plaint',
    text: notice.text,
    sentAt: notice.createdAt.toISOString(),
  };
  if (notice.eventType !== 'complaint.reply') return { ...line, reference: notice.reference };
  const author = event?.step?.author?.trim();
  return author ? { ...line, from: 'agent', authorName: author } : { ...line, from: 'agent' };
}
