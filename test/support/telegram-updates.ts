/**
 * Bot API Update objects (https://core.telegram.org/bots/api#update) as Telegram sends them to a
 * bot, for tests: private chats, whose id is the user's id.
 */
export interface TelegramCustomer {
  id: number;
  firstName: string;
  lastName?: string;
  username?: string;
  languageCode?: string;
}

let nextUpdateId = 100_000;

function from(customer: TelegramCustomer): Record<string, unknown> {
  return {
    id: customer.id,
    is_bot: false,
    first_name: customer.firstName,
    ...(customer.lastName ? { last_name: customer.lastName } : {}),
    ...(customer.username ? { username: customer.username } : {}),
    ...(customer.languageCode ? { language_code: customer.languageCode } : {}),
  };
}

function message(customer: TelegramCustomer, messageId: number, content: Record<string, unknown>): Record<string, unknown> {
  return {
    message_id: messageId,
    from: from(customer),
    chat: { id: customer.id, first_name: customer.firstName, type: 'private' },
    date: Math.floor(Date.now() / 1000),
    ...content,
  };
}

export function update(content: Record<string, unknown>): Record<string, unknown> & { update_id: number } {
  nextUpdateId += 1;
  return { update_id: nextUpdateId, ...content };
}

export const textUpdate = (customer: TelegramCustomer, messageId: number, text: string) => update({ message: message(customer, messageId, { text }) });

export const commandUpdate = (customer: TelegramCustomer, messageId: number, text: string) =>
  update({ message: message(customer, messageId, { text, entities: [{ offset: 0, length: text.split(' ')[0]?.length ?? 0, type: 'bot_command' }] }) });

export const photoUpdate = (customer: TelegramCustomer, messageId: number, fileId: string, caption: string) =>
  update({
    message: message(customer, messageId, {
      photo: [
        { file_id: `${fileId}-thumb`, file_unique_id: `${fileId}-t`, width: 90, height: 90, file_size: 1200 },
        { file_id: fileId, file_unique_id: `${fileId}-u`, width: 1280, height: 960 },
      ],
      caption,
    }),
  });

export const documentUpdate = (customer: TelegramCustomer, messageId: number, fileId: string, fileName: string, caption: string) =>
  update({ message: message(customer, messageId, { document: { file_id: fileId, file_unique_id: `${fileId}-u`, file_name: fileName, mime_type: 'application/pdf' }, caption }) });

export const voiceUpdate = (customer: TelegramCustomer, messageId: number, fileId: string, caption: string) =>
  update({ message: message(customer, messageId, { voice: { file_id: fileId, file_unique_id: `${fileId}-u`, duration: 4, mime_type: 'audio/ogg' }, caption }) });

export const contactUpdate = (customer: TelegramCustomer, messageId: number, phone: string, userId = customer.id) =>
  update({ message: message(customer, messageId, { contact: { phone_number: phone, first_name: customer.firstName, user_id: userId } }) });

export const stickerUpdate = (customer: TelegramCustomer, messageId: number) =>
  update({
    message: message(customer, messageId, {
      sticker: { file_id: 'sticker-1', file_unique_id: 's1', type: 'regular', width: 512, height: 512, is_animated: false, is_video: false, emoji: '😡' },
    }),
  });

export const editedTextUpdate = (customer: TelegramCustomer, messageId: number, text: string) =>
  update({ edited_message: { ...message(customer, messageId, { text }), edit_date: Math.floor(Date.now() / 1000) + 1 } });

export const groupTextUpdate = (customer: TelegramCustomer, groupId: number, messageId: number, text: string) =>
  update({ message: { ...message(customer, messageId, { text }), chat: { id: groupId, title: 'Neighbours', type: 'group' } } });

export const channelPostUpdate = (channelId: number, messageId: number, text: string) =>
  update({ channel_post: { message_id: messageId, chat: { id: channelId, title: 'Shop news', type: 'channel' }, date: Math.floor(Date.now() / 1000), text } });

export const pollAnswerUpdate = (customer: TelegramCustomer) => update({ poll_answer: { poll_id: 'p1', user: from(customer), option_ids: [0] } });

