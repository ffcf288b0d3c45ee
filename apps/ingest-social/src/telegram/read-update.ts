import { type Language, toE164Phone } from '@plaint/contracts';
import { isSignInRequest, normalizeReference } from '@plaint/domain';
import { telegramChat } from '@plaint/telegram';
import { type AgentMessage, readStaffMessage, type StaffContext, type TgStaffMessage } from './read-staff-message';

/** The parts of a Bot API Update that Plaint reads (https://core.telegram.org/bots/api#update). */
interface TgUser {
  id: number;
  is_bot?: boolean;
  first_name?: string;
  last_name?: string;
  username?: string;
  language_code?: string;
}
interface TgFile {
  file_id: string;
  file_unique_id?: string;
  file_size?: number;
  file_name?: string;
  mime_type?: string;
}
interface TgMessage extends TgStaffMessage {
  from?: TgUser;
  text?: string;
  caption?: string;
  photo?: TgFile[];
  document?: TgFile;
  voice?: TgFile;
  audio?: TgFile;
  video?: TgFile;
  contact?: { phone_number: string; user_id?: number };
}

/** A file the customer sent, to fetch with getFile. */
export interface SentFile {
  fileId: string;
  filename: string;
  contentType: string;
  /** As Telegram states it, when it does. */
  size: number | undefined;
}

/** A customer's message on a bot's private chat, read from an update. */
export interface TelegramMessage {
  bot: string;
  chatId: string;
  /** `<bot>:<chat id>`: the conversation and where answers go. */
  chat: string;
  externalId: string;
  /** For an edit: the externalId of the message it changes. */
  editOf?: string;
  sender: { platformId: string; name?: string; username?: string; phone?: string };
  /** The customer's language when Telegram tells one we write in. */
  language: Language | undefined;
  text: string;
  files: SentFile[];
  sentAt: Date;
}

export type DirectReply = 'greeting' | 'ask-for-words';

/** What an update asks of Plaint. */
export type UpdateReading =
  | { kind: 'message'; message: TelegramMessage }
  /** Staff's message to the staff bot: an agent's command for core, never a customer's message. */
  | { kind: 'agent'; message: AgentMessage }
  /** Answered by the bot itself at once; nothing reaches a complaint. */
  | { kind: 'reply'; bot: string; chatId: string; reply: DirectReply; language: Language | undefined }
  /** Group chats, channel posts, bots, update kinds Plaint does not read. */
  | { kind: 'ignore'; why: string };

const LANGUAGES: readonly string[] = ['az', 'ru', 'en'];

const NO_STAFF: StaffContext = { staffBot: undefined, staffGroupId: undefined, senderIsAgent: false };

/**
 * Turns one update of `bot` into what Plaint does with it. Never throws on an unknown shape.
 * Staff's messages (the staff group, linked agents' direct chats, link attempts) are read first,
 * so that none of them is ever taken for a customer's.
 */
