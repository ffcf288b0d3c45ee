import type { AgentCommandV1, AgentTelegramOriginV1 } from '@plaint/contracts';
import { normalizeReference } from '@plaint/domain';

/** The parts of a Bot API Message that tell staff's messages apart (https://core.telegram.org/bots/api#message). */
export interface TgStaffMessage {
  message_id: number;
  date: number;
  edit_date?: number;
  chat: { id: number; type: string };
  from?: { id: number; is_bot?: boolean; first_name?: string; last_name?: string; username?: string };
  text?: string;
  caption?: string;
  /** True for a message written in a forum topic (not in the forum's General topic). */
  is_topic_message?: boolean;
  message_thread_id?: number;
  reply_to_message?: TgStaffMessage & { forum_topic_created?: { name?: string } };
}

/** Who is asking, as the process knows it: the staff bot and group, and whether the sender is a linked agent. */
export interface StaffContext {
  /** The bot that talks to staff (config.staff.telegramBot). */
  staffBot: string | undefined;
  /** The care team's supergroup (config.staff.telegramGroupId). */
  staffGroupId: string | undefined;
  /** Whether the sender of a direct chat is an agent who linked their Telegram account. */
  senderIsAgent: boolean;
}

/** An agent's message, with the key that keeps one complaint's commands in order. */
export interface AgentMessage {
  key: string;
  command: AgentCommandV1;
}

export type StaffReading = { kind: 'agent'; message: AgentMessage } | { kind: 'ignore'; why: string };

// A link code from the agent API: 8 letters or digits (its alphabet leaves out look-alikes), in
// any case and optionally split 4-4. A complaint reference (12 symbols) never looks like one.
const LINK_CODE = /^[0-9a-z]{4}-?[0-9a-z]{4}$/i;
const LINK_COMMAND = /^\/link(?:@\w+)?(?:\s|$)/iu;
const START_WITH_CODE = /^\/start(?:@\w+)?\s+(\S+)\s*$/u;
const WRITTEN_REFERENCE = /(?<![0-9A-Za-z-])[0-9A-Za-z]{4}-[0-9A-Za-z]{4}-[0-9A-Za-z]{4}(?![0-9A-Za-z-])/g;

/**
 * What staff wrote to the staff bot, or null when the message is not staff's (a customer's, to
 * be read as one). Everything in the staff group is staff's: a person's message there is an
 * agent's command (core refuses members who are not linked agents), and bots' and service
 * messages are left; none of it ever reaches customer intake. In a direct chat, a linked
 * agent's messages are commands, and so is a link attempt by anyone: `/link <code>`, or
 * `/start <code>` (the bot's deep link) with a payload shaped like a link code.
 */
export function readStaffMessage(bot: string, message: TgStaffMessage, edited: boolean, context: StaffContext): StaffReading | null {
  if (bot !== context.staffBot) return null;
  const chatId = String(message.chat.id);
  const text = (message.text ?? message.caption ?? '').trim();
  if (context.staffGroupId !== undefined && chatId === context.staffGroupId) {
    if (!message.from || message.from.is_bot) return { kind: 'ignore', why: 'a bot’s message in the staff group' };
    if (!text) return { kind: 'ignore', why: 'a service message or one without words in the staff group' };
    return { kind: 'agent', message: agentMessage(bot, message, text, edited, true) };
  }
  if (message.chat.type !== 'private' || !message.from || message.from.is_bot) return null;
  if (context.senderIsAgent || isLinkAttempt(text)) {
    if (!text) return { kind: 'ignore', why: 'an agent’s message without words' };
    return { kind: 'agent', message: agentMessage(bot, message, text, edited, false) };
  }
  return null;
}

/** `/link <anything>`, or `/start <code>` whose payload is shaped like a link code (not a reference). */
export function isLinkAttempt(text: string): boolean {
  if (LINK_COMMAND.test(text)) return true;
  const payload = START_WITH_CODE.exec(text)?.[1];
  return payload !== undefined && LINK_CODE.test(payload);
}

function agentMessage(bot: string, message: TgStaffMessage, text: string, edited: boolean, group: boolean): AgentMessage {
  const from = message.from ?? { id: 0 };
  const chatId = String(message.chat.id);
  const origin: AgentTelegramOriginV1 = { bot, userId: String(from.id), chatId, group, messageId: String(message.message_id) };
  const name = [from.first_name, from.last_name].filter(Boolean).join(' ').trim();
  if (from.username) origin.username = from.username;
  if (name) origin.name = name.slice(0, 200);
  if (message.is_topic_message && message.message_thread_id !== undefined) origin.threadId = String(message.message_thread_id);
  const replied = botMessageRepliedTo(message);
  const replyToText = replied?.text ?? replied?.caption;
  if (replyToText) origin.replyToText = replyToText.slice(0, 5000);
  if (edited) origin.edited = true;
  const reference = referenceIn(replyToText ?? '') ?? referenceIn(replied?.forum_topic_created?.name ?? '');
  const commandId = `${bot}:${chatId}:${message.message_id}`;
  const command: AgentCommandV1 = {
    commandId: edited ? `${commandId}:edit:${message.edit_date ?? message.date}` : commandId,
    source: 'telegram',
    receivedAt: new Date((message.edit_date ?? message.date) * 1000).toISOString(),
    text,
    telegram: origin,
  };
  if (reference) command.reference = reference;
  return { key: reference ?? `telegram:${origin.userId}`, command };
}

/**
 * The bot's message this one answers: a notification, or in a forum topic the topic's opening
 * (Telegram shows every message of a topic as a reply to it), whose name the bot gave as
 * "<reference> · <customer>". A reply to a person's message names nothing.
 */
function botMessageRepliedTo(message: TgStaffMessage): TgStaffMessage['reply_to_message'] | undefined {
  const replied = message.reply_to_message;
  return replied?.from?.is_bot ? replied : undefined;
}

/** The first complaint reference a text names, normalised. */
function referenceIn(text: string): string | null {
  for (const [written] of text.matchAll(WRITTEN_REFERENCE)) {
    const reference = normalizeReference(written);
    if (reference) return reference;
  }
  return null;
}