/**
 * The care team's supergroup in forum mode, as the Bot API shows it to a bot that is an admin
 * there: chat ids are -100…, a topic's messages carry is_topic_message and message_thread_id
 * (the id of the topic's opening service message), and a message written in a topic without
 * replying to anything arrives as a reply to that forum_topic_created message.
 */
export interface StaffGroup {
  id: number;
  title: string;
}

/** The bot itself as Telegram names it in `from` (its id is the number before the token's colon). */
export interface TelegramBotUser {
  id: number;
  username: string;
  firstName: string;
}

const supergroup = (group: StaffGroup) => ({ id: group.id, title: group.title, is_forum: true, type: 'supergroup' });
const botFrom = (bot: TelegramBotUser) => ({ id: bot.id, is_bot: true, first_name: bot.firstName, username: bot.username });
const now = () => Math.floor(Date.now() / 1000);

/** The service message that opened a topic (createForumTopic by the bot): the topic's id is its message_id. */
export function topicCreatedMessage(group: StaffGroup, bot: TelegramBotUser, threadId: number, name: string): Record<string, unknown> {
  return {
    message_id: threadId,
    message_thread_id: threadId,
    from: botFrom(bot),
    chat: supergroup(group),
    date: now() - 60,
    forum_topic_created: { name, icon_color: 7322096 },
    is_topic_message: true,
  };
}

/** A message the bot posted into a topic (a customer's message, a step). */
export function botTopicMessage(group: StaffGroup, bot: TelegramBotUser, threadId: number, messageId: number, text: string): Record<string, unknown> {
  return {
    message_id: messageId,
    message_thread_id: threadId,
    from: botFrom(bot),
    chat: supergroup(group),
    date: now() - 30,
    text,
    is_topic_message: true,
  };
}

/** A member's message in a topic: a reply to `replyTo`, or else to the topic's opening message. */
export function groupTopicUpdate(
  group: StaffGroup,
  member: TelegramCustomer,
  topic: { threadId: number; opening: Record<string, unknown> },
  messageId: number,
  text: string,
  replyTo: Record<string, unknown> = topic.opening,
) {
  return update({
    message: {
      message_id: messageId,
      message_thread_id: topic.threadId,
      from: from(member),
      chat: supergroup(group),
      date: now(),
      reply_to_message: replyTo,
      text,
      ...(text.startsWith('/') ? { entities: [{ offset: 0, length: text.split(' ')[0]?.length ?? 0, type: 'bot_command' }] } : {}),
      is_topic_message: true,
    },
  });
}

/** The same member's message after they edited it. */
export function editedGroupTopicUpdate(
  group: StaffGroup,
  member: TelegramCustomer,
  topic: { threadId: number; opening: Record<string, unknown> },
  messageId: number,
  text: string,
) {
  const original = groupTopicUpdate(group, member, topic, messageId, text).message as Record<string, unknown>;
  return update({ edited_message: { ...original, edit_date: now() + 1 } });
}

/** A message in the forum's General topic, which is no topic: no thread id, no is_topic_message. */
export const generalTopicUpdate = (group: StaffGroup, member: TelegramCustomer, messageId: number, text: string) =>
  update({ message: { message_id: messageId, from: from(member), chat: supergroup(group), date: now(), text } });

/** The service update Telegram sends when the bot opens a topic. */
export const topicCreatedUpdate = (group: StaffGroup, bot: TelegramBotUser, threadId: number, name: string) =>
  update({ message: topicCreatedMessage(group, bot, threadId, name) });

/** Another bot's message in the group (a bot sees other bots' messages only as replies or commands, but may). */
export const otherBotGroupUpdate = (group: StaffGroup, bot: TelegramBotUser, messageId: number, text: string) =>
  update({ message: { message_id: messageId, from: botFrom(bot), chat: supergroup(group), date: now(), text } });

/** A direct chat message that replies to a message the bot sent there (a notification). */
export const replyToBotUpdate = (member: TelegramCustomer, bot: TelegramBotUser, messageId: number, text: string, botMessage: { id: number; text: string }) =>
  update({
    message: message(member, messageId, {
      text,
      reply_to_message: {
        message_id: botMessage.id,
        from: botFrom(bot),
        chat: { id: member.id, first_name: member.firstName, type: 'private' },
        date: now() - 60,
        text: botMessage.text,
      },
    }),
  });