export function readUpdate(bot: string, update: Record<string, unknown>, staff: StaffContext = NO_STAFF): UpdateReading {
  const edited = isMessage(update.edited_message) ? update.edited_message : undefined;
  const message = isMessage(update.message) ? update.message : edited;
  if (!message) return { kind: 'ignore', why: `update of kind ${Object.keys(update).filter((key) => key !== 'update_id').join(', ') || 'none'}` };
  const staffReading = readStaffMessage(bot, message, edited !== undefined, staff);
  if (staffReading) return staffReading;
  if (message.chat.type !== 'private') return { kind: 'ignore', why: `a ${message.chat.type} chat` };
  const from = message.from;
  if (!from || from.is_bot) return { kind: 'ignore', why: 'not written by a person' };

  const chatId = String(message.chat.id);
  const language = languageOf(from.language_code);
  const reply = (kind: DirectReply): UpdateReading => ({ kind: 'reply', bot, chatId, reply: kind, language });
  const externalId = `${bot}:${chatId}:${message.message_id}`;
  const read: TelegramMessage = {
    bot,
    chatId,
    chat: telegramChat(bot, chatId),
    externalId: edited ? `${externalId}:edit:${message.edit_date ?? message.date}` : externalId,
    sender: senderOf(from),
    language,
    text: (message.text ?? message.caption ?? '').trim(),
    files: filesOf(message),
    sentAt: new Date((message.edit_date ?? message.date) * 1000),
  };
  if (edited) return read.text ? { kind: 'message', message: { ...read, editOf: externalId, files: [] } } : { kind: 'ignore', why: 'an edit without text' };

  const start = /^\/start(?:@\w+)?(?:\s+(\S+))?\s*$/u.exec(read.text);
  if (start) {
    // t.me/<bot>?start=signin: a link to the customer's page, which core sends back into this chat.
    if (isSignInRequest(read.text)) return { kind: 'message', message: { ...read, text: '/signin' } };
    // A deep link t.me/<bot>?start=<reference>: asks for that complaint's status, which core
    // answers only to that complaint's own customer.
    const reference = start[1] ? normalizeReference(start[1]) : null;
    return reference ? { kind: 'message', message: { ...read, text: `/status ${reference}` } } : reply('greeting');
  }
  // Other commands (/help, /menu…) are not complaints: the greeting says what the bot does.
  // /status goes on to core, which answers status requests on every channel, and so does
  // /signin, which core answers with a link to the customer's page.
  const command = /^\/(\w+)(?:@\w+)?$/u.exec(read.text)?.[1]?.toLowerCase();
  if (command !== undefined && command !== 'status' && !isSignInRequest(read.text)) return reply('greeting');
  if (message.contact) {
    // Only the customer's own number (Telegram's "share my contact") is theirs.
    if (message.contact.user_id !== from.id) return reply('ask-for-words');
    // Telegram gives the number in international form, with or without the plus.
    const phone = toE164Phone(`+${message.contact.phone_number.replace(/^\+/, '')}`);
    return phone ? { kind: 'message', message: { ...read, sender: { ...read.sender, phone } } } : reply('ask-for-words');
  }
  if (!read.text && read.files.length === 0) return reply('ask-for-words');
  return { kind: 'message', message: read };
}

function isMessage(value: unknown): value is TgMessage {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Partial<TgMessage>;
  return typeof candidate.message_id === 'number' && typeof candidate.date === 'number' && typeof candidate.chat?.id === 'number';
}

function languageOf(code: string | undefined): Language | undefined {
  const primary = code?.toLowerCase().split(/[-_]/)[0];
  return primary && LANGUAGES.includes(primary) ? (primary as Language) : undefined;
}

function senderOf(from: TgUser): TelegramMessage['sender'] {
  const name = [from.first_name, from.last_name].filter(Boolean).join(' ').trim();
  const sender: TelegramMessage['sender'] = { platformId: String(from.id) };
  if (name) sender.name = name;
  if (from.username) sender.username = from.username;
  return sender;
}

function filesOf(message: TgMessage): SentFile[] {
  const files: SentFile[] = [];
  // Telegram sends each photo in several sizes, smallest first: the largest is the one to keep.
  const photo = message.photo?.at(-1);
  if (photo) files.push(describe(photo, `photo-${message.message_id}.jpg`, 'image/jpeg'));
  if (message.document) files.push(describe(message.document, `document-${message.message_id}`, 'application/octet-stream'));
  if (message.voice) files.push(describe(message.voice, `voice-${message.message_id}.ogg`, 'audio/ogg'));
  if (message.audio) files.push(describe(message.audio, `audio-${message.message_id}`, 'audio/mpeg'));
  if (message.video) files.push(describe(message.video, `video-${message.message_id}.mp4`, 'video/mp4'));
  return files;
}

function describe(file: TgFile, fallbackName: string, fallbackType: string): SentFile {
  return {
    fileId: file.file_id,
    filename: (file.file_name ?? fallbackName).slice(0, 300),
    contentType: (file.mime_type ?? fallbackType).slice(0, 200),
    size: file.file_size,
  };
}

/** The sender of a direct chat's message, whose being a linked agent decides how it is read. */
export function privateSenderOf(update: Record<string, unknown>): string | undefined {
  const message = isMessage(update.message) ? update.message : isMessage(update.edited_message) ? update.edited_message : undefined;
  if (message?.chat.type !== 'private' || !message.from || message.from.is_bot) return undefined;
  return String(message.from.id);
}
